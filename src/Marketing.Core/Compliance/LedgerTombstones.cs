using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// The one place where ledger rows are changed after they are written (R15, invariant 2, ADR 16): an erasure and the
/// end of consent proof's period remove the cleartext personal fields of events and keep their commitments and hashes,
/// so the chain still verifies. No row is deleted.
/// </summary>
public static class LedgerTombstones
{
    /// <summary>Tombstones the events still holding cleartext; returns those that did not verify before (their break stays visible).</summary>
    public static async Task<List<string>> WriteAsync(MarketingDbContext db, IEnumerable<ConsentEvent> events, DateTimeOffset now, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var e in events.Where(e => e.ErasedAt is null))
        {
            var intact = LedgerHash.Check(e) is null;
            if (!intact)
            {
                problems.Add($"event {e.Id} (sequence {e.Sequence}) did not verify before the erasure");
            }

            var t = ConsentLedger.Erased(e, now);
            var seal = intact ? t.ErasureSeal : null;
            await db.ConsentEvents.Where(x => x.Id == e.Id).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.Identifier, t.Identifier).SetProperty(x => x.PageUrl, (string?)null).SetProperty(x => x.Referrer, (string?)null)
                .SetProperty(x => x.IpAddress, (string?)null).SetProperty(x => x.UserAgent, (string?)null).SetProperty(x => x.PersonalSalt, (string?)null)
                .SetProperty(x => x.ErasedAt, now).SetProperty(x => x.ErasureSeal, seal), ct);
        }

        return problems;
    }
}
