using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Jobs;

public abstract class JobFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task ScheduledProbe_RunsOnceAfterItsDelay()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var response = await admin.PostAsJsonAsync("/api/admin/diagnostics/probes", new { delaySeconds = 1 });
        var probe = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = response.Headers.Location!.ToString();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, probe.GetProperty("runCount").GetInt32());
        var ran = await Eventually.ReturnsAsync(async () => (await admin.GetFromJsonAsync<JsonElement>(url)).GetProperty("runCount").GetInt32(), count => count > 0, TimeSpan.FromSeconds(30));
        var idle = await JobsIdle.WaitAsync(app.Services.GetRequiredService<Hangfire.JobStorage>(), TimeSpan.FromSeconds(60));
        Assert.Equal(1, ran);
        Assert.True(idle, "Hangfire still held scheduled, enqueued or running jobs");
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>(url)).GetProperty("runCount").GetInt32());
    }

    [Fact]
    public async Task ScheduleProbe_Returns400NamingTheField_ForANegativeDelay()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var response = await admin.PostAsJsonAsync("/api/admin/diagnostics/probes", new { delaySeconds = -1 });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("delaySeconds", out _));
    }

    [Fact]
    public async Task Dashboard_IsServedToAdminsOnly_AndAsksBrowsersForTheKey()
    {
        using var anonymous = app.CreateClient();
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = Basic(await app.CreateKeyAsync(ApiKeyRole.Admin));
        using var marketer = app.CreateClient();
        marketer.DefaultRequestHeaders.Authorization = Basic(await app.CreateKeyAsync(ApiKeyRole.Marketer));

        var challenge = await anonymous.GetAsync("/admin/jobs");
        var page = await admin.GetAsync("/admin/jobs");
        var forbidden = await marketer.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.StartsWith("Basic", challenge.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Marketing jobs", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string key) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"browser:{key}")));
}

public sealed class JobFacts_OnSqlite(SqliteApp app) : JobFacts<SqliteApp>(app);

public sealed class JobFacts_OnPostgres(PostgresApp app) : JobFacts<PostgresApp>(app);
