using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Webhooks;

/// <summary>
/// Deletes what the outbox no longer needs: deliveries delivered or failed whose last attempt is older than the
/// retention, then events older than it that no delivery refers to any more. A pending delivery keeps its event, so a
/// retry or a replay always has its body; a failed one can be replayed until the retention ends.
/// </summary>
public static class PurgeWebhookOutbox
{
    public sealed record Report(int Deliveries, int Events);

    public static async Task<Report> HandleAsync(MarketingDbContext db, DateTimeOffset now, TimeSpan retention, CancellationToken ct)
    {
        var before = now - retention;
        var deliveries = await db.WebhookDeliveries
            .Where(d => d.Status != WebhookDeliveryStatuses.Pending && d.LastAttemptAt != null && d.LastAttemptAt < before)
            .ExecuteDeleteAsync(ct);
        var events = await db.WebhookEvents
            .Where(e => e.FannedOutAt != null && e.FannedOutAt < before && !db.WebhookDeliveries.Any(d => d.EventId == e.Id))
            .ExecuteDeleteAsync(ct);
        return new Report(deliveries, events);
    }
}
