using Marketing.Access;
using Marketing.Data;

namespace Marketing.Server.Access;

/// <summary>Deletes audit entries past their 12 months, every day (R49), and audits the count.</summary>
public sealed class PurgeAuditLogJob(MarketingDbContext db, TimeProvider clock)
{
    public Task<int> RunAsync(CancellationToken ct) => PurgeAuditLog.HandleAsync(db, clock, ct);
}
