using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Channels.Email;

public abstract class EmailFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : EmailApp
{
    [Fact]
    public async Task SignUp_WithDoubleOptIn_SendsOneConfirmation_WhoseLinkConfirmsExactlyOnce()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("doi");

        await journey.SignUpAsync(email);
        var confirmation = await app.Smtp.WaitForAsync(email);
        var path = EmailJourney.ConfirmationPath(confirmation);
        var page = await journey.Browser.GetAsync(path);
        var pendingAfterGet = app.InScope(db => db.ConsentStates.Count(s => s.Status == ConsentStatuses.PendingConfirmation
            && db.People.Any(p => p.Id == s.PersonId && p.Email == email)));
        var first = await journey.ConfirmAsync(path);
        var second = await journey.ConfirmAsync(path);

        Assert.Single(app.Smtp.To(email));
        Assert.Equal("hello@acme.example", confirmation.Message.From.Mailboxes.Single().Address);
        Assert.Null(confirmation.Message.Headers[MimeKit.HeaderId.ListUnsubscribe]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, pendingAfterGet);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        var personId = journey.PersonId(email);
        var events = app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Sequence).ToList());
        Assert.Equal([ConsentStatuses.PendingConfirmation, ConsentStatuses.Confirmed], events.Select(e => e.Status));
        var confirmed = events[1];
        Assert.Equal(EmailJourney.ConfirmingAddress, confirmed.IpAddress);
        Assert.Equal("ConfirmTest/2.0", confirmed.UserAgent);
        Assert.Equal(ConsentMethods.DoubleOptIn, confirmed.Method);
        Assert.Equal(events[0].NoticeSha256, confirmed.NoticeSha256);
        Assert.Equal(events[0].Hash, confirmed.PreviousHash);

        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var export = await compliance.GetAsync($"/api/admin/people/{personId}/consent-proof?format=csv");
        using var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("consent-proof.csv")!.Open());
        var csv = await reader.ReadToEndAsync();
        Assert.Contains("pending_confirmation", csv, StringComparison.Ordinal);
        Assert.Contains("confirmed", csv.Replace("pending_confirmation", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(EmailJourney.ConfirmingAddress, csv, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarketingEmail_CarriesOneClickHeaders_SignedByDkim_AndOneClickPostSuppresses()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("mkt");
        var personId = await journey.SubscribedAsync(email);

        var sent = await journey.SettledAsync(await journey.QueueAsync(personId));
        var message = await app.Smtp.WaitForAsync(email, count: 2);
        var listUnsubscribe = message.Message.Headers[MimeKit.HeaderId.ListUnsubscribe] ?? "";
        var dkim = message.Message.Headers[MimeKit.HeaderId.DkimSignature] ?? "";
        var verdict = await EmailJourney.VerifyDkimAsync(message.Raw, app.DkimDnsRecord);

        Assert.Equal("sent", sent.GetProperty("status").GetString());
        Assert.Equal("consent_event", sent.GetProperty("evidenceKind").GetString());
        var confirmedEventId = app.InScope(db => db.ConsentEvents.Single(e => e.PersonId == personId && e.Status == ConsentStatuses.Confirmed).Id);
        Assert.Equal(confirmedEventId.ToString(), sent.GetProperty("evidenceId").GetString());
        Assert.Equal("news@acme.example", message.Message.From.Mailboxes.Single().Address);
        Assert.Matches("^<https://localhost/email/unsubscribe/[A-Za-z0-9_-]+>, <mailto:unsubscribe@acme.example\\?subject=unsubscribe-[0-9a-f]{32}>$", listUnsubscribe);
        Assert.DoesNotContain(email.Split('@')[0], listUnsubscribe, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("List-Unsubscribe=One-Click", message.Message.Headers[MimeKit.HeaderId.ListUnsubscribePost]);
        var signedHeaders = dkim.Split(';').Select(t => t.Trim()).Single(t => t.StartsWith("h=", StringComparison.Ordinal))[2..]
            .Replace(" ", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal).Replace("\r\n", "", StringComparison.Ordinal)
            .ToLowerInvariant().Split(':');
        Assert.Superset(new HashSet<string> { "from", "to", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post" }, signedHeaders.ToHashSet());
        Assert.Contains("d=acme.example", dkim, StringComparison.Ordinal);
        Assert.Equal("True", verdict);
        Assert.Contains(EmailApp.PostalAddress.Replace("'", "&#39;", StringComparison.Ordinal), message.Message.HtmlBody ?? "", StringComparison.Ordinal);
        Assert.Contains(EmailApp.LegalName, message.Message.TextBody ?? "", StringComparison.Ordinal);

        var unsubscribePath = EmailJourney.PathOf(listUnsubscribe.Split('>')[0].TrimStart('<'));
        var asked = await journey.Browser.GetAsync(unsubscribePath);
        var suppressedAfterGet = app.InScope(db => db.Suppressions.Count(s => s.Scope == journey.Scenario.Newsletter));
        using var anonymous = new HttpClient(app.Server.CreateHandler()) { BaseAddress = app.Server.BaseAddress };
        var oneClick = await anonymous.PostAsync(unsubscribePath,
            new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        var after = await journey.SettledAsync(await journey.QueueAsync(personId));

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(0, suppressedAfterGet);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False(oneClick.Headers.Contains("Set-Cookie"));
        var withdrawal = app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Sequence).ToList()[^1]);
        Assert.Equal(ConsentStatuses.Withdrawn, withdrawal.Status);
        Assert.Equal(ConsentMethods.OneClickUnsubscribe, withdrawal.Method);
        Assert.Equal(1, app.InScope(db => db.Suppressions.Count(s => s.Scope == journey.Scenario.Newsletter && s.Reason == SuppressionReasons.Unsubscribe)));
        Assert.Equal("blocked", after.GetProperty("status").GetString());
        Assert.Contains("unsubscribe", after.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, app.Smtp.To(email).Count);
    }

    [Fact]
    public async Task SendQueuedBeforeAnUnsubscribe_AndDueAfterIt_IsBlocked_AndTheRecordSaysWhy()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("late");
        var personId = await journey.SubscribedAsync(email);
        await journey.SettledAsync(await journey.QueueAsync(personId));
        var first = await app.Smtp.WaitForAsync(email, count: 2);
        var later = await journey.QueueAsync(personId, scheduledAt: DateTimeOffset.UtcNow.AddSeconds(4));

        var unsubscribePath = EmailJourney.PathOf((first.Message.Headers[MimeKit.HeaderId.ListUnsubscribe] ?? "").Split('>')[0].TrimStart('<'));
        (await journey.Browser.PostAsync(unsubscribePath, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).EnsureSuccessStatusCode();
        var settled = await journey.SettledAsync(later, seconds: 90);

        Assert.Equal("blocked", settled.GetProperty("status").GetString());
        Assert.Equal("blocked", settled.GetProperty("decision").GetString());
        Assert.StartsWith("suppressed: unsubscribe", settled.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.True(settled.GetProperty("decidedAt").GetDateTimeOffset() >= later.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(2, app.Smtp.To(email).Count);
    }

    [Fact]
    public async Task SuppressedAddress_GetsNothing_NeitherConfirmationNorMarketing()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("bounced");
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var added = await admin.PostAsJsonAsync("/api/admin/suppressions", new { address = $"  {email.ToUpperInvariant()} ", reason = "hard_bounce" });

        await journey.SignUpAsync(email);
        var personId = journey.PersonId(email);
        var confirmation = await Eventually.ReturnsAsync(
            async () => (await journey.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/sends?personId={personId}")).EnumerateArray().ToList(),
            list => list.Count == 1 && list[0].GetProperty("status").GetString() == "blocked", TimeSpan.FromSeconds(30));
        var marketing = await journey.SettledAsync(await journey.QueueAsync(personId));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("doi", confirmation.Single().GetProperty("messageType").GetString());
        Assert.Equal("blocked", confirmation.Single().GetProperty("status").GetString());
        Assert.StartsWith("suppressed: hard_bounce", confirmation.Single().GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("blocked", marketing.GetProperty("status").GetString());
        Assert.StartsWith("suppressed: hard_bounce", marketing.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Empty(app.Smtp.To(email));
    }

    [Fact]
    public async Task BounceReport_AndComplaint_SuppressTheAddress_AndForgedCallsChangeNothing()
    {
        var journey = await EmailJourney.StartAsync(app);
        var bounced = EmailJourney.NewAddress("dsn");
        var complained = EmailJourney.NewAddress("arf");
        var bouncedId = await journey.SubscribedAsync(bounced);
        var complainedId = await journey.SubscribedAsync(complained);
        var welcome = await journey.SettledAsync(await journey.QueueAsync(bouncedId));
        var dsn = ProviderReports.Dsn(bounced, welcome.GetProperty("messageId").GetString()!);
        using var provider = app.CreateClient();

        var forged = await provider.SendAsync(ProviderReports.Events(new StringContent(dsn, Encoding.ASCII, "message/rfc822"), "Bearer wrong-token"));
        var suppressedAfterForgery = app.InScope(db => db.Suppressions.Count(s => s.Reason == SuppressionReasons.HardBounce && s.Source == "email_events_webhook"));
        var report = await provider.SendAsync(ProviderReports.Events(new StringContent(dsn, Encoding.ASCII, "message/rfc822")));
        var complaint = await provider.SendAsync(ProviderReports.Events(
            JsonContent.Create(new { events = new[] { new { type = "complaint", recipient = complained } } })));
        var badType = await provider.SendAsync(ProviderReports.Events(
            JsonContent.Create(new { events = new[] { new { type = "exploded", recipient = complained } } })));
        var toBounced = await journey.SettledAsync(await journey.QueueAsync(bouncedId));
        var toComplainer = await journey.SettledAsync(await journey.QueueAsync(complainedId));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, complaint.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Contains("events[0].type", await badType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("suppressed: hard_bounce", toBounced.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("suppressed: complaint", toComplainer.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(suppressedAfterForgery + 1, app.InScope(db => db.Suppressions.Count(s => s.Reason == SuppressionReasons.HardBounce && s.Source == "email_events_webhook")));
    }

    [Fact]
    public async Task PermanentRefusal_IsRecordedAndNeverRetried_TransientRefusal_IsRetriedLater()
    {
        var journey = await EmailJourney.StartAsync(app);
        var dead = EmailJourney.NewAddress("dead");
        var busy = EmailJourney.NewAddress("busy");
        var deadId = await journey.SubscribedAsync(dead);
        var busyId = await journey.SubscribedAsync(busy);
        app.Smtp.Reject = address => address == dead ? new SmtpServer.Protocol.SmtpResponse((SmtpServer.Protocol.SmtpReplyCode)550, "mailbox unavailable")
            : address == busy ? new SmtpServer.Protocol.SmtpResponse((SmtpServer.Protocol.SmtpReplyCode)451, "try again later") : null;
        try
        {
            var failed = await journey.SettledAsync(await journey.QueueAsync(deadId));
            var queued = await journey.QueueAsync(busyId);
            var retrying = await Eventually.ReturnsAsync(
                async () => await journey.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/sends/{queued.GetProperty("id").GetString()}"),
                r => r.GetProperty("attempts").GetInt32() >= 1 && r.GetProperty("status").GetString() == "queued", TimeSpan.FromSeconds(30));

            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.StartsWith("550", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
            Assert.Equal("queued", retrying.GetProperty("status").GetString());
            Assert.StartsWith("451", retrying.GetProperty("lastError").GetString(), StringComparison.Ordinal);
            Assert.True(retrying.GetProperty("dueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(10));
        }
        finally
        {
            app.Smtp.Reject = null;
        }
    }

    [Fact]
    public async Task EveryMessageTheSmtpServerReceived_HasASendRecordTheGateAllowed()
    {
        // Only this test's traffic: another test of the class purges unconfirmed sign-ups, records and all, by design.
        var before = app.Smtp.Messages.Count;
        var journey = await EmailJourney.StartAsync(app);
        var personId = await journey.SubscribedAsync(EmailJourney.NewAddress("audit"));
        await journey.SettledAsync(await journey.QueueAsync(personId));
        await journey.SubscribedAsync(EmailJourney.NewAddress("audit2"));

        var received = app.Smtp.Messages.Skip(before).Select(m => m.Message.MessageId ?? "").ToList();
        // A pass records the outcome just after the server accepts the message (a retry of another test's message may be in flight).
        var records = await Eventually.ReturnsAsync(
            () => Task.FromResult(app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.MessageId != null).ToList()).ToDictionary(r => r.MessageId!)),
            known => received.All(known.ContainsKey), TimeSpan.FromSeconds(15));

        Assert.True(received.Count >= 3);
        Assert.All(received, id =>
        {
            Assert.True(records.TryGetValue(id, out var record), $"message {id} has no send record");
            Assert.Equal("allowed", record!.Decision);
            Assert.NotNull(record.EvidenceKind);
        });
    }

    [Fact]
    public async Task BounceDeliveredToTheReportMailbox_IsReadOverImap_AndSuppresses()
    {
        var journey = await EmailJourney.StartAsync(app);
        var bounced = EmailJourney.NewAddress("imap");
        var personId = await journey.SubscribedAsync(bounced);
        var welcome = await journey.SettledAsync(await journey.QueueAsync(personId));
        app.Reports.Deliver(ProviderReports.Dsn(bounced, welcome.GetProperty("messageId").GetString()!));
        app.Reports.Deliver("From: someone@example.com\r\nTo: bounces@acme.example\r\nSubject: hello\r\n\r\nNot a report.\r\n");

        // The minutely recurring pass may get there first; either way each message is read once.
        await ReadReportMailboxAsync();
        var seen = app.Reports.SeenCount;
        var again = await ReadReportMailboxAsync();
        var after = await journey.SettledAsync(await journey.QueueAsync(personId));

        Assert.Equal(2, seen);
        Assert.Equal(0, again!.Messages);
        Assert.StartsWith("suppressed: hard_bounce", after.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, app.Smtp.To(bounced).Count);
        var welcomeId = welcome.GetProperty("id").GetGuid();
        var hash = app.InScope(db => db.SendRecords.Single(r => r.Id == welcomeId).AddressHash);
        Assert.Equal(1, app.InScope(db => db.Suppressions.Count(e => e.Source == "report_mailbox" && e.Reason == SuppressionReasons.HardBounce && e.AddressHash == hash)));
    }

    [Fact]
    public async Task UnconfirmedSignUps_ArePurgedAfterTheirTime_KeepingOnlyCounts_AndTheLedgerStillVerifies()
    {
        var journey = await EmailJourney.StartAsync(app);
        var silent = EmailJourney.NewAddress("silent");
        var confirmed = EmailJourney.NewAddress("kept");
        await journey.SignUpAsync(silent);
        var keptId = await journey.SubscribedAsync(confirmed);
        var silentId = journey.PersonId(silent);
        await app.Smtp.WaitForAsync(silent);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Marketing.Data.MarketingDbContext>();
        var early = await PurgeUnconfirmed.HandleAsync(db, new ShiftedClock(TimeSpan.FromDays(29)), TimeSpan.FromDays(30), CancellationToken.None);
        var late = await PurgeUnconfirmed.HandleAsync(db, new ShiftedClock(TimeSpan.FromDays(31)), TimeSpan.FromDays(30), CancellationToken.None);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var verified = await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify");

        Assert.Equal(0, early.People);
        Assert.True(late.People >= 1);
        Assert.False(app.InScope(d => d.People.Any(p => p.Id == silentId)));
        Assert.False(app.InScope(d => d.ConsentEvents.Any(e => e.PersonId == silentId)));
        Assert.True(app.InScope(d => d.People.Any(p => p.Id == keptId)));
        Assert.Equal(2, app.InScope(d => d.ConsentEvents.Count(e => e.PersonId == keptId)));
        Assert.Contains(app.InScope(d => d.AuditEntries.Where(a => a.Action == "doi.unconfirmed_purged").Select(a => a.Detail).ToList()),
            detail => detail!.StartsWith("requests=", StringComparison.Ordinal) && !detail.Contains(silent, StringComparison.Ordinal));
        Assert.True(verified.GetProperty("intact").GetBoolean());
    }

    private sealed class ShiftedClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + by;
    }

    private async Task<ReportMailbox.Outcome?> ReadReportMailboxAsync()
    {
        using var scope = app.Services.CreateScope();
        return await ActivatorUtilities.CreateInstance<Marketing.Server.Channels.Email.ReadReportMailboxJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}

public sealed class EmailFacts_OnSqlite(SqliteEmailApp app) : EmailFacts<SqliteEmailApp>(app);

public sealed class EmailFacts_OnPostgres(PostgresEmailApp app) : EmailFacts<PostgresEmailApp>(app);
