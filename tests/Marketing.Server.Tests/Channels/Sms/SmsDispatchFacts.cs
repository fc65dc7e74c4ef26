using System.Net.Http.Json;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Channels.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Channels.Sms;


/// <summary>SMS dispatch passes against the Twilio stand-in: gate, windows, caps, retries, permanent failures, status callbacks.</summary>
public abstract class SmsDispatchFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : SmsApp
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task MarketingSms_WithConsent_LeavesThroughTwilio_AndKeepsItsSid()
    {
        app.Clock.Now = SmsApp.Tuesday10Paris;
        var (phone, ids) = await SeedAsync(consent: true, messages: 1);

        await app.DispatchSmsAsync();

        var request = Assert.Single(app.Twilio.To(phone));
        var record = Record(ids[0]);
        Assert.Equal($"/2010-04-01/Accounts/{SmsApp.AccountSid}/Messages.json", request["_path"]);
        Assert.Equal(SmsApp.From, request["From"]);
        Assert.Equal($"{SmsApp.PublicBaseUrl}/api/sms/status", request["StatusCallback"]);
        Assert.Contains(SmsApp.SenderName, request["Body"], StringComparison.Ordinal);
        Assert.Contains("STOP", request["Body"], StringComparison.Ordinal);
        Assert.Equal((SendStatuses.Sent, request["_sid"], DeliveryStatuses.Queued), (record.Status, record.MessageId, record.DeliveryStatus));
        Assert.Equal(("allowed", "consent_event"), (record.Decision, record.EvidenceKind));
    }

    [Fact]
    public async Task FirstMarketingSms_ToAnImportedPerson_LinksTheArt14Page_AndInformsThemOnlyOnceSent()
    {
        app.Clock.Now = SmsApp.Tuesday10Paris;
        var batch = await app.InScopeAsync(async db => (await ImportContacts.StartAsync(db, app.Clock,
            new ImportContacts.Meta("Partner SMS Ltd", CollectedFrom: SmsApp.Tuesday10Paris.AddDays(-40)), "key:test", CancellationToken.None)).Value.Id);
        var (phone, ids) = await SeedAsync(consent: true, messages: 2, importedIn: batch);
        var personId = Record(ids[0]).PersonId;
        var notice = $"Origine de vos données, vos droits : {SmsApp.PublicBaseUrl}/privacy/sources/{batch:N}";
        // The second message is due the next day, after the first has left.
        await app.InScopeAsync(db => db.SendRecords.Where(r => r.Id == ids[1]).ExecuteUpdateAsync(u => u.SetProperty(r => r.DueAt, SmsApp.Tuesday10Paris.AddDays(1))));
        app.Twilio.FailNext(1, 429);

        await app.DispatchSmsAsync();
        var notYet = app.InScope(db => db.People.AsNoTracking().Single(p => p.Id == personId)).Art14InformedAt;
        app.Clock.Now = SmsApp.Tuesday10Paris.AddMinutes(5);
        await app.DispatchSmsAsync();
        var informed = app.InScope(db => db.People.AsNoTracking().Single(p => p.Id == personId)).Art14InformedAt;
        app.Clock.Now = SmsApp.Tuesday10Paris.AddDays(1);
        await app.DispatchSmsAsync();
        var page = await app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/privacy/sources/{batch:N}") { Headers = { { "Accept-Language", "fr-FR" } } });
        var unknown = await app.CreateClient().GetAsync($"/privacy/sources/{Guid.NewGuid():N}");

        // The refused attempt informed nobody; the first SMS that left carries the notice, the next does not.
        Assert.Null(notYet);
        var sent = app.Twilio.To(phone).Where(r => r.ContainsKey("_sid")).Select(r => r["Body"]).ToList();
        Assert.Equal(2, sent.Count);
        Assert.EndsWith(notice, sent[0], StringComparison.Ordinal);
        Assert.DoesNotContain("/privacy/sources/", sent[1], StringComparison.Ordinal);
        Assert.Equal(SmsApp.Tuesday10Paris.AddMinutes(5), informed);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Partner SMS Ltd", html, StringComparison.Ordinal);
        Assert.Contains("Vos droits", html, StringComparison.Ordinal);
        Assert.Contains("Répondez STOP", html, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task MarketingSms_WithoutConsent_IsBlocked_AndNothingReachesTwilio()
    {
        app.Clock.Now = SmsApp.Tuesday10Paris;
        var (phone, ids) = await SeedAsync(consent: false, messages: 1);

        await app.DispatchSmsAsync();

        var record = Record(ids[0]);
        Assert.Equal(SendStatuses.Blocked, record.Status);
        Assert.Contains("no consent recorded", record.DecisionReason, StringComparison.Ordinal);
        Assert.Empty(app.Twilio.To(phone));
    }

    [Fact]
    public async Task RateLimitsAndServerErrors_AreRetriedWithBackoff_ThenSent()
    {
        app.Clock.Now = SmsApp.Tuesday10Paris;
        var (phone, ids) = await SeedAsync(consent: true, messages: 1);
        app.Twilio.FailNext(1, 429);
        app.Twilio.FailNext(1, 500);

        await app.DispatchSmsAsync();
        var afterRateLimit = Record(ids[0]);
        app.Clock.Now = afterRateLimit.DueAt;
        await app.DispatchSmsAsync();
        var afterServerError = Record(ids[0]);
        app.Clock.Now = afterServerError.DueAt;
        await app.DispatchSmsAsync();
        var sent = Record(ids[0]);

        Assert.Equal((SendStatuses.Queued, 1), (afterRateLimit.Status, afterRateLimit.Attempts));
        Assert.Contains("429", afterRateLimit.LastError, StringComparison.Ordinal);
        Assert.Equal(SmsApp.Tuesday10Paris.AddSeconds(30), afterRateLimit.DueAt);
        Assert.Equal((SendStatuses.Queued, 2), (afterServerError.Status, afterServerError.Attempts));
        Assert.Equal(SmsApp.Tuesday10Paris.AddSeconds(30 + 120), afterServerError.DueAt);
        Assert.Contains("500", afterServerError.LastError, StringComparison.Ordinal);
        Assert.Equal((SendStatuses.Sent, 3), (sent.Status, sent.Attempts));
        Assert.Equal(3, app.Twilio.To(phone).Count);
    }

    [Fact]
    public async Task ARefusal_FailsForGood_AndIsNeverTriedAgain()
    {
        app.Clock.Now = SmsApp.Tuesday10Paris;
        var (phone, ids) = await SeedAsync(consent: true, messages: 1);
        app.Twilio.FailNext(1, 400);

        await app.DispatchSmsAsync();
        app.Clock.Now = SmsApp.Tuesday10Paris.AddHours(2);
        await app.DispatchSmsAsync();

        var record = Record(ids[0]);
        Assert.Equal((SendStatuses.Failed, 1), (record.Status, record.Attempts));
        Assert.Contains("400", record.LastError, StringComparison.Ordinal);
        Assert.Single(app.Twilio.To(phone));
    }

    [Fact]
    public async Task ASundayMarketingSms_WaitsForMondayMorning_WithoutUsingAnAttempt()
    {
        var sunday = new DateTimeOffset(2027, 3, 7, 10, 0, 0, Paris.GetUtcOffset(new DateTime(2027, 3, 7))).ToUniversalTime();
        var monday8 = new DateTimeOffset(2027, 3, 8, 8, 0, 0, Paris.GetUtcOffset(new DateTime(2027, 3, 8))).ToUniversalTime();
        app.Clock.Now = sunday;
        var (phone, ids) = await SeedAsync(consent: true, messages: 1);

        await app.DispatchSmsAsync();
        var deferred = Record(ids[0]);
        app.Clock.Now = monday8;
        await app.DispatchSmsAsync();
        var sent = Record(ids[0]);

        Assert.Equal((SendStatuses.Queued, 0, SendDecisions.Deferred), (deferred.Status, deferred.Attempts, deferred.Decision));
        Assert.Equal(monday8, deferred.DueAt);
        Assert.Contains("window", deferred.DecisionReason, StringComparison.Ordinal);
        Assert.Equal((SendStatuses.Sent, 1), (sent.Status, sent.Attempts));
        Assert.Single(app.Twilio.To(phone));
    }

    [Fact]
    public async Task TheFourthMarketingSmsOfAWeek_WaitsUntilTheCapAllowsIt()
    {
        app.Clock.Now = SmsApp.Tuesday10Paris;
        var (phone, ids) = await SeedAsync(consent: true, messages: 4);

        await app.DispatchSmsAsync();

        var records = ids.Select(Record).ToList();
        Assert.Equal(3, records.Count(r => r.Status == SendStatuses.Sent));
        var held = Assert.Single(records, r => r.Status == SendStatuses.Queued);
        Assert.Equal(SmsApp.Tuesday10Paris.AddDays(7), held.DueAt);
        Assert.Contains("frequency cap 3", held.DecisionReason, StringComparison.Ordinal);
        Assert.Equal(0, held.Attempts);
        Assert.Equal(3, app.Twilio.To(phone).Count);
    }

    [Fact]
    public async Task StatusCallbacks_MoveDeliveryForward_AndForgedOnesChangeNothing()
    {
        app.Clock.Now = SmsApp.Tuesday10Paris;
        var (_, ids) = await SeedAsync(consent: true, messages: 1);
        await app.DispatchSmsAsync();
        var sid = Record(ids[0]).MessageId!;
        var delivered = new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = "delivered", ["AccountSid"] = SmsApp.AccountSid };
        var forged = new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = "failed", ["AccountSid"] = SmsApp.AccountSid };

        var forgedAnswer = await app.WebhookAsync("/api/sms/status", forged, signature: SmsApp.Sign($"{SmsApp.PublicBaseUrl}/api/sms/status", forged, "not-the-token"));
        var unsigned = await app.WebhookAsync("/api/sms/status", forged, signature: "");
        var afterForgery = Record(ids[0]).DeliveryStatus;
        var ok = await app.WebhookAsync("/api/sms/status", delivered);
        var late = await app.WebhookAsync("/api/sms/status", new() { ["MessageSid"] = sid, ["MessageStatus"] = "sent" });
        var unknown = await app.WebhookAsync("/api/sms/status", new() { ["MessageSid"] = "SM00000000000000000000000000000000", ["MessageStatus"] = "delivered" });

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forgedAnswer.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal(DeliveryStatuses.Queued, afterForgery);
        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(DeliveryStatuses.Delivered, Record(ids[0]).DeliveryStatus);
    }

    [Fact]
    public async Task TheAdminApi_QueuesAnSms_ThatTheNextPassSends()
    {
        app.Clock.Now = SmsApp.Tuesday10Paris;
        var (phone, ids) = await SeedAsync(consent: true, messages: 0);
        var personId = app.InScope(db => db.People.Single(p => p.Phone == phone).Id);
        var purpose = app.InScope(db => db.ConsentStates.Single(s => s.PersonId == personId).PurposeId);
        var purposeKey = app.InScope(db => db.Purposes.Single(p => p.Id == purpose).Key);
        var marketer = await app.ClientAsAsync(Marketing.Access.ApiKeyRole.Marketer);

        var queued = await marketer.PostAsJsonAsync("/api/admin/sends", new { personId, purpose = purposeKey, template = "sms-offer", channel = "sms" });
        var wrongTemplate = await marketer.PostAsJsonAsync("/api/admin/sends", new { personId, purpose = purposeKey, template = "welcome", channel = "sms" });
        await app.DispatchSmsAsync();

        Assert.Equal(System.Net.HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, wrongTemplate.StatusCode);
        Assert.Single(app.Twilio.To(phone));
    }

    private SendRecord Record(Guid id) => app.InScope(db => db.SendRecords.AsNoTracking().Single(r => r.Id == id));

    private async Task<(string Phone, List<Guid> Records)> SeedAsync(bool consent, int messages, Guid? importedIn = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var purpose = new Purpose
        {
            Id = Guid.NewGuid(), Key = $"sms_{tag}", Names = new() { ["fr"] = "Offres SMS" }, Channels = [ChannelKeys.Sms],
            Bases = new() { ["fr"] = new PurposeBasis(LawfulBases.Consent) }, RetentionDays = 30,
        };
        var now = app.Clock.Now;
        var person = new Person
        {
            Id = Guid.NewGuid(), Phone = TestPhones.FrenchMobile(), Regime = "fr", Locale = "fr", TimeZone = "Europe/Paris",
            Source = importedIn is { } batch ? $"import:{batch}" : "test", CollectedIndirectlyAt = importedIn is null ? null : now, CreatedAt = now, UpdatedAt = now,
        };
        db.Purposes.Add(purpose);
        db.People.Add(person);
        if (consent)
        {
            db.ConsentStates.Add(new ConsentState { PersonId = person.Id, PurposeId = purpose.Id, Channel = ChannelKeys.Sms, Status = ConsentStatuses.Confirmed, LastEventId = Guid.NewGuid(), UpdatedAt = now });
        }

        var ids = new List<Guid>();
        for (var i = 0; i < messages; i++)
        {
            var record = new SendRecord
            {
                Id = Guid.CreateVersion7(), Key = $"sms-test:{tag}:{i}", PersonId = person.Id, Channel = ChannelKeys.Sms, MessageType = MessageTypes.Marketing,
                PurposeKey = purpose.Key, TemplateKey = "sms-offer", Status = SendStatuses.Queued, CreatedAt = now, DueAt = now.AddSeconds(-i),
            };
            db.SendRecords.Add(record);
            ids.Add(record.Id);
        }

        await db.SaveChangesAsync();
        return (person.Phone, ids);
    }
}

public sealed class SmsDispatchFacts_OnSqlite(SqliteSmsApp app) : SmsDispatchFacts<SqliteSmsApp>(app);

public sealed class SmsDispatchFacts_OnPostgres(PostgresSmsApp app) : SmsDispatchFacts<PostgresSmsApp>(app);
