using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Webhooks;

/// <summary>Disables an endpoint (no more deliveries; pending ones wait) or enables it again with its failure count cleared.</summary>
public static class SwitchWebhookEndpoint
{
    public static async Task<Outcome<WebhookEndpoint>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, Guid endpointId, bool enable, string actor, CancellationToken ct)
    {
        if (await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId, ct) is not { } endpoint)
        {
            return new Refusal.NotFound();
        }

        if (endpoint.Enabled == enable)
        {
            return endpoint;
        }

        endpoint.Enabled = enable;
        endpoint.ConsecutiveFailures = 0;
        endpoint.DisabledAt = enable ? null : clock.GetUtcNow();
        endpoint.DisabledReason = enable ? null : $"disabled by {actor}";
        if (endpoint.DisabledReason is { Length: > 500 } r)
        {
            endpoint.DisabledReason = r[..500];
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, actor, enable ? "webhook.endpoint_enabled" : "webhook.endpoint_disabled", endpoint.Id.ToString()));
        await db.SaveChangesAsync(ct);
        return endpoint;
    }
}
