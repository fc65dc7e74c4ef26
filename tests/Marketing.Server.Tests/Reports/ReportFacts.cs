using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Reports;
using Marketing.Server.Tests.Compliance;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Reports;

/// <summary>
/// Reports against a seeded scenario with known outcomes (<see cref="ReportData"/>): every figure stated literally, the
/// CSV files formula-safe, the admin API for marketers only, and E2 listing one campaign's sends with their basis.
/// </summary>
public abstract class ReportFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    private static readonly ReportRules.Period November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3));

    [Fact]
    public async Task SequenceReport_CountsEachOutcomeOfAStep_AndKeepsUnconsentedClicksApart()
    {
        var seeded = await ReportData.SeedAsync(app);

        var report = await app.InScopeAsync(db => ReadSequenceReport.HandleAsync(db, seeded.SequenceKey, CancellationToken.None));

        Assert.NotNull(report);
        Assert.Equal(["mail", "pause", "check", "done"], report.Steps.Select(s => s.StepId));
        Assert.Equal(6, report.Enrolled);
        var mail = report.Steps[0].Figures;
        Assert.Equal(
            (Sent: 5, Delivered: 4, Bounced: 1, Complaints: 1, Unsubscribes: 1, PersonClicks: 1, AggregateClicks: 3L, Opens: 1),
            (mail.Sent, mail.Delivered, mail.Bounced, mail.Complaints, mail.Unsubscribes, mail.PersonClicks, mail.AggregateClicks, mail.Opens));
        Assert.Equal(80.0m, mail.DeliveryRate);
        Assert.Equal(25.0m, mail.ClickRate);
        Assert.Equal(1, report.Steps[2].GoalReached);
        Assert.Equal(0, report.Steps[2].Figures.Sent);
    }

    [Fact]
    public async Task FormAndPurposeReports_CountEachUtcDayOfThePeriod()
    {
        var seeded = await ReportData.SeedAsync(app);

        var form = await app.InScopeAsync(db => ReadFormReport.HandleAsync(db, seeded.FormId, November, CancellationToken.None));
        var purpose = await app.InScopeAsync(db => ReadPurposeReport.HandleAsync(db, seeded.PurposeKey, "fr", November, CancellationToken.None));

        Assert.NotNull(form);
        Assert.Equal([2, 1, 1], form.Submissions);
        Assert.Equal([1, 1, 1], form.Confirmations);
        Assert.Equal((3, 2, 66.7m), (form.Asked, form.Confirmed, form.ConfirmationRate));
        Assert.NotNull(purpose);
        Assert.Equal("Lettre", purpose.Name);
        Assert.Equal([2, 1, 0], purpose.Granted);
        Assert.Equal([0, 0, 1], purpose.Withdrawn);
        Assert.Equal([0, 0, 1], purpose.Objected);
        Assert.Equal(4, purpose.StandingNow);
    }

    [Fact]
    public async Task ReportApi_AnswersMarketers_InJsonAndFormulaSafeCsv_AndNamesABadField()
    {
        var seeded = await ReportData.SeedAsync(app);
        var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var json = JsonDocument.Parse(await marketer.GetStringAsync($"/api/admin/reports/sequences/{seeded.SequenceKey}")).RootElement;
        var csv = await marketer.GetAsync($"/api/admin/reports/sequences/{seeded.SequenceKey}?format=csv");
        var rows = Exports.ReadCsv(await csv.Content.ReadAsByteArrayAsync());
        var form = Exports.ReadCsv(await marketer.GetByteArrayAsync($"/api/admin/reports/forms/{seeded.FormId}?from=2026-11-01&to=2026-11-03&format=csv"));
        var purpose = await marketer.GetFromJsonAsync<JsonElement>($"/api/admin/reports/purposes/{seeded.PurposeKey}?from=2026-11-01&to=2026-11-03");
        var badDate = await marketer.GetAsync($"/api/admin/reports/forms/{seeded.FormId}?from=2026-13-01");
        var backwards = await marketer.GetAsync($"/api/admin/reports/purposes/{seeded.PurposeKey}?from=2026-11-03&to=2026-11-01");
        var badFormat = await marketer.GetAsync($"/api/admin/reports/sequences/{seeded.SequenceKey}?format=xlsx");

        Assert.Equal(5, json.GetProperty("steps")[0].GetProperty("figures").GetProperty("sent").GetInt32());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, rows.Count);
        // OWASP CSV injection: the sequence's name is written with a leading quote, never as a formula.
        Assert.Equal("'" + ReportData.FormulaName, rows[0]["name"]);
        Assert.Equal(("mail", "5", "4", "1", "1", "1", "1", "3", "1", "0", "80.0", "25.0"),
            (rows[0]["step"], rows[0]["sent"], rows[0]["delivered"], rows[0]["bounced"], rows[0]["complaints"], rows[0]["unsubscribes"],
                rows[0]["clicks_per_person"], rows[0]["clicks_aggregate"], rows[0]["opens"], rows[0]["goals_reached"], rows[0]["delivery_rate"], rows[0]["click_rate"]));
        Assert.Equal("1", rows[2]["goals_reached"]);
        Assert.Equal([("2026-11-01", "2", "1"), ("2026-11-02", "1", "1"), ("2026-11-03", "1", "1")],
            form.Select(r => (r["date"], r["submissions"], r["confirmations"])).ToList());
        Assert.Equal(2, purpose.GetProperty("granted")[0].GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("\"from\"", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("\"to\"", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("\"format\"", await badFormat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await marketer.GetAsync("/api/admin/reports/sequences/no-such-sequence")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await marketer.GetAsync("/api/admin/reports/forms/no-such-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.GetAsync($"/api/admin/reports/sequences/{seeded.SequenceKey}")).StatusCode);
    }

    [Fact]
    public async Task SendList_OfOneSequence_ListsOnlyItsSends_WithTheBasisEachUsed()
    {
        var seeded = await ReportData.SeedAsync(app);
        var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var rows = Exports.ReadCsv((await Exports.DownloadAsync(compliance, $"/api/admin/compliance/send-list?sequence={seeded.SequenceKey}")).First);

        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(seeded.SequenceKey, r["Sequence"]));
        Assert.Equal(seeded.People.Select(p => p.ToString()).Order(), rows.Select(r => r["PersonId"]).Order());
        var first = rows.Single(r => r["PersonId"] == seeded.People[0].ToString());
        Assert.Equal(("allowed", "consent_event", seeded.ConsentEventOfP0.ToString(), "1"), (first["Decision"], first["BasisType"], first["BasisRecordId"], first["Version"]));
        var blocked = rows.Single(r => r["PersonId"] == seeded.People[5].ToString());
        Assert.Equal(("blocked", "", "no consent to this purpose on this channel"), (blocked["Decision"], blocked["BasisType"], blocked["DecisionReason"]));
        Assert.Equal("True", rows.Single(r => r["PersonId"] == seeded.People[3].ToString())["OptOutLater"]);
    }
}

public sealed class ReportFacts_OnSqlite(SqliteApp app) : ReportFacts<SqliteApp>(app);

public sealed class ReportFacts_OnPostgres(PostgresApp app) : ReportFacts<PostgresApp>(app);
