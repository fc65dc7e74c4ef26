using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Compliance;

/// <summary>The register of processing (R42, E3) built from the configuration, with the DPO's fields, on both providers.</summary>
public abstract class RegisterFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task EveryPurpose_HasItsRegisterRow_WithEveryArt30FieldFilled_InCsvJsonAndHtml()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/admin/processors/hosting-register", new
        {
            legalName = "Hosting GmbH", role = "processor", service = "Servers and backups", dataCategories = new[] { "all of the engine's data" },
            storageCountries = new[] { "DE" }, accessCountries = new[] { "DE", "GB" }, dpaDate = "2025-02-01", subProcessorsUrl = "https://hosting.example/sub",
        })).StatusCode);
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        var purposes = await app.InScopeAsync(db => db.Purposes.Select(p => p.Key).ToListAsync());

        var export = await Exports.DownloadAsync(dpo, "/api/admin/compliance/register?lang=en");

        var rows = Exports.ReadCsv(export.Files["register.csv"]);
        // R42: a purpose without its row fails here.
        Assert.Equal(purposes.Order(StringComparer.Ordinal), rows.Select(r => r["Activity"]).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            Assert.All(row.Where(c => c.Key != "Notes"), cell => Assert.False(string.IsNullOrWhiteSpace(cell.Value), $"{row["Activity"]}: {cell.Key} is empty"));
        }

        var newsletter = rows.Single(r => r["Activity"] == scenario.Newsletter);
        Assert.Equal("eu: consent; fr: consent", newsletter["LegalBasis"]);
        Assert.StartsWith("email, first_name, phone; consent evidence", newsletter["PersonalData"], StringComparison.Ordinal);
        Assert.Contains("Hosting GmbH", newsletter["Recipients"], StringComparison.Ordinal);
        Assert.Equal("GB: Hosting GmbH, adequacy", newsletter["Transfers"]);
        Assert.Contains("1095 days", newsletter["Retention"], StringComparison.Ordinal);
        Assert.StartsWith("No DPO designated", newsletter["Dpo"], StringComparison.Ordinal);
        Assert.Equal(rows.Count, JsonDocument.Parse(export.Files["register.json"]).RootElement.GetArrayLength());
        var html = Encoding.UTF8.GetString(export.Files["register.html"]);
        Assert.Contains("<h1>Register of processing activities (GDPR art. 30)</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("E3 register of processing activities", export.Manifest.GetProperty("export").GetString());

        var french = await Exports.DownloadAsync(dpo, "/api/admin/compliance/register?lang=fr");
        Assert.Contains("<html lang=\"fr\">", Encoding.UTF8.GetString(french.Files["register.html"]), StringComparison.Ordinal);
        Assert.StartsWith("Aucun DPO désigné", Exports.ReadCsv(french.Files["register.csv"])[0]["Dpo"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DposFields_AreStoredAsAReview_AndShownInTheRow_WhileBadInputChangesNothing()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        Assert.True((await admin.PutAsJsonAsync("/api/admin/purposes/register_fields", new
        {
            names = new { en = "Events" }, channels = new[] { "email" }, bases = new Dictionary<string, object> { ["eu"] = new { basis = "consent" } }, retentionDays = 365,
        })).IsSuccessStatusCode);
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var tooLong = await dpo.PutAsJsonAsync("/api/admin/compliance/register/register_fields", new { notes = new string('x', 4001) });
        var unknown = await dpo.PutAsJsonAsync("/api/admin/compliance/register/no_such_purpose", new { notes = "x" });
        var forbidden = await compliance.PutAsJsonAsync("/api/admin/compliance/register/register_fields", new { notes = "x" });
        var saved = await dpo.PutAsJsonAsync("/api/admin/compliance/register/register_fields", new { dataSubjects = "Event attendees", dpiaReference = "DPIA-2026-03" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("notes", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var row = Exports.ReadCsv((await Exports.DownloadAsync(compliance, "/api/admin/compliance/register")).Files["register.csv"]).Single(r => r["Activity"] == "register_fields");
        Assert.Equal("Event attendees", row["DataSubjects"]);
        Assert.Equal("DPIA-2026-03", row["Dpia"]);
        Assert.DoesNotContain("N/A", row["LastReviewed"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await compliance.GetAsync("/api/admin/compliance/register?lang=de")).StatusCode);
        Assert.Equal(1, await app.InScopeAsync(db => db.AuditEntries.CountAsync(a => a.Action == "register.reviewed" && a.Target == "register_fields")));
    }
}

public sealed class RegisterFacts_OnSqlite(SqliteApp app) : RegisterFacts<SqliteApp>(app);

public sealed class RegisterFacts_OnPostgres(PostgresApp app) : RegisterFacts<PostgresApp>(app);
