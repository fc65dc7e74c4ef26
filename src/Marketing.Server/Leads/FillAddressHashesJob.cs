using Marketing.Data;
using Marketing.Leads;
using Marketing.Suppression;

namespace Marketing.Server.Leads;

/// <summary>Every hour, and at each start: the keyed address hashes of people stored without them, so that segments find them (R33, R34).</summary>
public sealed class FillAddressHashesJob(MarketingDbContext db, AddressHasher hasher)
{
    public Task<FillAddressHashes.Report> RunAsync(CancellationToken ct) => FillAddressHashes.HandleAsync(db, hasher, ct);
}
