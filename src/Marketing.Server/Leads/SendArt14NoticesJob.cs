using Marketing.Data;
using Marketing.Leads;

namespace Marketing.Server.Leads;

/// <summary>Every day: the art. 14 notice to people collected indirectly and not yet told from day 21, and a warning per person from day 25 (R52).</summary>
public sealed class SendArt14NoticesJob(MarketingDbContext db, TimeProvider clock)
{
    public Task<SendArt14Notices.Report> RunAsync(CancellationToken ct) => SendArt14Notices.HandleAsync(db, clock, ct);
}
