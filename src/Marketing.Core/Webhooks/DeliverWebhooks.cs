using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketing.Webhooks;

/// <param name="MaxAttempts">Attempts of one delivery before it is marked failed (a replay queues it again).</param>
/// <param name="DisableAfterFailures">Failed attempts in a row, across deliveries, after which an endpoint is disabled.</param>
/// <param name="Timeout">How long one POST may take; the lease of a claimed delivery is four times as long.</param>
public sealed record WebhookDeliveryOptions(int MaxAttempts, int DisableAfterFailures, TimeSpan Timeout);

/// <summary>
/// A delivery pass: fans new outbox events out to the endpoints subscribed to their type, then posts each due
/// delivery, signed. A delivery is claimed by a conditional update (status, lease) before its POST, so passes on
/// several nodes never post the same one at once; the row says what became of it, so a pass re-run does nothing
/// twice. Retries back off; an endpoint that keeps failing is disabled with an audit warning.
/// </summary>
public sealed partial class DeliverWebhooks(HttpClient http, TimeProvider clock, WebhookDeliveryOptions options, ILogger<DeliverWebhooks> logger)
{
    public const string SystemActor = "system:webhooks";
    private const int FanOutBatch = 200;
    private const int ClaimBatch = 50;
    private static readonly TimeSpan PassBudget = TimeSpan.FromSeconds(50);

    /// <summary>Standard Webhooks' schedule, roughly: 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h.</summary>
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10)];

    public sealed record Report(int Delivered, int Failed);

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failed ones.</summary>
    public static TimeSpan Backoff(int attempts) => Delays[Math.Clamp(attempts - 1, 0, Delays.Length - 1)];

    public async Task<Report> RunAsync(MarketingDbContext db, string node, CancellationToken ct)
    {
        await FanOutAsync(db, ct);
        int delivered = 0, failed = 0;
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < PassBudget)
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow();
            var due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatuses.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now)
                    && db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.Enabled))
                .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(ClaimBatch).ToListAsync(ct);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var id in due)
            {
                if (await AttemptAsync(db, id, node, ct) is { } ok)
                {
                    delivered += ok ? 1 : 0;
                    failed += ok ? 0 : 1;
                }
            }
        }

        return new Report(delivered, failed);
    }

    /// <summary>Makes each new event's deliveries, once: a second pass doing the same at once fails on the unique key and reads again.</summary>
    private async Task FanOutAsync(MarketingDbContext db, CancellationToken ct)
    {
        for (var conflicts = 0; conflicts < 5;)
        {
            db.ChangeTracker.Clear();
            var events = await db.WebhookEvents.Where(e => e.FannedOutAt == null).OrderBy(e => e.OccurredAt).Take(FanOutBatch).ToListAsync(ct);
            if (events.Count == 0)
            {
                return;
            }

            var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(ct);
            var now = clock.GetUtcNow();
            foreach (var e in events)
            {
                foreach (var endpoint in endpoints.Where(x => x.EventTypes.Contains(e.Type)))
                {
                    db.WebhookDeliveries.Add(new WebhookDelivery
                    {
                        Id = Guid.CreateVersion7(), EndpointId = endpoint.Id, EventId = e.Id, EventType = e.Type,
                        Status = WebhookDeliveryStatuses.Pending, CreatedAt = now, NextAttemptAt = now,
                    });
                }

                e.FannedOutAt = now;
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (BulkInsert.IsUniqueViolation(e))
            {
                conflicts++;
            }
        }
    }

    /// <summary>Claims one delivery and posts it; null when another pass claimed it first.</summary>
    private async Task<bool?> AttemptAsync(MarketingDbContext db, Guid id, string node, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var token = $"{node}:{Guid.NewGuid():N}";
        var leaseUntil = now + (options.Timeout * 4);
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatuses.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.ClaimedBy, token).SetProperty(d => d.LeaseUntil, leaseUntil), ct);
        if (claimed != 1)
        {
            return null;
        }

        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == id, ct);
        var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.Id == delivery.EndpointId, ct);
        var webhook = await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.Id == delivery.EventId, ct);
        var (status, error) = await PostAsync(endpoint, webhook, ct);
        var at = clock.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAt = at;
        delivery.LastStatusCode = status;
        delivery.LeaseUntil = null;
        var ok = status is >= 200 and < 300;
        if (ok)
        {
            delivery.Status = WebhookDeliveryStatuses.Delivered;
            delivery.DeliveredAt = at;
            delivery.LastError = null;
            endpoint.ConsecutiveFailures = 0;
            await AcknowledgeAsync(db, endpoint, webhook, delivery, at, ct);
        }
        else
        {
            delivery.LastError = error is { Length: > 500 } ? error[..500] : error;
            delivery.Status = delivery.Attempts >= options.MaxAttempts ? WebhookDeliveryStatuses.Failed : WebhookDeliveryStatuses.Pending;
            delivery.NextAttemptAt = at + Backoff(delivery.Attempts);
            endpoint.ConsecutiveFailures++;
            if (endpoint.Enabled && endpoint.ConsecutiveFailures >= options.DisableAfterFailures)
            {
                endpoint.Enabled = false;
                endpoint.DisabledAt = at;
                endpoint.DisabledReason = $"{endpoint.ConsecutiveFailures} failed attempts in a row; last: {delivery.LastError}";
                if (endpoint.DisabledReason.Length > 500)
                {
                    endpoint.DisabledReason = endpoint.DisabledReason[..500];
                }

                db.AuditEntries.Add(AuditEntry.Create(clock, SystemActor, "webhook.endpoint_disabled", endpoint.Id.ToString(),
                    $"warning: disabled after {endpoint.ConsecutiveFailures} failed attempts in a row"));
                EndpointDisabled(logger, endpoint.Id, endpoint.ConsecutiveFailures);
            }
        }

        await db.SaveChangesAsync(ct);
        Diagnostics.MarketingMetrics.WebhookDelivered(webhook.Type, ok ? "delivered" : delivery.Status == WebhookDeliveryStatuses.Failed ? "failed" : "retrying");
        return ok;
    }

    /// <summary>R18: a processor's endpoint that took a suppression has acknowledged it; the latency is kept per processor.</summary>
    private async Task AcknowledgeAsync(MarketingDbContext db, WebhookEndpoint endpoint, WebhookEvent webhook, WebhookDelivery delivery, DateTimeOffset at, CancellationToken ct)
    {
        if (endpoint.ProcessorKey is not { } processor || webhook.Type is not (WebhookEventTypes.SuppressionAdded or WebhookEventTypes.PersonErased))
        {
            return;
        }

        using var data = JsonDocument.Parse(webhook.DataJson);
        // R18, R35: the processor's answer is also its acknowledgement of the erasure or objection notice recorded for it.
        if (data.RootElement.TryGetProperty("person_id", out var person) && person.ValueKind == JsonValueKind.String && person.TryGetGuid(out var personId))
        {
            var reason = webhook.Type == WebhookEventTypes.PersonErased ? Compliance.ProcessorNoticeReasons.Erasure
                : data.RootElement.TryGetProperty("reason", out var why) && why.GetString() == Suppression.SuppressionReasons.Objection ? Compliance.ProcessorNoticeReasons.Objection
                : null;
            if (reason is not null)
            {
                await Compliance.AcknowledgeProcessorNotice.ByProcessorAsync(db, clock, personId, processor, reason, $"webhook:{endpoint.Id}", ct);
            }
        }

        if (webhook.Type != WebhookEventTypes.SuppressionAdded)
        {
            return;
        }

        var suppressionId = data.RootElement.GetProperty("suppression_id").GetGuid();
        if (!await db.SuppressionAcknowledgements.AnyAsync(a => a.SuppressionId == suppressionId && a.ProcessorKey == processor, ct))
        {
            db.SuppressionAcknowledgements.Add(new SuppressionAcknowledgement
            {
                Id = Guid.CreateVersion7(), SuppressionId = suppressionId, ProcessorKey = processor, DeliveryId = delivery.Id,
                SuppressedAt = webhook.OccurredAt, AcknowledgedAt = at,
            });
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookEvent webhook, CancellationToken ct)
    {
        var body = Body(webhook);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var id = webhook.Id.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(endpoint.Secret, id, timestamp, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        try
        {
            // The answer's body is never read nor kept: only its status counts.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return (status, status is >= 200 and < 300 ? null : $"HTTP {status}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, e is TaskCanceledException ? $"no answer within {options.Timeout.TotalSeconds:0} s" : e.Message);
        }
    }

    /// <summary>The payload: <c>{"type", "timestamp", "data"}</c> as Standard Webhooks lays it out.</summary>
    public static string Body(WebhookEvent webhook)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", webhook.Type);
            json.WriteString("timestamp", webhook.OccurredAt.ToUniversalTime());
            json.WritePropertyName("data");
            json.WriteRawValue(webhook.DataJson);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} disabled after {Failures} failed attempts in a row")]
    private static partial void EndpointDisabled(ILogger logger, Guid endpointId, int failures);
}
