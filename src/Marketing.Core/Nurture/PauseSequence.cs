using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <summary>Pauses a published sequence: no step runs and nobody new enrols; due steps wait and run on resume.</summary>
public static class PauseSequence
{
    public static Task<Outcome<Sequence>> HandleAsync(MarketingDbContext db, TimeProvider clock, string key, string actor, CancellationToken ct) =>
        SetStatusAsync(db, clock, key, SequenceStatuses.Paused, "sequence.paused", actor, ct);

    /// <summary>Pausing and resuming: only a sequence that was ever published has a status to change.</summary>
    internal static async Task<Outcome<Sequence>> SetStatusAsync(
        MarketingDbContext db, TimeProvider clock, string key, string status, string auditAction, string actor, CancellationToken ct)
    {
        if (await db.Sequences.SingleOrDefaultAsync(s => s.Key == key, ct) is not { } sequence)
        {
            return new Refusal.NotFound();
        }

        if (sequence.Status == SequenceStatuses.Draft)
        {
            return new Refusal.Conflict("The sequence has never been published.");
        }

        sequence.Status = status;
        sequence.UpdatedAt = clock.GetUtcNow();
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, auditAction, key));
        await db.SaveChangesAsync(ct);
        return sequence;
    }
}
