using System.Net.Http.Json;
using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Capture;

/// <summary>The engine behind a reverse proxy on 10.0.0.0/8.</summary>
public sealed class BehindProxyApp() : MarketingApp(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Marketing:Http:TrustedProxies:0"] = "10.0.0.0/8",
    };
}

public sealed class TrustedProxyFacts(BehindProxyApp app) : IClassFixture<BehindProxyApp>
{
    [Theory]
    [InlineData("10.1.2.3", "198.51.100.9", "198.51.100.9")]
    [InlineData("192.0.2.1", "198.51.100.10", "192.0.2.1")]
    public async Task EvidenceRecordsTheVisitorsAddress_OnlyWhenTheProxyIsTrusted(string peer, string forwardedFor, string recorded)
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var email = $"proxy.{Guid.NewGuid():N}@example.com";
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.SubmitPath)
        {
            Content = JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { email }, [scenario.Newsletter])),
        };
        request.Headers.Add(TestEndpoints.ClientAddressHeader, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);

        var response = await browser.SendAsync(request);

        response.EnsureSuccessStatusCode();
        Assert.Equal(recorded, app.InScope(db => db.ConsentEvents.Single(e => e.Identifier == email).IpAddress));
    }
}
