using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Suppression;

/// <summary>Takes an entry off the suppression list: a bounce found to be wrong, a manual entry made by mistake.</summary>
public static class RemoveSuppression
{
    /// <summary>
    /// Removes the entry and audits it with its hash, or refuses: <see cref="Refusal.NotFound"/>, or a
    /// <see cref="Refusal.Conflict"/> for an unsubscribe, which no one but the person can lift.
    /// </summary>
    public static async Task<Outcome<SuppressionEntry>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid id, string actor, CancellationToken ct)
    {
        var entry = await db.Suppressions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (entry is null)
        {
            return new Refusal.NotFound();
        }

        if (entry.Reason == SuppressionReasons.Unsubscribe)
        {
            // R16, R20: an unsubscribe is the person's; only their new consent, confirmed by double opt-in, lifts it.
            return new Refusal.Conflict("An unsubscribe cannot be removed.",
                "Only a new consent for that purpose, confirmed by double opt-in, lifts an unsubscribe (R16, R20).");
        }

        db.Suppressions.Remove(entry);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "suppression.removed", entry.Id.ToString(), $"{entry.Reason} {entry.Channel}/{entry.Scope} {entry.AddressHash}"));
        await db.SaveChangesAsync(ct);
        return entry;
    }
}
