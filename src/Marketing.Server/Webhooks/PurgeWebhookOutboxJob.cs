using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Webhooks;

namespace Marketing.Server.Webhooks;

/// <summary>Prunes delivered and failed deliveries, and their events, past <c>Marketing:Webhooks:RetentionDays</c>, every day.</summary>
public sealed class PurgeWebhookOutboxJob(MarketingDbContext db, ResolvedSettings settings, TimeProvider clock)
{
    public Task<PurgeWebhookOutbox.Report> RunAsync(CancellationToken ct) =>
        PurgeWebhookOutbox.HandleAsync(db, clock.GetUtcNow(), TimeSpan.FromDays(settings.Raw.Webhooks.RetentionDays), ct);
}
