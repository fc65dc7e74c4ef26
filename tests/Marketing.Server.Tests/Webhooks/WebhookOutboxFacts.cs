using System.Text;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Webhooks;
using Marketing.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Webhooks;

/// <summary>
/// A receiver's view of R55 (a withdrawal made by the person, delivered by the minutely pass, signed), and the
/// outbox's hygiene: no event nobody subscribes to, and nothing kept past its retention.
/// </summary>
public abstract class WebhookOutboxFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : EmailApp
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task WithdrawalThroughTheUnsubscribeLink_ReachesAReceiver_ThatVerifiesItsSignature_AfterOneMinutelyPass()
    {
        using var receiver = new WebhookReceiver();
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var (_, secret) = await WebhookFacts<MarketingApp>.AddEndpointAsync(admin, receiver.Url, ["consent.withdrawn"]);
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("hooked");
        var personId = await journey.SubscribedAsync(email);
        await journey.SettledAsync(await journey.QueueAsync(personId));
        var message = await app.Smtp.WaitForAsync(email, count: 2);
        var unsubscribePath = EmailJourney.PathOf((message.Message.Headers[MimeKit.HeaderId.ListUnsubscribe] ?? "").Split('>')[0].TrimStart('<'));

        using var anonymous = new HttpClient(app.Server.CreateHandler()) { BaseAddress = app.Server.BaseAddress };
        (await anonymous.PostAsync(unsubscribePath, new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"))).EnsureSuccessStatusCode();
        using (var scope = app.Services.CreateScope())
        {
            await ActivatorUtilities.CreateInstance<DeliverWebhooksJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        }

        // The pass above posted it, or the engine's own server's did at the same moment (a claim lets only one post).
        var withdrawal = await Eventually.ReturnsAsync(() => Task.FromResult(WebhookFacts<MarketingApp>.Find(receiver, "consent.withdrawn", personId)), r => r is not null, Patience);
        Assert.NotNull(withdrawal);
        Assert.True(Verifies(secret, withdrawal), "the signature does not verify");
        Assert.False(Verifies("whsec_" + Convert.ToBase64String(new byte[32]), withdrawal), "a wrong secret verifies");
        var data = JsonDocument.Parse(withdrawal.Body).RootElement.GetProperty("data");
        Assert.Equal("withdrawn", data.GetProperty("status").GetString());
        Assert.Equal("one_click_unsubscribe", data.GetProperty("method").GetString());
        Assert.Single(receiver.Requests);

        // Within 60 s even when the signal after the save is lost: the pass is also scheduled every minute.
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal("* * * * *", connection.GetRecurringJobs(["webhook-delivery"]).Single().Cron);

        // Nobody subscribes to the sign-up's lead.captured and consent events nor to the send's outcome: none was written.
        var written = await app.InScopeAsync(db => db.WebhookEvents.AsNoTracking().Where(e => e.DataJson.Contains(personId.ToString())).Select(e => e.Type).ToListAsync());
        Assert.Equal(["consent.withdrawn"], written);
    }

    [Fact]
    public async Task Outbox_WritesAnEvent_OnlyWhenAnEnabledEndpointSubscribesToItsType()
    {
        using var receiver = new WebhookReceiver();
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var unsubscribed = await StageErasureAsync();
        var (endpointId, _) = await WebhookFacts<MarketingApp>.AddEndpointAsync(admin, receiver.Url, ["person.erased"]);
        (await admin.PostAsync($"/api/admin/webhooks/endpoints/{endpointId}/disable", null)).EnsureSuccessStatusCode();
        var disabled = await StageErasureAsync();
        (await admin.PostAsync($"/api/admin/webhooks/endpoints/{endpointId}/enable", null)).EnsureSuccessStatusCode();
        var subscribed = await StageErasureAsync();

        Assert.Equal(0, await EventsAboutAsync(unsubscribed));
        Assert.Equal(0, await EventsAboutAsync(disabled));
        Assert.Equal(1, await EventsAboutAsync(subscribed));
        // What the save carried besides the event was written all the same.
        Assert.Equal(3, await app.InScopeAsync(db => db.AuditEntries.CountAsync(a => a.Action == "test.erasure_staged"
            && (a.Target == unsubscribed.ToString() || a.Target == disabled.ToString() || a.Target == subscribed.ToString()))));
    }

    [Fact]
    public async Task Purge_DeletesDeliveredAndFailedDeliveriesPastThirtyDays_AndTheirEvents_KeepingPendingAndRecentOnes()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        // Far in the future and never due: the engine's own passes leave these rows alone.
        var (endpointId, _) = await WebhookFacts<MarketingApp>.AddEndpointAsync(admin, "http://127.0.0.1:9/never", ["dsr.completed"]);
        var now = DateTimeOffset.UtcNow;
        var rows = new (string Name, string? Status, int DaysAgo)[]
        {
            ("delivered-old", WebhookDeliveryStatuses.Delivered, 40), ("failed-old", WebhookDeliveryStatuses.Failed, 40),
            ("pending-old", WebhookDeliveryStatuses.Pending, 40), ("delivered-20", WebhookDeliveryStatuses.Delivered, 20),
            ("nobody-old", null, 40), ("nobody-recent", null, 1),
        };
        var ids = new Dictionary<string, (Guid Event, Guid? Delivery)>();
        await app.InScopeAsync(async db =>
        {
            foreach (var (name, status, daysAgo) in rows)
            {
                var at = now.AddDays(-daysAgo);
                var e = new WebhookEvent { Id = Guid.CreateVersion7(), Type = "dsr.completed", DataJson = "{}", OccurredAt = at, FannedOutAt = at };
                db.WebhookEvents.Add(e);
                Guid? deliveryId = null;
                if (status is not null)
                {
                    deliveryId = Guid.CreateVersion7();
                    db.WebhookDeliveries.Add(new WebhookDelivery
                    {
                        Id = deliveryId.Value, EndpointId = endpointId, EventId = e.Id, EventType = e.Type, Status = status, Attempts = 1,
                        CreatedAt = at, LastAttemptAt = at, NextAttemptAt = now.AddYears(1),
                    });
                }

                ids[name] = (e.Id, deliveryId);
            }

            await db.SaveChangesAsync();
        });

        PurgeWebhookOutbox.Report report;
        using (var scope = app.Services.CreateScope())
        {
            report = await ActivatorUtilities.CreateInstance<PurgeWebhookOutboxJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        }

        Assert.Equal(new PurgeWebhookOutbox.Report(2, 3), report);
        var events = await app.InScopeAsync(db => db.WebhookEvents.AsNoTracking().Select(e => e.Id).ToListAsync());
        var deliveries = await app.InScopeAsync(db => db.WebhookDeliveries.AsNoTracking().Select(d => d.Id).ToListAsync());
        Assert.Equal(["pending-old", "delivered-20", "nobody-recent"], rows.Select(r => r.Name).Where(n => events.Contains(ids[n].Event)));
        Assert.Equal(["pending-old", "delivered-20"], rows.Select(r => r.Name).Where(n => ids[n].Delivery is { } d && deliveries.Contains(d)));
    }

    /// <summary>Standard Webhooks, written out here: HMAC-SHA256 keyed with the base64 after whsec_, over id.timestamp.body.</summary>
    private static bool Verifies(string secret, WebhookReceiver.Received request)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.{request.Body}")));
        return request.Signature is not null && request.Signature.Split(' ').Contains(expected);
    }

    /// <summary>An erasure's event beside another write, in one save, as ErasePerson stages it.</summary>
    private Task<Guid> StageErasureAsync() => app.InScopeAsync(async db =>
    {
        var personId = Guid.NewGuid();
        WebhookOutbox.PersonErased(db, personId, Guid.NewGuid(), DateTimeOffset.UtcNow);
        db.AuditEntries.Add(AuditEntry.Create(TimeProvider.System, "test", "test.erasure_staged", personId.ToString()));
        await db.SaveChangesAsync();
        return personId;
    });

    private Task<int> EventsAboutAsync(Guid personId) =>
        app.InScopeAsync(db => db.WebhookEvents.CountAsync(e => e.DataJson.Contains(personId.ToString())));
}

public sealed class WebhookEmailSqliteApp() : EmailApp(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => base.ExtraSettings.Concat(WebhookSettings.ForTests).ToDictionary();
}

public sealed class WebhookEmailPostgresApp() : EmailApp(DatabaseProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => base.ExtraSettings.Concat(WebhookSettings.ForTests).ToDictionary();
}

public sealed class WebhookOutboxFacts_OnSqlite(WebhookEmailSqliteApp app) : WebhookOutboxFacts<WebhookEmailSqliteApp>(app);

public sealed class WebhookOutboxFacts_OnPostgres(WebhookEmailPostgresApp app) : WebhookOutboxFacts<WebhookEmailPostgresApp>(app);
