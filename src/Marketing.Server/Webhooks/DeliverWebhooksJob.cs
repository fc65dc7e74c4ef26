using Hangfire;
using Marketing.Data;
using Marketing.Server.Jobs;
using Marketing.Webhooks;

namespace Marketing.Server.Webhooks;

/// <summary>A delivery pass (see <see cref="DeliverWebhooks"/>); retries are the deliveries' own, Hangfire never re-runs a pass.</summary>
public sealed class DeliverWebhooksJob(MarketingDbContext db, DeliverWebhooks deliver, WebhookSignal signal)
{
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Default)]
    public async Task RunAsync(CancellationToken ct)
    {
        signal.PassStarted();
        await deliver.RunAsync(db, $"{Environment.MachineName}:{Environment.ProcessId}", ct);
    }
}
