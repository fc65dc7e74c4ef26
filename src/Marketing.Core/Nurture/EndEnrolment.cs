using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <summary>Ends an enrolment by hand: its next step never runs.</summary>
public static class EndEnrolment
{
    public sealed record Ended(Enrolment Enrolment, string SequenceKey);

    /// <summary>
    /// Ends it only when no pass holds it; clearing the claim also makes a stalled pass that still thinks it holds it
    /// fail to save. A <see cref="Refusal.Conflict"/> when a pass holds it now or it has already ended.
    /// </summary>
    public static async Task<Outcome<Ended>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid id, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var reason = $"ended by {actor}";
        // The end and its audit entry commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ended = await db.Enrolments
            .Where(e => e.Id == id && e.Status == EnrolmentStatuses.Active && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Status, EnrolmentStatuses.Exited)
                .SetProperty(e => e.EndedAt, now)
                .SetProperty(e => e.EndReason, reason)
                .SetProperty(e => e.ClaimedBy, (string?)null)
                .SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null), ct);
        if (await db.Enrolments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } enrolment)
        {
            return new Refusal.NotFound();
        }

        if (ended == 0)
        {
            return new Refusal.Conflict(enrolment.Status == EnrolmentStatuses.Active
                ? "A pass is advancing this enrolment right now; try again in a moment."
                : $"The enrolment has already ended ({enrolment.Status}).");
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "enrolment.ended", id.ToString()));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var key = await db.Sequences.Where(s => s.Id == enrolment.SequenceId).Select(s => s.Key).SingleAsync(ct);
        return new Ended(enrolment, key);
    }
}
