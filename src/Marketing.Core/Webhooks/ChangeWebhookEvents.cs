using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Webhooks;

/// <summary>Changes the event types an endpoint subscribes to; events already fanned out to it stay in its log.</summary>
public static class ChangeWebhookEvents
{
    public static async Task<Outcome<WebhookEndpoint>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, Guid endpointId, IReadOnlyList<string?>? eventTypes, string actor, CancellationToken ct)
    {
        if (WebhookEventTypes.Parse(eventTypes) is not { } types)
        {
            return Refusal.Field("eventTypes", WebhookEventTypes.Problem);
        }

        if (await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId, ct) is not { } endpoint)
        {
            return new Refusal.NotFound();
        }

        if (endpoint.EventTypes.SequenceEqual(types, StringComparer.Ordinal))
        {
            return endpoint;
        }

        endpoint.EventTypes = types;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "webhook.endpoint_changed", endpoint.Id.ToString(), $"events={string.Join(',', types)}"));
        await db.SaveChangesAsync(ct);
        return endpoint;
    }
}
