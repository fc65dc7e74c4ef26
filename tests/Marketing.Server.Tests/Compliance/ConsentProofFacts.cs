using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Compliance;

public abstract class ConsentProofFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task CsvExport_HoldsTheExactNoticeHash_TheIp_AndThePageUrl_WithAManifestThatMatches()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var email = $"proof.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(browser, email, [scenario.Newsletter], clientAddress: "203.0.113.42");
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var (file, manifest) = await Exports.DownloadAsync(compliance, $"/api/admin/compliance/consent-proof?format=csv&formId={scenario.Form}");

        var rows = Exports.ReadCsv(file);
        var row = Assert.Single(rows, r => r["Identifier"] == email);
        Assert.Equal(scenario.NewsletterSha256, row["NoticeSha256"]);
        Assert.Equal("203.0.113.42", row["IpAddress"]);
        Assert.Equal($"{CaptureScenario.Origin}/signup?utm_source=newsletter&utm_campaign=autumn", row["PageUrl"]);
        Assert.Equal("ok", row["HashCheck"]);
        Assert.Equal(CaptureScenario.NewsletterWording, row["NoticeText"]);
        Assert.Equal(rows.Count, manifest.GetProperty("rowCount").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), manifest.GetProperty("files")[0].GetProperty("sha256").GetString());
        Assert.Equal(scenario.Form, manifest.GetProperty("filters").GetProperty("formId").GetString());
    }

    [Fact]
    public async Task JsonExport_ForOnePerson_HoldsOnlyTheirEvents_WithEveryProofField()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var email = $"person.{Guid.NewGuid():N}@example.com";
        var answer = await scenario.SubmitAsync(browser, email, [scenario.Newsletter, scenario.Sms]);
        await scenario.SubmitAsync(browser, $"other.{Guid.NewGuid():N}@example.com", [scenario.Newsletter]);
        var personId = app.InScope(db => db.People.Single(p => p.Email == email).Id);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var (file, manifest) = await Exports.DownloadAsync(compliance, $"/api/admin/people/{personId}/consent-proof?format=json");
        var rows = JsonDocument.Parse(file).RootElement.EnumerateArray().ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(2, manifest.GetProperty("rowCount").GetInt32());
        Assert.All(rows, r => Assert.Equal(personId, r.GetProperty("personId").GetGuid()));
        var newsletter = rows.Single(r => r.GetProperty("purpose").GetString() == scenario.Newsletter);
        Assert.Equal(answer.GetProperty("submissionId").GetGuid(), newsletter.GetProperty("submissionId").GetGuid());
        Assert.Equal("Newsletter", newsletter.GetProperty("purposeLabel").GetString());
        Assert.Equal("fr", newsletter.GetProperty("regime").GetString());
        Assert.Equal("checkbox", newsletter.GetProperty("method").GetString());
        Assert.Equal("en", newsletter.GetProperty("locale").GetString());
        Assert.Equal(scenario.Form, newsletter.GetProperty("formId").GetString());
        Assert.Equal(1, newsletter.GetProperty("formVersion").GetInt32());
        Assert.Equal($"{CaptureScenario.Origin}/privacy", newsletter.GetProperty("privacyNoticeUrl").GetString());
        Assert.Equal("ProofTest/1.0 (X11; Linux x86_64)", newsletter.GetProperty("userAgent").GetString());
        Assert.Equal("https://search.example/", newsletter.GetProperty("referrer").GetString());
        Assert.Equal(CaptureScenario.NewsletterWording, newsletter.GetProperty("noticeText").GetString());
        Assert.Equal(64, newsletter.GetProperty("hash").GetString()!.Length);
    }

    [Fact]
    public async Task Export_IsForComplianceAndAdmin_AndEveryExportIsAudited()
    {
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var before = app.InScope(db => db.AuditEntries.Count(a => a.Action == "consent_proof.exported"));

        var refused = await marketer.GetAsync("/api/admin/compliance/consent-proof");
        var (_, manifest) = await Exports.DownloadAsync(admin, "/api/admin/compliance/consent-proof?purpose=nothing_matches");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, manifest.GetProperty("rowCount").GetInt32());
        var audit = app.InScope(db => db.AuditEntries.Where(a => a.Action == "consent_proof.exported").OrderBy(a => a.At).ToList());
        Assert.Equal(before + 1, audit.Count);
        Assert.Contains("completed", audit[^1].Detail, StringComparison.Ordinal);
        Assert.StartsWith("key:", audit[^1].Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_FiltersByDateRange()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        await scenario.SubmitAsync(browser, $"range.{Guid.NewGuid():N}@example.com", [scenario.Newsletter]);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"));
        var past = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"));

        var (_, none) = await Exports.DownloadAsync(compliance, $"/api/admin/compliance/consent-proof?formId={scenario.Form}&from={future}");
        var (_, some) = await Exports.DownloadAsync(compliance, $"/api/admin/compliance/consent-proof?formId={scenario.Form}&from={past}&to={future}");
        var badRange = await compliance.GetAsync($"/api/admin/compliance/consent-proof?from={future}&to={past}");

        Assert.Equal(0, none.GetProperty("rowCount").GetInt32());
        Assert.Equal(1, some.GetProperty("rowCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
    }
}

public sealed class ConsentProofFacts_OnSqlite(SqliteApp app) : ConsentProofFacts<SqliteApp>(app);

public sealed class ConsentProofFacts_OnPostgres(PostgresApp app) : ConsentProofFacts<PostgresApp>(app);
