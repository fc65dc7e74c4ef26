using Marketing.Data;
using Marketing.Diagnostics;

namespace Marketing.Server.Diagnostics;

/// <summary>Takes only the probe id: nothing else is written to Hangfire's tables.</summary>
public sealed class ScheduledProbeJob(MarketingDbContext db, TimeProvider clock)
{
    public Task RunAsync(Guid probeId, CancellationToken ct) =>
        ScheduledProbe.RecordRunAsync(db, clock, probeId, $"{Environment.MachineName}:{Environment.ProcessId}", ct);
}
