using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Capture;

public abstract class FormPublishingFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Publish_IsRefused_ForAPreTickedBox_R9()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        await scenario.PutFormAsync(scenario.FormDefinition(consents: [new { purpose = scenario.Newsletter, notice = $"{scenario.Newsletter}_wording", @checked = true }]));

        var errors = await RefusedAsync(scenario);

        Assert.Contains("R9", errors.GetProperty("consents[0].checked")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_IsRefused_ForABoxBoundToTwoPurposes_R10()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        await scenario.PutFormAsync(scenario.FormDefinition(consents: [new { purposes = new[] { scenario.Newsletter, scenario.Sms }, notice = $"{scenario.Newsletter}_wording" }]));

        var errors = await RefusedAsync(scenario);

        Assert.Contains("R10", errors.GetProperty("consents[0].purposes")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_Refusal_GivesEachProblemsCode_AndItsParameters()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        await scenario.PutFormAsync(scenario.FormDefinition(consents: [new { purposes = new[] { scenario.Newsletter, scenario.Sms }, notice = $"{scenario.Newsletter}_wording" }]));

        var response = await scenario.PublishAsync();
        var codes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");

        var bundled = codes.GetProperty("consents[0].purposes")[0];
        Assert.Equal("form.consent.bundled", bundled.GetProperty("code").GetString());
        Assert.Equal("2", bundled.GetProperty("params").GetProperty("count").GetString());
        Assert.Equal($"{scenario.Newsletter}, {scenario.Sms}", bundled.GetProperty("params").GetProperty("purposes").GetString());
    }

    [Fact]
    public async Task Publish_IsRefused_ForAFormWithNoPrivacyNotice_R12()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        await scenario.PutFormAsync(scenario.FormDefinition(privacyNotice: null));

        var errors = await RefusedAsync(scenario);

        Assert.Contains("R12", errors.GetProperty("privacyNotice")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_IsRefused_ForAPurposeWithNoBasisInTheFormsRegime_R1()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var definition = JsonSerializer.Deserialize<Dictionary<string, object>>(JsonSerializer.Serialize(scenario.FormDefinition()))!;
        definition["defaultRegion"] = "DE";
        await scenario.PutFormAsync(definition);

        var errors = await RefusedAsync(scenario);

        Assert.Contains("'de'", errors.GetProperty("consents[0].purpose")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedVersion_NeverChanges_AndSubmissionsNameTheirVersion()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var v1 = await scenario.RenderAsync(browser);
        await scenario.Admin.PostAsJsonAsync($"/api/admin/notices/{scenario.Newsletter}_wording/versions",
            new { locale = "en", text = "New wording: Acme SAS may email me its newsletter." });

        var published = await scenario.PublishAsync();
        var v2 = await scenario.RenderAsync(browser);
        var oldVersion = await scenario.Admin.GetFromJsonAsync<JsonElement>($"/api/admin/forms/{scenario.Form}/versions/1");

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal(CaptureScenario.NewsletterWording, oldVersion.GetProperty("form").GetProperty("consents")[0].GetProperty("wording").GetProperty("en").GetProperty("text").GetString());
        Assert.Equal("New wording: Acme SAS may email me its newsletter.", v2.GetProperty("consents")[0].GetProperty("text").GetString());

        var email = $"v1.{Guid.NewGuid():N}@example.com";
        var onVersion1 = new { formVersion = 1, submissionId = Guid.NewGuid().ToString("N"), token = v1.GetProperty("token").GetString(), fields = new { email }, consents = new[] { scenario.Newsletter } };
        Assert.Equal(HttpStatusCode.Created, (await browser.PostAsJsonAsync(scenario.SubmitPath, onVersion1)).StatusCode);
        var consentEvent = app.InScope(db => db.ConsentEvents.Single(e => e.Identifier == email));
        Assert.Equal(1, consentEvent.FormVersion);
        Assert.Equal(scenario.NewsletterSha256, consentEvent.NoticeSha256);
    }

    [Fact]
    public async Task NoticeVersions_AreAppended_WithTheSha256OfTheirText()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        const string text = "Version two of the wording.";

        var response = await scenario.Admin.PostAsJsonAsync($"/api/admin/notices/{scenario.Newsletter}_wording/versions", new { locale = "en", text });
        var notice = await scenario.Admin.GetFromJsonAsync<JsonElement>($"/api/admin/notices/{scenario.Newsletter}_wording");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var english = notice.GetProperty("versions").EnumerateArray().Where(v => v.GetProperty("locale").GetString() == "en").ToList();
        Assert.Equal([1, 2], english.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(CaptureScenario.NewsletterWording, english[0].GetProperty("text").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))), english[1].GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Purpose_WithLegitimateInterest_NeedsItsBalancingTest_R1()
    {
        using var admin = await app.ClientAsAsync(Marketing.Access.ApiKeyRole.Admin);

        var response = await admin.PutAsJsonAsync("/api/admin/purposes/b2b_prospecting", new
        {
            names = new { en = "B2B prospecting" },
            channels = new[] { "email" },
            bases = new Dictionary<string, object> { ["fr-b2b"] = new { basis = "legitimate_interest" } },
            retentionDays = 1095,
        });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("bases.fr-b2b.balancingTestRef", out _));
    }

    [Fact]
    public async Task Forms_AreForMarketersAndAdmins_NotCompliance()
    {
        using var compliance = await app.ClientAsAsync(Marketing.Access.ApiKeyRole.Compliance);

        var response = await compliance.PutAsJsonAsync("/api/admin/forms/any", new { siteId = "x", definition = new { } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<JsonElement> RefusedAsync(CaptureScenario scenario)
    {
        var before = app.InScope(db => db.FormVersions.Count());
        var response = await scenario.PublishAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, app.InScope(db => db.FormVersions.Count()));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }
}

public sealed class FormPublishingFacts_OnSqlite(SqliteApp app) : FormPublishingFacts<SqliteApp>(app);

public sealed class FormPublishingFacts_OnPostgres(PostgresApp app) : FormPublishingFacts<PostgresApp>(app);
