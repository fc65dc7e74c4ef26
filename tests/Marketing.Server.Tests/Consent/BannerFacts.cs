using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Consent;

/// <summary>The banner's admin API and public endpoints over HTTP, on both providers.</summary>
public abstract class BannerFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Publish_IsRefused_ForAVendorWithoutPurposeOrCookieDurations_R24()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        var vendor = new { key = "tracker", name = "Tracker", category = "marketing", provider = "Tracker Inc", cookies = new[] { new { name = "trk" } } };
        (await scenario.Admin.PutAsJsonAsync(scenario.AdminPath, new { definition = BannerScenario.Definition(services: [.. BannerScenario.Services(), vendor]) })).EnsureSuccessStatusCode();
        var before = app.InScope(db => db.BannerVersions.Count());

        var response = await scenario.Admin.PostAsync($"{scenario.AdminPath}/publish", null);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("R24", errors.GetProperty("services[3].purposes")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("R24", errors.GetProperty("services[3].cookies[0].lifetimeDays")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, app.InScope(db => db.BannerVersions.Count()));
    }

    [Fact]
    public async Task Publish_IsRefused_ForAVendorThatListsNoCookiesOrNoProvider_R24()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        var vendor = new { key = "tracker", name = "Tracker", category = "marketing", purposes = BannerScenario.Texts("Tracks") };
        (await scenario.Admin.PutAsJsonAsync(scenario.AdminPath, new { definition = BannerScenario.Definition(services: [vendor]) })).EnsureSuccessStatusCode();

        var response = await scenario.Admin.PostAsync($"{scenario.AdminPath}/publish", null);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("services[0].cookies", out _));
        Assert.True(errors.TryGetProperty("services[0].provider", out _));
    }

    [Fact]
    public async Task Draft_WithBadInput_Is400NamingEachField_AndStoresNothing()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var site = $"bad-{Guid.NewGuid():N}"[..16];
        (await admin.PutAsJsonAsync($"/api/admin/sites/{site}", new { name = "Bad", origins = Array.Empty<string>() })).EnsureSuccessStatusCode();
        var definition = BannerScenario.Definition(renewAfterDays: 400);
        definition["categories"] = new object[] { new { key = "Not A Key", names = BannerScenario.Texts("X"), googleConsent = new[] { "everything" } } };
        definition["services"] = new object[] { new { key = "svc", name = "Svc", category = "nowhere", cookies = new[] { new { name = "bad name", lifetimeDays = -1 } } } };

        var response = await admin.PutAsJsonAsync($"/api/admin/sites/{site}/banner", new { definition });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var field in new[] { "definition.renewAfterDays", "definition.categories[0].key", "definition.categories[0].googleConsent",
            "definition.services[0].category", "definition.services[0].cookies[0].name", "definition.services[0].cookies[0].lifetimeDays" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} is not named in {errors}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/sites/{site}/banner")).StatusCode);
    }

    [Fact]
    public async Task PublishedVersions_NeverChange_AndEachCarriesTheSha256OfItsConfiguration()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        var firstSha = scenario.Sha256;

        await scenario.PublishWithAnotherVendorAsync();
        var v1 = await scenario.Admin.GetFromJsonAsync<JsonElement>($"{scenario.AdminPath}/versions/1");
        var stored = app.InScope(db => db.BannerVersions.Single(v => v.SiteId == scenario.Site && v.Version == 1));

        Assert.Equal(2, scenario.Version);
        Assert.NotEqual(firstSha, scenario.Sha256);
        Assert.Equal(firstSha, v1.GetProperty("sha256").GetString());
        Assert.Equal(3, v1.GetProperty("banner").GetProperty("services").GetArrayLength());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(stored.Snapshot, JsonColumn.Options))), firstSha);
        Assert.Equal("Tout refuser", v1.GetProperty("banner").GetProperty("texts").GetProperty("fr").GetProperty("rejectAll").GetString());
    }

    [Fact]
    public async Task Config_IsServedWithAnETag_RevalidatesTo304_AndChangesWithANewVersion()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        using var browser = app.CreateClient();

        var first = await browser.GetAsync($"{scenario.ConfigPath}?locale=en");
        var etag = first.Headers.ETag!;
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"{scenario.ConfigPath}?locale=en");
        revalidate.Headers.IfNoneMatch.Add(etag);
        var unchanged = await browser.SendAsync(revalidate);
        await scenario.PublishWithAnotherVendorAsync();
        using var again = new HttpRequestMessage(HttpMethod.Get, $"{scenario.ConfigPath}?locale=en");
        again.Headers.IfNoneMatch.Add(etag);
        var changed = await browser.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-cache", first.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Config_IsInTheVisitorsLanguage_WithEveryVendorsPurposeCookiesAndLifetimes()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        using var browser = app.CreateClient();

        var french = await browser.GetFromJsonAsync<JsonElement>($"{scenario.ConfigPath}?locale=fr-FR");
        var unknown = await browser.GetFromJsonAsync<JsonElement>($"{scenario.ConfigPath}?locale=pt-BR");

        Assert.Equal("fr", french.GetProperty("locale").GetString());
        Assert.Equal("Tout accepter", french.GetProperty("texts").GetProperty("acceptAll").GetString());
        Assert.Equal(scenario.Sha256, french.GetProperty("hash").GetString());
        var matomo = french.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "matomo");
        Assert.Equal("[fr] Audience measurement", matomo.GetProperty("purpose").GetString());
        Assert.Equal("Acme SAS", matomo.GetProperty("provider").GetString());
        Assert.Equal(["_pk_id", "_pk_ses"], matomo.GetProperty("cookies").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["13 mois", "1 jour"], matomo.GetProperty("cookies").EnumerateArray().Select(c => c.GetProperty("lifetime").GetString()));
        Assert.Equal("en", unknown.GetProperty("locale").GetString());
        Assert.Equal("Accept all", unknown.GetProperty("texts").GetProperty("acceptAll").GetString());
    }

    [Fact]
    public async Task Choice_IsRecorded_WithTheVersionHash_TheChoices_AndATruncatedIp_R28_R29()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var choice = scenario.Choice();

        var response = await PostAsync(browser, scenario, choice, "203.0.113.77");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var record = app.InScope(db => db.CookieConsentRecords.Single(r => r.ConsentId == (string)choice["consentId"]!));
        Assert.Equal(scenario.Site, record.SiteId);
        Assert.Equal(1, record.BannerVersion);
        Assert.Equal(scenario.Sha256, record.BannerSha256);
        Assert.Equal("custom", record.Action);
        Assert.True(record.Choices.Categories["analytics"]);
        Assert.False(record.Choices.Categories["marketing"]);
        Assert.True(record.Choices.Services["matomo"]);
        Assert.Equal("203.0.113.0", record.IpAddress);
        Assert.Equal($"{BannerScenario.Origin}/pricing?utm_source=ads", record.PageUrl);
        Assert.Equal("en", record.Locale);
        Assert.Equal(record.OccurredAt.AddDays(182), record.ExpiresAt);
    }

    [Theory]
    [InlineData("configHash", "0000")]
    [InlineData("consentId", "short")]
    [InlineData("action", "accept_some")]
    [InlineData("locale", "pt")]
    [InlineData("pageUrl", "javascript:alert(1)")]
    [InlineData("version", 99)]
    [InlineData("version", "two")]
    public async Task Choice_WithABadField_Is400NamingIt_AndStoresNothing(string field, object value)
    {
        var scenario = await BannerScenario.CreateAsync(app);
        var choice = scenario.Choice();
        choice[field] = value;

        await AssertRefusedAsync(scenario, choice, field);
    }

    [Fact]
    public async Task Choice_ThatOmitsOrInventsACategory_OrGrantsOnARefusal_Is400NamingIt()
    {
        var scenario = await BannerScenario.CreateAsync(app);

        var missing = scenario.Choice();
        missing["categories"] = new Dictionary<string, bool> { ["analytics"] = true };
        await AssertRefusedAsync(scenario, missing, "categories.marketing");

        var invented = scenario.Choice();
        ((Dictionary<string, bool>)invented["categories"]!)["social"] = true;
        await AssertRefusedAsync(scenario, invented, "categories.social");

        await AssertRefusedAsync(scenario, scenario.Choice(action: "close", analytics: true), "categories.analytics");

        var notBoolean = scenario.Choice();
        notBoolean["categories"] = new Dictionary<string, object> { ["analytics"] = "yes", ["marketing"] = false };
        await AssertRefusedAsync(scenario, notBoolean, "categories.analytics");
    }

    [Fact]
    public async Task Choice_GrantingAdvertising_WithGlobalPrivacyControlOn_Is400NamingIt_ButARefusalIsRecorded_ADR13()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        var granted = scenario.Choice(action: "custom", marketing: true);
        granted["gpc"] = true;
        var serviceOnly = scenario.Choice(action: "custom");
        serviceOnly["gpc"] = true;
        ((Dictionary<string, bool>)serviceOnly["services"]!)["adnet"] = true;
        var refused = scenario.Choice(action: "accept_all");
        refused["gpc"] = true;
        using var client = app.CreateClient();

        await AssertRefusedAsync(scenario, granted, "categories.marketing");
        await AssertRefusedAsync(scenario, serviceOnly, "services.adnet");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, scenario, refused)).StatusCode);
    }

    [Fact]
    public async Task Choice_FromAnOriginTheSiteDoesNotAllow_IsForbidden()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.RecordPath) { Content = JsonContent.Create(scenario.Choice()) };
        request.Headers.Add("Origin", "https://evil.example");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Records_AndPublishedVersions_CannotBeChangedOrDeleted()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var choice = scenario.Choice();
        (await PostAsync(browser, scenario, choice)).EnsureSuccessStatusCode();

        await using var db = app.Database.OpenContext();
        db.CookieConsentRecords.Remove(db.CookieConsentRecords.Single(r => r.ConsentId == (string)choice["consentId"]!));
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.BannerVersions.Remove(db.BannerVersions.Single(v => v.SiteId == scenario.Site));
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Banners_AreForMarketersAndAdmins_NotCompliance()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);

        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.PostAsync($"{scenario.AdminPath}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marketer.GetAsync(scenario.AdminPath)).StatusCode);
    }

    private async Task AssertRefusedAsync(BannerScenario scenario, Dictionary<string, object?> choice, string field)
    {
        using var browser = app.CreateClient();
        var before = app.InScope(db => db.CookieConsentRecords.Count());

        var response = await PostAsync(browser, scenario, choice);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"{field} is not named in {body}");
        Assert.Equal(before, app.InScope(db => db.CookieConsentRecords.Count()));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, BannerScenario scenario, object choice, string clientAddress = "203.0.113.7")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.RecordPath) { Content = JsonContent.Create(choice) };
        request.Headers.Add(TestEndpoints.ClientAddressHeader, clientAddress);
        return await browser.SendAsync(request);
    }
}

public sealed class BannerFacts_OnSqlite(SqliteApp app) : BannerFacts<SqliteApp>(app);

public sealed class BannerFacts_OnPostgres(PostgresApp app) : BannerFacts<PostgresApp>(app);
