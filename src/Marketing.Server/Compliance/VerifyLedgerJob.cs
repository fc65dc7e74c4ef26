using Marketing.Compliance;
using Marketing.Data;

namespace Marketing.Server.Compliance;

/// <summary>
/// Verifies the consent ledger every day (R15, R49), not only when someone asks: a broken chain is an audit warning,
/// an error in the log, and the status the home and compliance pages show.
/// </summary>
public sealed class VerifyLedgerJob(MarketingDbContext db, TimeProvider clock, ILogger<VerifyLedgerJob> logger)
{
    public async Task<LedgerVerification?> RunAsync(CancellationToken ct)
    {
        var result = await VerifyLedger.ScheduledAsync(db, clock, ct);
        if (result?.FirstBreak is { } broken)
        {
            logger.LogError("The consent ledger is broken at event {EventId} (person {PersonId}, sequence {Sequence}): {Reason}",
                broken.EventId, broken.PersonId, broken.Sequence, broken.Reason);
        }

        return result;
    }
}
