using Marketing.Data;
using Marketing.Suppression;

namespace Marketing.Server.Suppression;

/// <summary>Deletes bounce and complaint reports past their retention, every day.</summary>
public sealed class PurgeFeedbackJob(MarketingDbContext db, ListHygiene hygiene, TimeProvider clock)
{
    public Task<int> RunAsync(CancellationToken ct) => hygiene.PurgeAsync(db, clock.GetUtcNow(), ct);
}
