using Hangfire;
using Marketing.Broadcasts;
using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Marketing.Server.Sending;

namespace Marketing.Server.Broadcasts;

/// <summary>
/// Every minute, on whichever node runs it: writes the send records of due broadcasts (their claim and the records'
/// unique keys make runs on several nodes at once one broadcast's messages once), picks A/B winners whose wait is
/// over, and marks finished broadcasts sent. The dispatchers are woken for what it queued.
/// </summary>
public sealed class MaterialiseBroadcastsJob(MarketingDbContext db, ResolvedSettings settings, DispatchSignals dispatch, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Nurture)]
    public async Task RunAsync(CancellationToken ct)
    {
        var report = await MaterialiseBroadcasts.HandleAsync(db, clock, settings.SendPolicy, $"{Environment.MachineName}:{Environment.ProcessId}",
            MaterialiseBroadcasts.Options.Default, ct);
        foreach (var channel in report.Queued.Keys)
        {
            dispatch.Notify(channel);
        }
    }
}
