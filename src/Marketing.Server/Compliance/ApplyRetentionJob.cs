using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Hosting;

namespace Marketing.Server.Compliance;

/// <summary>Every day: the prospect rule (R19, R40): people past their period enter retention_expiring with one re-permission message; those who did not answer are erased or archived.</summary>
public sealed class ApplyRetentionJob(MarketingDbContext db, ErasureServices erasure, ResolvedSettings settings)
{
    public Task<ApplyRetention.Report> RunAsync(CancellationToken ct) => ApplyRetention.HandleAsync(db, erasure, settings.Raw.Retention.ToPeriods(), ct);
}
