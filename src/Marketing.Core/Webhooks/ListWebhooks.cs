using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Webhooks;

/// <summary>The endpoints (never their secrets) and the delivery log, newest first.</summary>
public static class ListWebhooks
{
    public sealed record EndpointRow(Guid Id, string Url, string? Description, IReadOnlyList<string> EventTypes, string? ProcessorKey,
        bool Enabled, DateTimeOffset? DisabledAt, string? DisabledReason, int ConsecutiveFailures, DateTimeOffset CreatedAt);

    public sealed record DeliveryRow(Guid Id, Guid EndpointId, Guid EventId, string EventType, string Status, int Attempts, DateTimeOffset CreatedAt,
        DateTimeOffset NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? DeliveredAt);

    public static async Task<List<EndpointRow>> EndpointsAsync(MarketingDbContext db, CancellationToken ct) =>
        (await db.WebhookEndpoints.AsNoTracking().ToListAsync(ct))
            .OrderByDescending(e => e.CreatedAt)
            .Select(Row)
            .ToList();

    public static async Task<EndpointRow?> EndpointAsync(MarketingDbContext db, Guid id, CancellationToken ct) =>
        await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is { } e ? Row(e) : null;

    public static EndpointRow Row(WebhookEndpoint e) =>
        new(e.Id, e.Url, e.Description, e.EventTypes, e.ProcessorKey, e.Enabled, e.DisabledAt, e.DisabledReason, e.ConsecutiveFailures, e.CreatedAt);

    public static async Task<List<DeliveryRow>> DeliveriesAsync(MarketingDbContext db, Guid? endpointId, string? status, int limit, CancellationToken ct)
    {
        var query = db.WebhookDeliveries.AsNoTracking();
        if (endpointId is { } id)
        {
            query = query.Where(d => d.EndpointId == id);
        }

        if (status is not null)
        {
            query = query.Where(d => d.Status == status);
        }

        return await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit)
            .Select(d => new DeliveryRow(d.Id, d.EndpointId, d.EventId, d.EventType, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt,
                d.LastAttemptAt, d.LastStatusCode, d.LastError, d.DeliveredAt))
            .ToListAsync(ct);
    }
}
