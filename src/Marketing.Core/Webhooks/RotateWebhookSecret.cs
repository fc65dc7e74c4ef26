using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Webhooks;

/// <summary>
/// Gives an endpoint a new signing secret, shown this once; the old one signs nothing from now on, retries and replays
/// included, so the receiver must be given the new one before it can verify again.
/// </summary>
public static class RotateWebhookSecret
{
    public static async Task<Outcome<AddWebhookEndpoint.Added>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, Guid endpointId, string actor, CancellationToken ct)
    {
        if (await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId, ct) is not { } endpoint)
        {
            return new Refusal.NotFound();
        }

        endpoint.Secret = WebhookSignature.NewSecret();
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "webhook.secret_rotated", endpoint.Id.ToString()));
        await db.SaveChangesAsync(ct);
        return new AddWebhookEndpoint.Added(endpoint, endpoint.Secret);
    }
}
