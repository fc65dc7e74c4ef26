using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.PublicEndpoints;

/// <summary>The engine with small public limits, so that tests can reach them in a few requests.</summary>
public sealed class TightLimitsApp() : MarketingApp(DatabaseProvider.Sqlite)
{
    public const int Permits = 5;
    public const int MaxBodyBytes = 2048;

    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Marketing:Public:RateLimitPermits"] = $"{Permits}",
        ["Marketing:Public:RateLimitWindowSeconds"] = "3600",
        ["Marketing:Public:MaxBodyBytes"] = $"{MaxBodyBytes}",
    };
}

public sealed class PublicLimitsFacts(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task PublicEndpoints_Return429Problem_OnceAnAddressUsesItsPermits()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        await admin.PutAsJsonAsync("/api/admin/sites/limited", new { name = "Limited", origins = Array.Empty<string>() });
        using var browser = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TightLimitsApp.Permits + 2; i++)
        {
            statuses.Add((await browser.GetAsync("/public/sites/limited")).StatusCode);
        }

        var rejected = await browser.GetAsync("/public/sites/limited");
        Assert.Equal(TightLimitsApp.Permits, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.True(rejected.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/sites/limited")).StatusCode);
    }

    [Fact]
    public async Task PublicEndpoints_Return413NamingTheBody_ForABodyOverTheLimit()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync(TestEndpoints.PublicEcho, new StringContent(new string('x', TightLimitsApp.MaxBodyBytes + 1)));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task PublicEndpoints_ReadABodyWithinTheLimit()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync(TestEndpoints.PublicEcho, new StringContent(new string('x', TightLimitsApp.MaxBodyBytes - 100), Encoding.ASCII));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"read {TightLimitsApp.MaxBodyBytes - 100} characters", await response.Content.ReadAsStringAsync());
    }
}
