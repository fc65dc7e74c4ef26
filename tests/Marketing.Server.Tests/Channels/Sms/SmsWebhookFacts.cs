using System.Net;
using System.Text.Json;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Channels.Sms;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Channels.Sms;


/// <summary>Inbound SMS as Twilio posts them, signed: verification replies (R21), STOP and START (R58, R64), forgeries.</summary>
public sealed class SmsWebhookFacts(SqliteSmsApp app) : IClassFixture<SqliteSmsApp>
{
    [Fact]
    public async Task WebFormSmsConsent_IsPending_UntilTheNumberRepliesYes()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var email = $"r21.{Guid.NewGuid():N}@example.com";
        var answer = await scenario.SubmitAsync(app.CreateClient(), email, [scenario.Sms]);
        var personId = app.InScope(db => db.People.Single(p => p.Email == email).Id);
        var phone = app.InScope(db => db.People.Single(p => p.Id == personId).Phone!);
        var pending = Status(personId);

        await app.DispatchSmsAsync();
        var verification = Assert.Single(app.Twilio.To(phone));
        var reply = await InboundAsync(phone, " yes ");
        var confirmed = LastEvent(personId);

        Assert.Equal("pending_confirmation", answer.GetProperty("consents").EnumerateArray().Single().GetProperty("status").GetString());
        Assert.Equal(ConsentStatuses.PendingConfirmation, pending);
        Assert.Contains("YES", verification["Body"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.DoesNotContain("<Message>", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((ConsentStatuses.Confirmed, ConsentMethods.SmsReply, scenario.Sms), (confirmed.Status, confirmed.Method, confirmed.PurposeKey));
        Assert.Equal(ConsentStatuses.Confirmed, Status(personId));
        Assert.Equal("YES", app.InScope(db => db.SmsReplies.Single(r => r.PersonId == personId).Keyword));
    }

    [Fact]
    public async Task Stop_SuppressesAtOnce_WithdrawsEachSmsConsent_AndConfirmsOnlyOnce()
    {
        var (personId, phone, scenario) = await VerifiedPersonAsync();

        var first = await InboundAsync(phone, "  Arrêt ");
        var second = await InboundAsync(phone, "STOP");
        var blocked = await QueueMarketingAsync(personId, scenario.Sms);

        var firstTwiml = await first.Content.ReadAsStringAsync();
        Assert.Contains("<Message>", firstTwiml, StringComparison.Ordinal);
        Assert.Contains("START", firstTwiml, StringComparison.Ordinal);
        Assert.DoesNotContain("<Message>", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = Assert.Single(Suppressions(phone));
        Assert.Equal((ChannelKeys.Sms, SuppressionEntry.AnyPurpose, ReceiveSms.KeywordSource), (entry.Channel, entry.Scope, entry.Source));
        var withdrawal = LastEvent(personId);
        Assert.Equal((ConsentStatuses.Withdrawn, ConsentMethods.SmsKeyword, scenario.Sms), (withdrawal.Status, withdrawal.Method, withdrawal.PurposeKey));
        Assert.Equal(SendStatuses.Blocked, blocked.Status);
        Assert.StartsWith("suppressed: unsubscribe", blocked.DecisionReason, StringComparison.Ordinal);
        Assert.Equal(["YES", "ARRÊT", "STOP"], app.InScope(db => db.SmsReplies.Where(r => r.PersonId == personId).OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).Select(r => r.Keyword).ToList()));
    }

    [Fact]
    public async Task Start_LiftsTheKeywordSuppression_AndGrantsAgain_WhereConsentExisted()
    {
        var (personId, phone, scenario) = await VerifiedPersonAsync();
        await InboundAsync(phone, "STOP");

        var start = await InboundAsync(phone, "unstop");
        var sent = await QueueMarketingAsync(personId, scenario.Sms);

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Empty(Suppressions(phone));
        var regranted = LastEvent(personId);
        Assert.Equal((ConsentStatuses.Confirmed, ConsentMethods.SmsKeyword), (regranted.Status, regranted.Method));
        Assert.Equal(SendStatuses.Sent, sent.Status);
    }

    [Fact]
    public async Task Start_WithoutAnEarlierSmsConsent_ChangesNothing()
    {
        var phone = TestPhones.FrenchMobile();
        var personId = Guid.NewGuid();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            db.People.Add(new Person { Id = personId, Phone = phone, Regime = "fr", Source = "test" });
            await db.SaveChangesAsync();
        }

        await InboundAsync(phone, "STOP");
        var before = Snapshot(personId);
        await InboundAsync(phone, "START");

        Assert.Single(Suppressions(phone));
        Assert.Equal(before with { Replies = before.Replies + 1 }, Snapshot(personId));
    }

    /// <summary>
    /// R58, R64: STOP suppresses the number Twilio says it came from, even one libphonenumber does not know (a block it has
    /// no metadata for yet); the send path looks the suppression up under the number as stored, so nothing more reaches it.
    /// </summary>
    [Fact]
    public async Task Stop_FromANumberLibphonenumberRejects_SuppressesIt_AndNoMarketingSmsReachesIt()
    {
        var phone = TestPhones.UnknownToLibphonenumber();
        var personId = Guid.NewGuid();
        var purpose = $"sms_unknown_{Guid.NewGuid():N}"[..24];
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            var purposeId = Guid.NewGuid();
            db.Purposes.Add(new Purpose
            {
                Id = purposeId, Key = purpose, Names = new() { ["fr"] = "Offres" }, Channels = [ChannelKeys.Sms],
                Bases = new() { ["fr"] = new PurposeBasis(LawfulBases.Consent) }, RetentionDays = 30,
            });
            // Stored as an import or an older libphonenumber wrote it.
            db.People.Add(new Person { Id = personId, Phone = phone, Regime = "fr", Locale = "fr", TimeZone = "Europe/Paris", Source = "test" });
            db.ConsentStates.Add(new ConsentState
            {
                PersonId = personId, PurposeId = purposeId, Channel = ChannelKeys.Sms, Status = ConsentStatuses.Confirmed, LastEventId = Guid.NewGuid(), UpdatedAt = app.Clock.Now,
            });
            await db.SaveChangesAsync();
        }

        var stop = await InboundAsync(phone, "STOP");
        var blocked = await QueueMarketingAsync(personId, purpose);

        Assert.False(Identifiers.TryNormalizePhone(phone, "FR", out _), $"libphonenumber now knows {phone}: pick another unallocated block");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var entry = Assert.Single(Suppressions(phone));
        Assert.Equal((ChannelKeys.Sms, SuppressionEntry.AnyPurpose, ReceiveSms.KeywordSource), (entry.Channel, entry.Scope, entry.Source));
        Assert.Equal(SendStatuses.Blocked, blocked.Status);
        Assert.StartsWith("suppressed: unsubscribe", blocked.DecisionReason, StringComparison.Ordinal);
        Assert.Empty(app.Twilio.To(phone));
        Assert.Equal("STOP", app.InScope(db => db.SmsReplies.Single(r => r.PersonId == personId).Keyword));
    }

    [Fact]
    public async Task ForgedUnsignedOrMalformedWebhooks_AreRefused_AndChangeNothing()
    {
        var (personId, phone, _) = await VerifiedPersonAsync();
        var before = Snapshot(personId);
        var stop = SmsApp.InboundForm(phone, "STOP");

        var forged = await app.WebhookAsync("/api/sms/inbound", stop, SmsApp.Sign($"{SmsApp.PublicBaseUrl}/api/sms/inbound", stop, "someone-elses-token"));
        var wrongUrl = await app.WebhookAsync("/api/sms/inbound", stop, SmsApp.Sign("http://localhost/api/sms/inbound", stop));
        var unsigned = await app.WebhookAsync("/api/sms/inbound", stop, signature: "");
        // The same message, signed, with its body changed afterwards.
        var tampered = await app.WebhookAsync("/api/sms/inbound", new Dictionary<string, string>(stop) { ["Body"] = "START" },
            SmsApp.Sign($"{SmsApp.PublicBaseUrl}/api/sms/inbound", stop));
        using var json = new HttpRequestMessage(HttpMethod.Post, "/api/sms/inbound") { Content = new StringContent("{\"Body\":\"STOP\"}", System.Text.Encoding.UTF8, "application/json") };
        json.Headers.Add("X-Twilio-Signature", "anything");
        var malformed = await app.CreateClient().SendAsync(json);

        // JSON is not what Twilio sends: 415, before any signature is looked at.
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.UnsupportedMediaType],
            new[] { forged.StatusCode, wrongUrl.StatusCode, unsigned.StatusCode, tampered.StatusCode, malformed.StatusCode });
        Assert.Equal(before, Snapshot(personId));
        Assert.Empty(Suppressions(phone));
    }

    private sealed record State(int Suppressions, int Events, int Replies, string? Head);

    private State Snapshot(Guid personId) => app.InScope(db => new State(
        db.Suppressions.Count(), db.ConsentEvents.Count(e => e.PersonId == personId), db.SmsReplies.Count(r => r.PersonId == personId),
        db.People.Single(p => p.Id == personId).LedgerHead));

    private async Task<(Guid PersonId, string Phone, CaptureScenario Scenario)> VerifiedPersonAsync()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var email = $"sms.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(app.CreateClient(), email, [scenario.Sms]);
        var personId = app.InScope(db => db.People.Single(p => p.Email == email).Id);
        var phone = app.InScope(db => db.People.Single(p => p.Id == personId).Phone!);
        await InboundAsync(phone, "YES");
        Assert.Equal(ConsentStatuses.Confirmed, Status(personId));
        return (personId, phone, scenario);
    }

    private async Task<SendRecord> QueueMarketingAsync(Guid personId, string purposeKey)
    {
        var id = Guid.CreateVersion7();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            db.SendRecords.Add(new SendRecord
            {
                Id = id, Key = $"sms-webhook-test:{id:N}", PersonId = personId, Channel = ChannelKeys.Sms, MessageType = MessageTypes.Marketing,
                PurposeKey = purposeKey, TemplateKey = "sms-offer", Status = SendStatuses.Queued, CreatedAt = app.Clock.Now, DueAt = app.Clock.Now,
            });
            await db.SaveChangesAsync();
        }

        await app.DispatchSmsAsync();
        return app.InScope(db => db.SendRecords.AsNoTracking().Single(r => r.Id == id));
    }

    private Task<HttpResponseMessage> InboundAsync(string phone, string body) => app.WebhookAsync("/api/sms/inbound", SmsApp.InboundForm(phone, body));

    private List<SuppressionEntry> Suppressions(string phone)
    {
        var hash = app.Services.GetRequiredService<AddressHasher>().HashNormalized(phone);
        return app.InScope(db => db.Suppressions.AsNoTracking().Where(s => s.AddressHash == hash).ToList());
    }

    private string? Status(Guid personId) => app.InScope(db => db.ConsentStates.AsNoTracking().SingleOrDefault(s => s.PersonId == personId && s.Channel == ChannelKeys.Sms)?.Status);

    private ConsentEvent LastEvent(Guid personId) => app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Sequence).ToList()[^1]);
}
