using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Nurture;
using Marketing.Sending;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Compliance;

/// <summary>
/// Restriction (R39), objection (R17) and the two lists a DPO takes away, E5 (suppression) and E2 (sends with their
/// basis), through the admin API, the nurture engine and the SMTP server.
/// </summary>
public abstract class RestrictionFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : NurtureApp
{
    private static async Task<string> PublishAsync(HttpClient marketer, string purpose, string prefix)
    {
        var key = $"{prefix}-{Guid.NewGuid():N}"[..20];
        (await marketer.PutAsJsonAsync($"/api/admin/sequences/{key}", new
        {
            trigger = new { type = "api" },
            steps = new object[]
            {
                new { id = "pause", type = "wait", duration = "1d", next = "hello" },
                new { id = "hello", type = "email", template = "welcome", purpose, next = "done" },
                new { id = "done", type = "exit" },
            },
        })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await marketer.PostAsync($"/api/admin/sequences/{key}/publish", null)).StatusCode);
        return key;
    }

    [Fact]
    public async Task Restrict_BlocksADueStepWithItsReason_LeavesThePersonOutOfEnrolmentAndExports_AndLiftingTellsThem()
    {
        var journey = await EmailJourney.StartAsync(app);
        var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        var key = await PublishAsync(journey.Marketer, journey.Scenario.Newsletter, "restrict");
        var email = EmailJourney.NewAddress("restricted");
        var personId = await journey.SubscribedAsync(email);
        (await journey.Marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = new[] { personId } })).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();

        var byMarketer = await journey.Marketer.PostAsJsonAsync($"/api/admin/people/{personId}/restriction", new { reason = "accuracy contested" });
        var noReason = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/restriction", new { reason = "  " });
        var restricted = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/restriction", new { reason = "accuracy contested by letter" });
        var twice = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/restriction", new { reason = "again" });
        var unknown = await compliance.PostAsJsonAsync($"/api/admin/people/{Guid.NewGuid()}/restriction", new { reason = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, byMarketer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var view = await journey.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/people/{personId}");
        Assert.Equal("accuracy contested by letter", view.GetProperty("restricted").GetProperty("reason").GetString());

        // The step falls due while restricted: blocked, with the reason on the send record, and nothing mailed.
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();
        await app.DispatchEmailAsync();
        var step = app.InScope(db => db.SendRecords.AsNoTracking().Single(r => r.PersonId == personId && r.Key.EndsWith(":hello")));
        Assert.Equal(SendStatuses.Blocked, step.Status);
        Assert.Contains("restricted", step.DecisionReason, StringComparison.Ordinal);
        Assert.Single(app.Smtp.To(email));

        // No new enrolment, and every export but the DPO's leaves the person out.
        var other = await PublishAsync(journey.Marketer, journey.Scenario.Newsletter, "later");
        var enrolled = await (await journey.Marketer.PostAsJsonAsync($"/api/admin/sequences/{other}/enrolments", new { personIds = new[] { personId } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, enrolled.GetProperty("enrolled").GetInt32());
        Assert.Equal(1, enrolled.GetProperty("restricted").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.GetAsync($"/api/admin/people/{personId}/consent-proof")).StatusCode);
        var bulk = "/api/admin/compliance/consent-proof?purpose=" + journey.Scenario.Newsletter;
        Assert.DoesNotContain(Exports.ReadCsv((await Exports.DownloadAsync(compliance, bulk)).First), row => row["PersonId"] == personId.ToString());
        Assert.Contains(Exports.ReadCsv((await Exports.DownloadAsync(dpo, bulk)).First), row => row["PersonId"] == personId.ToString());
        Assert.NotEmpty(Exports.ReadCsv((await Exports.DownloadAsync(dpo, $"/api/admin/people/{personId}/consent-proof")).First));
        Assert.Empty(Exports.ReadCsv((await Exports.DownloadAsync(compliance, $"/api/admin/compliance/send-list?sequence={key}")).First));
        Assert.Single(Exports.ReadCsv((await Exports.DownloadAsync(dpo, $"/api/admin/compliance/send-list?sequence={key}")).First));

        // Lifting needs a reason, and tells the person by email through the gate.
        var liftNoReason = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/restriction/lift", new { });
        var lifted = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/restriction/lift", new { reason = "accuracy checked with the person" });
        var liftTwice = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/restriction/lift", new { reason = "again" });
        await app.DispatchEmailAsync();

        Assert.Equal(HttpStatusCode.BadRequest, liftNoReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, liftTwice.StatusCode);
        var notice = (await app.Smtp.WaitForAsync(email, count: 2)).Message;
        Assert.Contains("restriction", notice.Subject, StringComparison.OrdinalIgnoreCase);
        var noticeRecord = app.InScope(db => db.SendRecords.AsNoTracking().Single(r => r.PersonId == personId && r.TemplateKey == "restriction-lifted"));
        Assert.Equal(("transactional", "transactional_reference"), (noticeRecord.MessageType, noticeRecord.EvidenceKind));
        Assert.False((await journey.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/people/{personId}")).TryGetProperty("restricted", out var after)
            && after.ValueKind != JsonValueKind.Null);
        var audit = app.InScope(db => db.AuditEntries.AsNoTracking().Where(a => a.Target == personId.ToString()).Select(a => a.Action).ToList());
        Assert.Contains("person.restricted", audit);
        Assert.Contains("person.restriction_lifted", audit);
    }

    [Fact]
    public async Task Objection_UnderLegitimateInterest_BlocksMarketing_IsInTheLedger_AndInTheSuppressionFile()
    {
        var journey = await EmailJourney.StartAsync(app);
        var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var purpose = $"li_{Guid.NewGuid():N}"[..16];
        (await journey.Scenario.Admin.PutAsJsonAsync($"/api/admin/purposes/{purpose}", new
        {
            names = new { en = "Product news" },
            channels = new[] { "email" },
            bases = new Dictionary<string, object> { ["us"] = new { basis = "legitimate_interest", balancingTestRef = "LIA-2026-07" } },
            retentionDays = 730,
        })).EnsureSuccessStatusCode();
        var email = EmailJourney.NewAddress("objector");
        var personId = await journey.SubscribedAsync(email);
        (await journey.Marketer.PatchAsJsonAsync($"/api/admin/people/{personId}", new { country = "US" })).EnsureSuccessStatusCode();

        var before = await journey.SettledAsync(await journey.QueueAsync(personId, purpose: purpose));
        var badScope = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/objections", new { scope = "everything" });
        var noPurpose = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/objections", new { scope = "purpose", purpose = "no_such_purpose" });
        var objected = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/objections", new { scope = "purpose", purpose, receivedVia = "phone" });
        var after = await journey.SettledAsync(await journey.QueueAsync(personId, purpose: purpose));
        var newsletter = await journey.SettledAsync(await journey.QueueAsync(personId));

        Assert.Equal(("sent", "legitimate_interest"), (before.GetProperty("status").GetString(), before.GetProperty("evidenceKind").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, badScope.StatusCode);
        Assert.True((await badScope.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("scope", out _));
        Assert.Equal(HttpStatusCode.BadRequest, noPurpose.StatusCode);
        Assert.True((await noPurpose.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("purpose", out _));
        Assert.Equal(HttpStatusCode.OK, objected.StatusCode);
        Assert.Equal("blocked", after.GetProperty("status").GetString());
        Assert.Contains("objection", after.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        // An objection to one purpose leaves the others alone; the newsletter rests on consent, in regime fr only.
        Assert.DoesNotContain("objection", newsletter.GetProperty("decisionReason").GetString() ?? "", StringComparison.Ordinal);
        var ledger = app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId && e.PurposeKey == purpose).ToList());
        var objection = Assert.Single(ledger);
        Assert.Equal((ConsentStatuses.Objected, "agent:phone", "email"), (objection.Status, objection.Method, objection.Channel));

        var (file, manifest) = await Exports.DownloadAsync(compliance, "/api/admin/compliance/suppression-list?reason=objection");
        var rows = Exports.ReadCsv(file);
        var row = Assert.Single(rows, r => r["Scope"] == purpose);
        Assert.Equal(("email", "objection"), (row["Channel"], row["Reason"]));
        Assert.StartsWith("agent:", row["Source"], StringComparison.Ordinal);
        Assert.DoesNotContain(email, Encoding.UTF8.GetString(file), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(rows.Count, manifest.GetProperty("rowCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await compliance.GetAsync("/api/admin/compliance/suppression-list?reason=bored")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await journey.Marketer.GetAsync("/api/admin/compliance/suppression-list")).StatusCode);
        // A bare objection entry would skip the ledger: refused.
        var bare = await journey.Scenario.Admin.PostAsJsonAsync("/api/admin/suppressions", new { address = email, channel = "email", reason = "objection" });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
    }

    [Fact]
    public async Task Person_ObjectsFromTheEmailsPreferencesPage_InOneClick_WithTheSameEvidenceAsAnUnsubscribe()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("self");
        var personId = await journey.SubscribedAsync(email);
        await journey.SettledAsync(await journey.QueueAsync(personId));
        var welcome = (await app.Smtp.WaitForAsync(email, count: 2)).Message;
        var unsubscribe = EmailJourney.PathOf((welcome.Headers[MimeKit.HeaderId.ListUnsubscribe] ?? "").Split('>')[0].TrimStart('<'));
        var preferences = unsubscribe.Replace("/email/unsubscribe/", "/email/preferences/", StringComparison.Ordinal);

        var page = await journey.Browser.GetStringAsync(preferences);
        var objected = await journey.Browser.PostAsync(preferences, new FormUrlEncodedContent([new("object", "1")]));
        var after = await journey.SettledAsync(await journey.QueueAsync(personId));

        Assert.Contains("name=\"object\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, objected.StatusCode);
        Assert.Equal("blocked", after.GetProperty("status").GetString());
        Assert.Contains("objection to all marketing", after.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        // All marketing: every purpose on a channel the person has an address for, the newsletter among them.
        var objections = app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId && e.Status == ConsentStatuses.Objected).ToList());
        var newsletter = Assert.Single(objections, e => e.PurposeKey == journey.Scenario.Newsletter);
        Assert.Equal((ConsentMethods.PreferenceCentre, "email"), (newsletter.Method, newsletter.Channel));
        Assert.All(objections, e => Assert.Equal(ConsentMethods.PreferenceCentre, e.Method));
        Assert.Contains(app.InScope(db => db.Suppressions.AsNoTracking().Where(s => s.Reason == "objection" && s.Source == "preferences").Select(s => s.Scope).ToList()),
            scope => scope == "*");
    }

    [Fact]
    public async Task SendList_NamesEachRecipientsBasis_PerStep_AndRefusesAMissingSequence()
    {
        var journey = await EmailJourney.StartAsync(app);
        var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var key = await PublishAsync(journey.Marketer, journey.Scenario.Newsletter, "e2");
        var email = EmailJourney.NewAddress("e2");
        var personId = await journey.SubscribedAsync(email);
        (await journey.Marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = new[] { personId } })).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();
        await app.DispatchEmailAsync();
        await app.Smtp.WaitForAsync(email, count: 2);
        var confirmed = app.InScope(db => db.ConsentEvents.AsNoTracking().Single(e => e.PersonId == personId && e.Status == ConsentStatuses.Confirmed).Id);

        var (file, manifest) = await Exports.DownloadAsync(compliance, $"/api/admin/compliance/send-list?sequence={key}&step=hello");
        var row = Assert.Single(Exports.ReadCsv(file));
        var none = Exports.ReadCsv((await Exports.DownloadAsync(compliance, $"/api/admin/compliance/send-list?sequence={key}&step=pause")).First);
        var json = JsonDocument.Parse((await Exports.DownloadAsync(compliance, $"/api/admin/compliance/send-list?sequence={key}&format=json")).First).RootElement;
        var missing = await compliance.GetAsync("/api/admin/compliance/send-list");
        var unknown = await compliance.GetAsync("/api/admin/compliance/send-list?sequence=no-such-sequence");

        Assert.Equal((key, "hello", "welcome", "email"), (row["Sequence"], row["Step"], row["Template"], row["Channel"]));
        Assert.Equal((personId.ToString(), email, "fr"), (row["PersonId"], row["Identifier"], row["Regime"]));
        Assert.Equal(("allowed", "consent_event", confirmed.ToString()), (row["Decision"], row["BasisType"], row["BasisRecordId"]));
        Assert.Equal("sent", row["Status"]);
        Assert.NotEqual("", row["DispatchedAtUtc"]);
        Assert.Equal("E2 send list with the basis used", manifest.GetProperty("export").GetString());
        Assert.Empty(none);
        Assert.Equal("consent_event", json[0].GetProperty("basisType").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("sequence", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await journey.Marketer.GetAsync($"/api/admin/compliance/send-list?sequence={key}")).StatusCode);
    }
}

public sealed class RestrictionFacts_OnSqlite(SqliteNurtureApp app) : RestrictionFacts<SqliteNurtureApp>(app);

public sealed class RestrictionFacts_OnPostgres(PostgresNurtureApp app) : RestrictionFacts<PostgresNurtureApp>(app);
