using Marketing.Compliance;
using Marketing.Data;

namespace Marketing.Server.Compliance;

/// <summary>Daily: an audit warning for each open data-subject request due within 7 days or overdue, once per due date (R36).</summary>
public sealed class FlagDueRequestsJob(MarketingDbContext db, TimeProvider clock)
{
    public Task RunAsync(CancellationToken ct) => FlagDueDataSubjectRequests.HandleAsync(db, clock, ct);
}
