using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Consent;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Compliance;

/// <summary>Export E7, the cookie-consent log (R28), on both providers.</summary>
public abstract class CookieConsentExportFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task CsvExport_HoldsEachChoice_WithItsVersionHash_BesideTheConfigurationItNames_AndAManifestThatMatches()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        var custom = scenario.Choice();
        var refusal = scenario.Choice(action: "reject_all", analytics: false);
        await RecordAsync(scenario, custom, "198.51.100.23");
        await RecordAsync(scenario, refusal, "2001:db8:1234:5678::9");
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var export = await Exports.DownloadAsync(compliance, $"/api/admin/compliance/cookie-consents?format=csv&siteId={scenario.Site}");

        var rows = Exports.ReadCsv(export.First);
        Assert.Equal(2, rows.Count);
        var first = rows.Single(r => r["ConsentId"] == (string)custom["consentId"]!);
        Assert.Equal(scenario.Sha256, first["BannerSha256"]);
        Assert.Equal("1", first["BannerVersion"]);
        Assert.Equal("custom", first["Action"]);
        Assert.Equal("analytics essential", first["GrantedCategories"]);
        Assert.Equal("marketing", first["RefusedCategories"]);
        Assert.Equal("matomo session", first["GrantedServices"]);
        Assert.Equal("198.51.100.0", first["IpAddress"]);
        Assert.Equal($"{BannerScenario.Origin}/pricing?utm_source=ads", first["PageUrl"]);
        Assert.Equal("en", first["Locale"]);
        Assert.Equal("False", first["Gpc"]);
        Assert.True(DateTimeOffset.Parse(first["ExpiresAtUtc"], System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddDays(181));
        Assert.Equal("2001:db8:1234::", rows.Single(r => r["Action"] == "reject_all")["IpAddress"]);

        var version = Assert.Single(JsonDocument.Parse(export.Files["banner-versions.json"]).RootElement.EnumerateArray());
        Assert.Equal(scenario.Sha256, version.GetProperty("sha256").GetString());
        Assert.Equal(3, version.GetProperty("banner").GetProperty("categories").GetArrayLength());
        Assert.Equal(2, export.Manifest.GetProperty("rowCount").GetInt32());
        Assert.Equal("E7 cookie-consent log", export.Manifest.GetProperty("export").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(export.First)), export.Manifest.GetProperty("files")[0].GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task JsonExport_ForOneConsentId_HoldsOnlyThatBrowsersChoices()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        var first = scenario.Choice(action: "accept_all", marketing: true);
        var withdrawal = scenario.Choice(analytics: false);
        withdrawal["consentId"] = first["consentId"];
        await RecordAsync(scenario, first);
        await RecordAsync(scenario, withdrawal);
        await RecordAsync(scenario, scenario.Choice());
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var export = await Exports.DownloadAsync(admin, $"/api/admin/compliance/cookie-consents?format=json&consentId={first["consentId"]}");
        var rows = JsonDocument.Parse(export.First).RootElement.EnumerateArray().ToList();

        Assert.Equal(["accept_all", "custom"], rows.Select(r => r.GetProperty("action").GetString()));
        Assert.Equal("analytics essential marketing", rows[0].GetProperty("grantedCategories").GetString());
        Assert.Equal("analytics marketing", rows[1].GetProperty("refusedCategories").GetString());
    }

    [Fact]
    public async Task Export_IsForComplianceAndAdmin_AndEveryExportIsAudited()
    {
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var before = app.InScope(db => db.AuditEntries.Count(a => a.Action == "cookie_consents.exported"));

        var refused = await marketer.GetAsync("/api/admin/compliance/cookie-consents");
        var badFormat = await compliance.GetAsync("/api/admin/compliance/cookie-consents?format=xml");
        var export = await Exports.DownloadAsync(compliance, "/api/admin/compliance/cookie-consents?siteId=nothing-here");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.True((await badFormat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal(0, export.Manifest.GetProperty("rowCount").GetInt32());
        var audit = app.InScope(db => db.AuditEntries.Where(a => a.Action == "cookie_consents.exported").OrderBy(a => a.At).ToList());
        Assert.Equal(before + 1, audit.Count);
        Assert.Contains("completed", audit[^1].Detail, StringComparison.Ordinal);
        Assert.Equal("nothing-here", audit[^1].Target);
    }

    private async Task RecordAsync(BannerScenario scenario, Dictionary<string, object?> choice, string clientAddress = "203.0.113.7")
    {
        using var browser = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.RecordPath) { Content = JsonContent.Create(choice) };
        request.Headers.Add(TestEndpoints.ClientAddressHeader, clientAddress);
        (await browser.SendAsync(request)).EnsureSuccessStatusCode();
    }
}

public sealed class CookieConsentExportFacts_OnSqlite(SqliteApp app) : CookieConsentExportFacts<SqliteApp>(app);

public sealed class CookieConsentExportFacts_OnPostgres(PostgresApp app) : CookieConsentExportFacts<PostgresApp>(app);
