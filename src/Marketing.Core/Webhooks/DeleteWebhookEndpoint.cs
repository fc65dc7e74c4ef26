using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Webhooks;

/// <summary>
/// Deletes an endpoint and its delivery log: nothing more is posted to it. A processor's acknowledgements (R18) are
/// kept, they are the processor's record, not the endpoint's.
/// </summary>
public static class DeleteWebhookEndpoint
{
    public static async Task<Outcome<WebhookEndpoint>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid endpointId, string actor, CancellationToken ct)
    {
        if (await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId, ct) is not { } endpoint)
        {
            return new Refusal.NotFound();
        }

        var now = clock.GetUtcNow();
        if (await db.WebhookDeliveries.AnyAsync(d => d.EndpointId == endpointId && d.LeaseUntil != null && d.LeaseUntil > now, ct))
        {
            return new Refusal.Conflict("A delivery to this endpoint is being attempted right now", "delete it once this attempt has ended, or disable it first");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.WebhookDeliveries.Where(d => d.EndpointId == endpointId).ExecuteDeleteAsync(ct);
        db.WebhookEndpoints.Remove(endpoint);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "webhook.endpoint_deleted", endpoint.Id.ToString(), $"events={string.Join(',', endpoint.EventTypes)}"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return endpoint;
    }
}
