using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketing.Consent;
using Marketing.Access;
using Marketing.Compliance;
using Marketing.Sending;
using Marketing.Server.Channels.Email;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Compliance;

/// <summary>
/// Data-subject requests (R36, R37): the public intake mails its requester and opens nothing until they confirm; the
/// deadline clock, its one extension with a notice, and the daily D-7 and overdue warnings on a moved clock; the
/// access archive of a person captured, confirmed, mailed and clicked, with a manifest whose hashes match.
/// </summary>
public abstract partial class DataSubjectRequestFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : ClockedEmailApp
{
    [Fact]
    public async Task Intake_MailsTheRequester_AndOpensTheTicketOnlyWhenTheyConfirm()
    {
        // Whole seconds: PostgreSQL keeps microseconds, and the time read back must equal the time set.
        app.Clock.Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var email = EmailJourney.NewAddress("intake");
        using var site = app.CreateClient();
        var tickets = app.InScope(db => db.DataSubjectRequests.Count());

        var bad = await site.PostAsJsonAsync("/public/requests", new { email = "not an address", type = "access" });
        var badType = await site.PostAsJsonAsync("/public/requests", new { email, type = "everything" });
        var filed = await site.PostAsJsonAsync("/public/requests", new { email, type = "access", details = "What do you hold on me?" });
        var again = await site.PostAsJsonAsync("/public/requests", new { email, type = "erasure" });
        await app.DispatchEmailAsync();

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"email\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"type\"", await badType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        // One filing per address per few minutes: the intake cannot flood a mailbox.
        Assert.Equal(tickets + 1, app.InScope(db => db.DataSubjectRequests.Count()));
        var ticket = app.InScope(db => db.DataSubjectRequests.AsNoTracking().Single(t => t.Email == email));
        Assert.Equal((RequestStatuses.AwaitingConfirmation, (DateTimeOffset?)null, (DateTimeOffset?)null), (ticket.Status, ticket.ReceivedAt, ticket.DueAt));
        var record = app.InScope(db => db.SendRecords.AsNoTracking().Single(r => r.PersonId == ticket.Id));
        Assert.Equal((SendRecipients.Requester, $"request:dsr-{ticket.Id:N}", SendStatuses.Sent, "transactional_reference"),
            (record.Recipient, record.Reference, record.Status, record.EvidenceKind));
        var message = Assert.Single(app.Smtp.To(email)).Message;
        Assert.Equal("Please confirm your request about your personal data", message.Subject);
        var path = ConfirmPath(message.HtmlBody ?? "");
        var token = path[(path.LastIndexOf('/') + 1)..];
        Assert.DoesNotContain(token, record.Data.Values);
        Assert.NotEqual(token, app.InScope(db => db.DataSubjectRequests.AsNoTracking().Single(t => t.Id == ticket.Id).ConfirmationTokenHash));

        using var scanner = app.CreateClient();
        var asked = await scanner.GetAsync(path);
        Assert.Equal(RequestStatuses.AwaitingConfirmation, app.InScope(db => db.DataSubjectRequests.AsNoTracking().Single(t => t.Id == ticket.Id).Status));
        var confirmedAt = app.Clock.GetUtcNow();
        var confirmed = await scanner.PostAsync(path, new FormUrlEncodedContent([]));
        var twice = await scanner.PostAsync(path, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, twice.StatusCode);
        var open = app.InScope(db => db.DataSubjectRequests.AsNoTracking().Single(t => t.Id == ticket.Id));
        Assert.Equal((RequestStatuses.Open, IdentityMethods.EmailConfirmation), (open.Status, open.IdentityMethod));
        Assert.Equal(confirmedAt, open.ReceivedAt);
        Assert.Equal(open.ReceivedAt!.Value.AddMonths(1), open.DueAt);
        Assert.Equal(["filed", "confirmed"], History(ticket.Id));
    }

    [Fact]
    public async Task Extension_NeedsAReason_SendsTheNotice_AndMovesTheDueDateTwoMonthsFromReceipt()
    {
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        var email = EmailJourney.NewAddress("extend");
        app.Clock.Now = new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);
        var opened = await dpo.PostAsJsonAsync("/api/admin/compliance/requests",
            new { type = "access", channel = "letter", email, identityMethod = "document", receivedAt = "2026-01-31T10:00:00Z" });
        var view = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var id = view.GetProperty("id").GetGuid();
        app.Clock.Now = new DateTimeOffset(2026, 2, 20, 9, 0, 0, TimeSpan.Zero);
        var mailed = app.InScope(db => db.SendRecords.Count());

        var noReason = await dpo.PostAsJsonAsync($"/api/admin/compliance/requests/{id}/extension", new { months = 2, reason = " " });
        var tooLong = await dpo.PostAsJsonAsync($"/api/admin/compliance/requests/{id}/extension", new { months = 3, reason = "complex" });
        var extended = await dpo.PostAsJsonAsync($"/api/admin/compliance/requests/{id}/extension",
            new { months = 2, reason = "Your request covers ten years of records." });
        var twice = await dpo.PostAsJsonAsync($"/api/admin/compliance/requests/{id}/extension", new { months = 1, reason = "more" });
        await app.DispatchEmailAsync();

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal("2026-02-28T10:00:00+00:00", view.GetProperty("dueAt").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("\"reason\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("\"months\"", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        var ticket = app.InScope(db => db.DataSubjectRequests.AsNoTracking().Single(t => t.Id == id));
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 10, 0, 0, TimeSpan.Zero), ticket.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 2, 20, 9, 0, 0, TimeSpan.Zero), ticket.ExtensionNotifiedAt);
        Assert.Equal(mailed + 1, app.InScope(db => db.SendRecords.Count()));
        var notice = Assert.Single(app.Smtp.To(email)).Message;
        Assert.Equal("We need more time to answer your request", notice.Subject);
        Assert.Contains("2026-04-30", notice.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Your request covers ten years of records.", notice.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(["opened", "extended"], History(id));
    }

    [Fact]
    public async Task Extension_AfterTheFirstDueDate_IsRefused()
    {
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        app.Clock.Now = new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);
        var opened = await (await compliance.PostAsJsonAsync("/api/admin/compliance/requests",
            new { type = "erasure", channel = "email", email = EmailJourney.NewAddress("late"), identityMethod = "known_address", receivedAt = "2025-06-01T10:00:00Z" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        app.Clock.Now = new DateTimeOffset(2025, 7, 1, 10, 0, 1, TimeSpan.Zero);

        var late = await compliance.PostAsJsonAsync($"/api/admin/compliance/requests/{opened.GetProperty("id").GetGuid()}/extension", new { months = 2, reason = "complex" });

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("first due date has passed", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailyCheck_WarnsOnceAtDMinus7_AndOnceWhenOverdue_OnAMovedClock()
    {
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        app.Clock.Now = new DateTimeOffset(2030, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var opened = await (await dpo.PostAsJsonAsync("/api/admin/compliance/requests",
            new { type = "rectification", channel = "phone", email = EmailJourney.NewAddress("clock"), identityMethod = "other" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = opened.GetProperty("id").GetGuid();
        var target = id.ToString();

        await RunCheckAsync();
        app.Clock.Now = new DateTimeOffset(2030, 3, 25, 8, 0, 0, TimeSpan.Zero);
        await RunCheckAsync();
        var soon = Warnings(target);
        await RunCheckAsync();
        app.Clock.Now = new DateTimeOffset(2030, 4, 1, 8, 0, 1, TimeSpan.Zero);
        await RunCheckAsync();
        await RunCheckAsync();
        var list = await dpo.GetFromJsonAsync<JsonElement>("/api/admin/compliance/requests?status=open");

        Assert.Equal([FlagDueDataSubjectRequests.DueSoonAction], soon);
        Assert.Equal([FlagDueDataSubjectRequests.DueSoonAction, FlagDueDataSubjectRequests.OverdueAction], Warnings(target));
        Assert.Equal("overdue", list.EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == id).GetProperty("deadline").GetString());
    }

    [Fact]
    public async Task Completion_RefusalNeedsItsReasonAndTheRightToComplain_AndMarketersSeeNoRequest()
    {
        app.Clock.Now = DateTimeOffset.UtcNow;
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var opened = await (await compliance.PostAsJsonAsync("/api/admin/compliance/requests",
            new { type = "objection", channel = "email", email = EmailJourney.NewAddress("refuse"), identityMethod = "known_address" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = opened.GetProperty("id").GetGuid();

        var bare = await compliance.PostAsJsonAsync($"/api/admin/compliance/requests/{id}/rejection", new { reason = "" });
        var rejected = await compliance.PostAsJsonAsync($"/api/admin/compliance/requests/{id}/rejection",
            new { reason = "Manifestly unfounded: repeated weekly.", complaintRightMentioned = true });
        var closedAgain = await compliance.PostAsJsonAsync($"/api/admin/compliance/requests/{id}/completion", new { outcome = "fulfilled" });

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        var problems = await bare.Content.ReadAsStringAsync();
        Assert.Contains("\"reason\"", problems, StringComparison.Ordinal);
        Assert.Contains("\"complaintRightMentioned\"", problems, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, closedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/api/admin/compliance/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/api/admin/compliance/requests/log")).StatusCode);
        var ticket = app.InScope(db => db.DataSubjectRequests.AsNoTracking().Single(t => t.Id == id));
        Assert.Equal((RequestStatuses.Closed, RequestOutcomes.Refused, true), (ticket.Status, ticket.Outcome, ticket.ComplaintRightMentioned));
        Assert.Equal(["dsr.completed", "dsr.opened"],
            app.InScope(db => db.AuditEntries.Where(a => a.Target == id.ToString()).Select(a => a.Action).ToList()).Order(StringComparer.Ordinal));

        var (log, manifest) = await Exports.DownloadAsync(compliance, "/api/admin/compliance/requests/log?format=csv");
        var row = Assert.Single(Exports.ReadCsv(log), r => r["RequestId"] == id.ToString());
        Assert.Equal(("objection", "refused", "Manifestly unfounded: repeated weekly.", "True"),
            (row["Type"], row["Outcome"], row["OutcomeReason"], row["ComplaintRightMentioned"]));
        Assert.Contains("opened", row["Actions"], StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(log)), manifest.GetProperty("files")[0].GetProperty("sha256").GetString());
    }

    /// <summary>R38: an erasure request is fulfilled by the erasure itself, whose scan result goes on the ticket.</summary>
    [Fact]
    public async Task ErasureRequest_IsFulfilledOnlyOnceThePersonIsErased_AndKeepsTheScanResult()
    {
        app.Clock.Now = DateTimeOffset.UtcNow;
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("erase-ticket");
        await journey.SignUpAsync(email);
        var personId = journey.PersonId(email);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var opened = await (await compliance.PostAsJsonAsync("/api/admin/compliance/requests",
            new { type = "erasure", channel = "email", email, identityMethod = "known_address" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = opened.GetProperty("id").GetGuid();

        var early = await compliance.PostAsJsonAsync($"/api/admin/compliance/requests/{id}/completion", new { outcome = "fulfilled" });
        (await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/erasure", new { ground = "consent_withdrawn" })).EnsureSuccessStatusCode();
        var done = await compliance.PostAsJsonAsync($"/api/admin/compliance/requests/{id}/completion", new { outcome = "fulfilled" });

        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.True((await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("outcome", out _));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var completed = app.InScope(db => db.DataSubjectRequestEvents.AsNoTracking().Single(e => e.RequestId == id && e.Action == "completed").Detail);
        Assert.Contains("none found", completed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessArchive_HoldsTheProfileConsentsSendsClicksAndRequests_WithAManifestWhoseHashesMatch()
    {
        app.Clock.Now = DateTimeOffset.UtcNow;
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("access");
        await journey.SignUpAsync(email);
        await app.DispatchEmailAsync();
        (await journey.ConfirmAsync(EmailJourney.ConfirmationPath(await app.Smtp.WaitForAsync(email)))).EnsureSuccessStatusCode();
        var personId = journey.PersonId(email);
        var sent = app.InScope(db => db.SendRecords.AsNoTracking().Single(r => r.PersonId == personId && r.Status == SendStatuses.Sent));
        await app.SetClickConsentAsync(sent.Id, ConsentStatuses.Granted);
        var links = app.Services.GetRequiredService<EmailLinks>();
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(new Uri(links.Click(links.Token(sent.Id), "https://shop.example/offer")).PathAndQuery)).StatusCode);
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        var opened = await (await dpo.PostAsJsonAsync("/api/admin/compliance/requests",
            new { type = "access", channel = "email", email, identityMethod = "known_address" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = opened.GetProperty("id").GetGuid();

        var archive = await Exports.DownloadAsync(dpo, $"/api/admin/compliance/requests/{id}/archive");

        Assert.Equal(personId, opened.GetProperty("personId").GetGuid());
        Assert.Equal(["clicks.json", "consent-proof.csv", "consent-proof.json", "manifest.json", "profile.json", "recipients.json", "requests.json",
            "retention.json", "sends.csv", "sends.json", "source.json"], archive.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var file in archive.Manifest.GetProperty("files").EnumerateArray())
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(archive.Files[file.GetProperty("name").GetString()!])), file.GetProperty("sha256").GetString());
        }

        Assert.Equal(email, Json(archive, "profile.json").GetProperty("email").GetString());
        var consents = Json(archive, "consent-proof.json").EnumerateArray().Select(e => e.GetProperty("status").GetString()).ToList();
        Assert.Equal(["pending_confirmation", "confirmed"], consents);
        var send = Assert.Single(Json(archive, "sends.json").EnumerateArray());
        Assert.Equal(("doi", "allowed"), (send.GetProperty("messageType").GetString(), send.GetProperty("decision").GetString()));
        Assert.Equal(sent.Id, Assert.Single(Json(archive, "clicks.json").EnumerateArray()).GetProperty("sendId").GetGuid());
        Assert.Equal(id, Assert.Single(Json(archive, "requests.json").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(journey.Scenario.Form, Assert.Single(Json(archive, "source.json").GetProperty("submissions").EnumerateArray()).GetProperty("formId").GetString());
        Assert.Contains("SMTP relay at 127.0.0.1", Json(archive, "recipients.json").GetProperty("recipients")[0].GetString(), StringComparison.Ordinal);
        // One row per purpose the person holds: the newsletter and the click measurement the click above needed.
        Assert.Equal(new[] { TrackingPurposes.Clicks, journey.Scenario.Newsletter }.Order(StringComparer.Ordinal),
            Json(archive, "retention.json").EnumerateArray().Select(r => r.GetProperty("purpose").GetString()!).Order(StringComparer.Ordinal));
        var ticket = app.InScope(db => db.DataSubjectRequests.AsNoTracking().Single(t => t.Id == id));
        Assert.NotNull(ticket.ArchiveGeneratedAt);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(archive.Files["manifest.json"])), ticket.ArchiveSha256);
        Assert.Equal(["opened", "archive_generated"], History(id));
    }

    [Fact]
    public async Task PortabilityArchive_HoldsOnlyWhatThePersonProvided()
    {
        app.Clock.Now = DateTimeOffset.UtcNow;
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("portable");
        await journey.SignUpAsync(email);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var opened = await (await compliance.PostAsJsonAsync("/api/admin/compliance/requests",
            new { type = "portability", channel = "email", email, identityMethod = "known_address" })).Content.ReadFromJsonAsync<JsonElement>();
        var stranger = await (await compliance.PostAsJsonAsync("/api/admin/compliance/requests",
            new { type = "access", channel = "email", email = EmailJourney.NewAddress("nobody"), identityMethod = "known_address" })).Content.ReadFromJsonAsync<JsonElement>();

        var archive = await Exports.DownloadAsync(compliance, $"/api/admin/compliance/requests/{opened.GetProperty("id").GetGuid()}/archive");
        var nothing = await compliance.GetAsync($"/api/admin/compliance/requests/{stranger.GetProperty("id").GetGuid()}/archive");

        Assert.Equal(["manifest.json", "provided.json"], archive.Files.Keys.Order(StringComparer.Ordinal));
        var provided = Json(archive, "provided.json");
        Assert.Equal(email, provided.GetProperty("email").GetString());
        Assert.Equal(journey.Scenario.Form, Assert.Single(provided.GetProperty("submissions").EnumerateArray()).GetProperty("formId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
    }

    private Task<(int DueSoon, int Overdue)> RunCheckAsync() => app.InScopeAsync(db => FlagDueDataSubjectRequests.HandleAsync(db, app.Clock, CancellationToken.None));

    private List<string> Warnings(string target) => app.InScope(db => db.AuditEntries.AsNoTracking()
        .Where(a => a.Target == target && (a.Action == FlagDueDataSubjectRequests.DueSoonAction || a.Action == FlagDueDataSubjectRequests.OverdueAction))
        .OrderBy(a => a.At).Select(a => a.Action).ToList());

    private List<string> History(Guid id) =>
        app.InScope(db => db.DataSubjectRequestEvents.AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Action).ToList());

    private static JsonElement Json(ExportDownload archive, string name) => JsonDocument.Parse(archive.Files[name]).RootElement.Clone();

    private static string ConfirmPath(string html) =>
        ConfirmLink().Match(html) is { Success: true } m ? m.Groups["path"].Value : throw new InvalidOperationException("no confirmation link");

    [GeneratedRegex(@"https?://localhost(:[0-9]+)?(?<path>/requests/confirm/[A-Za-z0-9_-]+)")]
    private static partial Regex ConfirmLink();
}

public sealed class DataSubjectRequestFacts_OnSqlite(SqliteClockedEmailApp app) : DataSubjectRequestFacts<SqliteClockedEmailApp>(app);

public sealed class DataSubjectRequestFacts_OnPostgres(PostgresClockedEmailApp app) : DataSubjectRequestFacts<PostgresClockedEmailApp>(app);
