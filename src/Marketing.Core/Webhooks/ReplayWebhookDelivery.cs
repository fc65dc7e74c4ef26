using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Webhooks;

/// <summary>
/// Queues a delivery again, now, with the same <c>webhook-id</c> (receivers deduplicate by it); a delivery a pass is
/// posting right now is left to it.
/// </summary>
public static class ReplayWebhookDelivery
{
    public static async Task<Outcome<WebhookDelivery>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid deliveryId, string actor, CancellationToken ct)
    {
        if (await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, ct) is not { } delivery)
        {
            return new Refusal.NotFound();
        }

        var now = clock.GetUtcNow();
        if (delivery.LeaseUntil is { } lease && lease > now)
        {
            return new Refusal.Conflict("The delivery is being attempted right now", "replay it once this attempt has ended");
        }

        delivery.Status = WebhookDeliveryStatuses.Pending;
        delivery.NextAttemptAt = now;
        delivery.Attempts = 0;
        delivery.ClaimedBy = null;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "webhook.delivery_replayed", delivery.Id.ToString(), $"event={delivery.EventId} endpoint={delivery.EndpointId}"));
        await db.SaveChangesAsync(ct);
        return delivery;
    }
}
