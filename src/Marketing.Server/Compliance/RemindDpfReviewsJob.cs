using Marketing.Compliance;
using Marketing.Data;

namespace Marketing.Server.Compliance;

/// <summary>Every day: one audit warning per processor whose DPF certification was last checked 12 months ago or more (R44).</summary>
public sealed class RemindDpfReviewsJob(MarketingDbContext db, TimeProvider clock)
{
    public Task<int> RunAsync(CancellationToken ct) => RemindDpfReviews.HandleAsync(db, clock, ct);
}
