using Marketing.Data;
using Marketing.Server.Hosting;

namespace Marketing.Server.Consent;

/// <summary>Purges sign-ups never confirmed after Marketing:Email:PurgeUnconfirmedAfterDays, keeping counts in the audit log (R20).</summary>
public sealed class PurgeUnconfirmedJob(MarketingDbContext db, TimeProvider clock, ResolvedSettings settings)
{
    public Task RunAsync(CancellationToken ct) =>
        Marketing.Consent.PurgeUnconfirmed.HandleAsync(db, clock, TimeSpan.FromDays(settings.Raw.Email.PurgeUnconfirmedAfterDays), ct);
}
