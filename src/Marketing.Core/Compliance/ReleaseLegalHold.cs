using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>Lifts a legal hold (R38), with its reason: the archived copies it kept go with it.</summary>
public static class ReleaseLegalHold
{
    public static async Task<Outcome<LegalHold>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid holdId, string? reason, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            return Refusal.Field("reason", "must say why the hold ends (at most 500 characters)");
        }

        var hold = await db.LegalHolds.FirstOrDefaultAsync(h => h.Id == holdId, ct);
        if (hold is null)
        {
            return new Refusal.NotFound();
        }

        if (hold.ReleasedAt is not null)
        {
            return new Refusal.Conflict("This hold was already released.");
        }

        hold.ReleasedAt = clock.GetUtcNow();
        hold.ReleasedBy = actor;
        // The archived copies go with the hold that kept them: their ground no longer applies.
        var archived = await db.RestrictedRecords.Where(r => r.HoldId == holdId).ExecuteDeleteAsync(ct);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "legal_hold.released", hold.PersonId.ToString(), $"hold={hold.Id} archived_removed={archived} reason={reason.Trim()}"));
        await db.SaveChangesAsync(ct);
        return hold;
    }
}
