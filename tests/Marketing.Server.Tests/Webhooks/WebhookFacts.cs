using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Capture;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Marketing.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Webhooks;

/// <summary>Outbound webhooks (R55, R18) to a real receiver on 127.0.0.1, signatures checked here, on both providers.</summary>
public abstract class WebhookFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Withdrawal_ReachesTheReceiver_Signed_WithIdsOnly()
    {
        using var receiver = new WebhookReceiver();
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var (endpointId, secret) = await AddEndpointAsync(admin, receiver.Url, ["consent.withdrawn", "lead.captured", "suppression.added"]);
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var email = $"hook.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(browser, email, [scenario.Newsletter]);
        var person = app.InScope(db => db.People.AsNoTracking().Single(p => p.Email == email));

        await app.InScopeAsync(db => Withdraw.HandleAsync(db, TimeProvider.System, person.Id, "webhook-facts", ChannelKeys.Email, scenario.Newsletter,
            new ConsentAction(DateTimeOffset.UtcNow, ConsentMethods.UnsubscribeLink, "198.51.100.7", "WebhookFacts/1.0", null), "test", CancellationToken.None));

        // Delivered by the engine's own Hangfire server: nothing here runs a pass.
        var withdrawal = await Eventually.ReturnsAsync(() => Task.FromResult(Find(receiver, "consent.withdrawn", person.Id)), r => r is not null, Patience);
        Assert.NotNull(withdrawal);
        var data = JsonDocument.Parse(withdrawal.Body).RootElement.GetProperty("data");
        Assert.Equal(person.Id, data.GetProperty("person_id").GetGuid());
        Assert.Equal(scenario.Newsletter, data.GetProperty("purpose").GetString());
        Assert.Equal("email", data.GetProperty("channel").GetString());
        Assert.Equal("withdrawn", data.GetProperty("status").GetString());
        Assert.NotNull(await Eventually.ReturnsAsync(() => Task.FromResult(Find(receiver, "lead.captured", person.Id)), r => r is not null, Patience));
        Assert.NotNull(await Eventually.ReturnsAsync(() => Task.FromResult(Find(receiver, "suppression.added", person.Id)), r => r is not null, Patience));

        var phoneDigits = person.Phone is { Length: > 8 } phone ? phone[^8..] : "no phone";
        foreach (var request in receiver.Requests)
        {
            Assert.True(Verifies(secret, request), $"signature of {request.Id} does not verify");
            Assert.DoesNotContain(email, request.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(email.Split('@')[0], request.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(phoneDigits, request.Body, StringComparison.Ordinal);
        }

        var log = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/webhooks/deliveries?endpoint={endpointId}&status=delivered");
        Assert.Contains(log.EnumerateArray(), d => d.GetProperty("eventType").GetString() == "consent.withdrawn" && d.GetProperty("lastStatusCode").GetInt32() == 204);
    }

    [Fact]
    public async Task FailingEndpoint_BacksOff_IsDisabledWithAnAuditWarning_AndAReplayDeliversOnceEnabled()
    {
        using var receiver = new WebhookReceiver { Status = 500 };
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var (endpointId, secret) = await AddEndpointAsync(admin, receiver.Url, ["dsr.completed"]);
        var first = await StageAsync(endpointId);

        var once = await Eventually.ReturnsAsync(() => DeliveryAsync(endpointId, first), d => d?.Attempts >= 1, Patience);
        Assert.Equal(1, once!.Attempts);
        Assert.Equal(500, once.LastStatusCode);
        Assert.Equal(WebhookDeliveryStatuses.Pending, once.Status);
        Assert.Equal(TimeSpan.FromSeconds(5), once.NextAttemptAt - once.LastAttemptAt!.Value);

        // The second attempt is due now (no waiting in a test); with MaxAttempts 2 it is the last.
        await MakeDueAsync(once.Id);
        await RunPassAsync();
        var twice = await Eventually.ReturnsAsync(() => DeliveryAsync(endpointId, first), d => d?.Status == WebhookDeliveryStatuses.Failed, Patience);
        Assert.Equal(2, twice!.Attempts);

        // The third failure in a row (DisableAfterFailures 3) disables the endpoint.
        await StageAsync(endpointId);
        var endpoint = await Eventually.ReturnsAsync(() => app.InScopeAsync(db => db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpointId)), e => !e.Enabled, Patience);
        Assert.False(endpoint.Enabled);
        Assert.Equal(3, endpoint.ConsecutiveFailures);
        var audit = await app.InScopeAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "webhook.endpoint_disabled" && a.Target == endpointId.ToString()).ToListAsync());
        Assert.Equal("system:webhooks", Assert.Single(audit).Actor);

        // Disabled: a replay queues the delivery, nothing is posted until an admin enables the endpoint again.
        receiver.Status = 200;
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/admin/webhooks/deliveries/{twice.Id}/replay", null)).StatusCode);
        await RunPassAsync();
        Assert.Equal(WebhookDeliveryStatuses.Pending, (await DeliveryAsync(endpointId, first))!.Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/webhooks/endpoints/{endpointId}/enable", null)).StatusCode);
        await RunPassAsync();
        var replayed = await Eventually.ReturnsAsync(() => DeliveryAsync(endpointId, first), d => d?.Status == WebhookDeliveryStatuses.Delivered, Patience);
        Assert.Equal(WebhookDeliveryStatuses.Delivered, replayed!.Status);
        Assert.Equal(200, replayed.LastStatusCode);
        // Same webhook-id on every attempt and the replay: a receiver deduplicates by it.
        Assert.Equal(3, receiver.Requests.Count(r => r.Id == first.ToString()));
        Assert.All(receiver.Requests, r => Assert.True(Verifies(secret, r)));
    }

    [Fact]
    public async Task SuppressionAckedByAProcessorsEndpoint_IsRecordedForThatProcessor()
    {
        using var receiver = new WebhookReceiver();
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var key = $"esp-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/admin/processors/{key}", new
        {
            legalName = "Relay SAS", role = "processor", service = "Email relay", dataCategories = new[] { "email address" },
            storageCountries = new[] { "IE" }, accessCountries = new[] { "IE" }, dpaDate = "2025-04-01", subProcessorsUrl = "https://relay.example/subprocessors",
        })).StatusCode);
        var created = await admin.PostAsJsonAsync("/api/admin/webhooks/endpoints", new { url = receiver.Url, eventTypes = new[] { "suppression.added" }, processorKey = key });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var added = await admin.PostAsJsonAsync("/api/admin/suppressions", new { address = $"gone.{Guid.NewGuid():N}@example.com", channel = "email", reason = "manual" });
        var suppressionId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var ack = await Eventually.ReturnsAsync(
            () => app.InScopeAsync(db => db.SuppressionAcknowledgements.AsNoTracking().SingleOrDefaultAsync(a => a.SuppressionId == suppressionId)), a => a is not null, Patience);
        Assert.NotNull(ack);
        Assert.Equal(key, ack.ProcessorKey);
        Assert.True(ack.AcknowledgedAt >= ack.SuppressedAt);
    }

    [Fact]
    public async Task ErasureNotice_IsAcknowledged_WhenTheProcessorsEndpointAnswersTheErasure()
    {
        using var receiver = new WebhookReceiver();
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var key = $"crm-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/admin/processors/{key}", new
        {
            legalName = "CRM SAS", role = "processor", service = "CRM", dataCategories = new[] { "email address" },
            storageCountries = new[] { "FR" }, accessCountries = new[] { "FR" }, dpaDate = "2025-04-01", subProcessorsUrl = "https://crm.example/subprocessors",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/admin/webhooks/endpoints",
            new { url = receiver.Url, eventTypes = new[] { "person.erased" }, processorKey = key })).StatusCode);
        var saved = await admin.PostAsJsonAsync("/api/admin/people", new { externalId = $"x-{Guid.NewGuid():N}", email = $"erase.{Guid.NewGuid():N}@example.com" });
        var personId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("id").GetGuid();

        (await admin.PostAsJsonAsync($"/api/admin/people/{personId}/erasure", new { ground = "consent_withdrawn" })).EnsureSuccessStatusCode();

        // R18, R35: the notice recorded with the erasure waits until the processor itself answers the person.erased event.
        var notice = await Eventually.ReturnsAsync(
            () => app.InScopeAsync(db => db.ProcessorNotices.AsNoTracking().SingleOrDefaultAsync(n => n.PersonId == personId && n.ProcessorKey == key)),
            n => n is { Status: "acknowledged" }, Patience);
        Assert.NotNull(notice);
        Assert.Equal("erasure", notice.Reason);
        Assert.StartsWith("webhook:", notice.AcknowledgedBy, StringComparison.Ordinal);
        var body = Assert.Single(receiver.Requests, r => r.Body.Contains(personId.ToString(), StringComparison.Ordinal)).Body;
        Assert.Contains("person.erased", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEndpoint_RefusesABadUrlAndUnknownEvents_NamingEachField_AndStoresNothing()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var before = await app.InScopeAsync(db => db.WebhookEndpoints.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/admin/webhooks/endpoints", new { url = "ftp://example.com/x", eventTypes = new[] { "consent.granted", "person.renamed" }, processorKey = "nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["eventTypes", "processorKey", "url"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(before, await app.InScopeAsync(db => db.WebhookEndpoints.CountAsync()));
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/api/admin/webhooks/endpoints")).StatusCode);
    }

    /// <summary>Standard Webhooks, written out here: HMAC-SHA256 keyed with the base64 after whsec_, over id.timestamp.body.</summary>
    internal static bool Verifies(string secret, WebhookReceiver.Received request)
    {
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        using var hmac = new HMACSHA256(key);
        var expected = "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.{request.Body}")));
        return request.Signature is not null && request.Signature.Split(' ').Contains(expected);
    }

    internal static WebhookReceiver.Received? Find(WebhookReceiver receiver, string type, Guid personId) =>
        receiver.Requests.FirstOrDefault(r =>
        {
            var root = JsonDocument.Parse(r.Body).RootElement;
            return root.GetProperty("type").GetString() == type && root.GetProperty("data").TryGetProperty("person_id", out var p)
                && p.ValueKind == JsonValueKind.String && p.GetGuid() == personId;
        });

    internal static async Task<(Guid Id, string Secret)> AddEndpointAsync(HttpClient admin, string url, string[] types)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/webhooks/endpoints", new { url, eventTypes = types });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("endpoint").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    /// <summary>A completed request's event, staged as its use case stages it (no other test of this class makes one).</summary>
    private Task<Guid> StageAsync(Guid endpointId) => app.InScopeAsync(async db =>
    {
        var requestId = Guid.CreateVersion7();
        WebhookOutbox.DsrCompleted(db, requestId, "access", null, "fulfilled", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        var eventId = await db.WebhookEvents.AsNoTracking().Where(e => e.DataJson.Contains(requestId.ToString())).Select(e => e.Id).SingleAsync();
        await Eventually.ReturnsAsync(() => DeliveryAsync(endpointId, eventId), d => d is not null, Patience);
        return eventId;
    });

    private Task<WebhookDelivery?> DeliveryAsync(Guid endpointId, Guid eventId) =>
        app.InScopeAsync(db => db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.EndpointId == endpointId && d.EventId == eventId));

    private Task<int> MakeDueAsync(Guid deliveryId) =>
        app.InScopeAsync(db => db.WebhookDeliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

    private async Task RunPassAsync()
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DeliverWebhooks>().RunAsync(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), "test", CancellationToken.None);
    }
}

public sealed class WebhookSqliteApp() : MarketingApp(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => WebhookSettings.ForTests;
}

public sealed class WebhookPostgresApp() : MarketingApp(DatabaseProvider.Postgres)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => WebhookSettings.ForTests;
}

internal static class WebhookSettings
{
    /// <summary>The receiver is on 127.0.0.1, which an installation refuses by default (SSRF).</summary>
    public static IReadOnlyDictionary<string, string> ForTests { get; } = new Dictionary<string, string>
    {
        ["Marketing:Webhooks:AllowPrivateAddresses"] = "true",
        ["Marketing:Webhooks:MaxAttempts"] = "2",
        ["Marketing:Webhooks:DisableAfterFailures"] = "3",
    };
}

public sealed class WebhookFacts_OnSqlite(WebhookSqliteApp app) : WebhookFacts<WebhookSqliteApp>(app);

public sealed class WebhookFacts_OnPostgres(WebhookPostgresApp app) : WebhookFacts<WebhookPostgresApp>(app);
