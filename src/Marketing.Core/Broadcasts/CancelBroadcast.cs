using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Broadcasts;

/// <summary>
/// Stops a broadcast before or while it sends: its messages not handed over yet (queued, or claimed by a dispatch pass
/// that has not started handing them over) become <c>cancelled</c>; what was sent stays sent. The status is a
/// concurrency token, so a materialising pass that read the broadcast before the cancel cannot add messages after it.
/// </summary>
public static class CancelBroadcast
{
    public sealed record Cancelled(Broadcast Broadcast, int Messages);

    public static async Task<Outcome<Cancelled>> HandleAsync(MarketingDbContext db, TimeProvider clock, string key, string actor, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var broadcast = await db.Broadcasts.SingleOrDefaultAsync(b => b.Key == key, ct);
            if (broadcast is null)
            {
                return new Refusal.NotFound();
            }

            if (!BroadcastStatuses.Cancellable.Contains(broadcast.Status))
            {
                return new Refusal.Conflict(BroadcastRuleTexts.English["broadcast.finished"], $"broadcast '{key}' is {broadcast.Status}");
            }

            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            broadcast.Status = BroadcastStatuses.Cancelled;
            broadcast.CancelledAt = now;
            broadcast.FinishedAt = now;
            broadcast.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // A materialising pass claimed or moved it meanwhile: read it again.
                await transaction.RollbackAsync(ct);
                continue;
            }

            // A dispatch pass hands a message over only while it is still 'sending' under its claim, so these never leave.
            var messages = await db.SendRecords
                .Where(r => r.BroadcastId == broadcast.Id && (r.Status == SendStatuses.Queued || r.Status == SendStatuses.Sending))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, SendStatuses.Cancelled), ct);
            db.AuditEntries.Add(AuditEntry.Create(clock, actor, "broadcast.cancelled", key, $"messages={messages}"));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Cancelled(broadcast, messages);
        }
    }
}
