using System.Net;
using System.Net.Http.Json;
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
    public async Task Dashboard_IsServedToSignedInAdminsOnly_AndSendsOthersToSignIn()
    {
        using var anonymous = Web.WebSession.Anonymous(app);
        using var admin = await Dashboards.AdminAsync(app);
        using var marketer = await Web.WebSession.SignInAsync(app, await Web.WebUsers.CreateAsync(app, ApiKeyRole.Marketer));

        var challenge = await anonymous.Client.GetAsync("/admin/jobs");
        var page = await admin.Client.GetAsync("/admin/jobs");
        var forbidden = await marketer.Client.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=%2Fadmin%2Fjobs", challenge.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Marketing jobs", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}

public sealed class JobFacts_OnSqlite(SqliteApp app) : JobFacts<SqliteApp>(app);

public sealed class JobFacts_OnPostgres(PostgresApp app) : JobFacts<PostgresApp>(app);
