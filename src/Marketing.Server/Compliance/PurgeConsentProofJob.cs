using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Hosting;

namespace Marketing.Server.Compliance;

/// <summary>Every day: consent proof whose processing ended more than Marketing:Retention:ConsentProofYears ago loses its cleartext, unless held (R41).</summary>
public sealed class PurgeConsentProofJob(MarketingDbContext db, TimeProvider clock, ResolvedSettings settings)
{
    public Task<PurgeConsentProof.Report> RunAsync(CancellationToken ct) =>
        PurgeConsentProof.HandleAsync(db, clock, settings.Raw.Retention.ConsentProofYears, ct);
}
