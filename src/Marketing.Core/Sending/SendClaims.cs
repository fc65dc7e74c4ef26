using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sending;

/// <summary>
/// Takes due messages for one dispatch pass. Each pass marks the rows it takes with its own claim token, so
/// that two passes — on one node or many — never take the same row: on PostgreSQL the candidates are locked
/// with <c>FOR UPDATE SKIP LOCKED</c>; SQLite serialises writers, and the status check in the update does the rest.
/// </summary>
public sealed record DispatchReport(int Sent, int Blocked, int Failed, int Retrying, int Interrupted)
{
    public int Total => Sent + Blocked + Failed + Retrying;
}

public static class SendClaims
{
    /// <summary>How long one dispatch pass goes on claiming batches before it leaves the rest to the next.</summary>
    private static readonly TimeSpan PassBudget = TimeSpan.FromSeconds(50);

    /// <summary>
    /// One dispatch pass of a channel: writes off what a stopped pass left, then claims and dispatches batch after
    /// batch until nothing is due or the pass has run long enough. Without its channel configured, a pass only
    /// writes off: messages stay queued until it is.
    /// </summary>
    public static async Task<DispatchReport> DispatchDueAsync(MarketingDbContext db, string channel, int batchSize, string node, bool enabled,
        TimeProvider clock, Func<List<SendRecord>, Task<DispatchReport>> dispatchBatch, CancellationToken ct)
    {
        var report = new DispatchReport(0, 0, 0, 0, await WriteOffInterruptedAsync(db, channel, clock.GetUtcNow(), ct));
        if (!enabled)
        {
            return report;
        }

        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < PassBudget)
        {
            db.ChangeTracker.Clear();
            var claimed = await ClaimAsync(db, channel, batchSize, clock.GetUtcNow(), $"{node}:{Guid.NewGuid():N}", ct);
            if (claimed.Count == 0)
            {
                break;
            }

            var batch = await dispatchBatch(claimed);
            report = report with
            {
                Sent = report.Sent + batch.Sent, Blocked = report.Blocked + batch.Blocked,
                Failed = report.Failed + batch.Failed, Retrying = report.Retrying + batch.Retrying,
            };
        }

        return report;
    }

    /// <summary>30 s, 2 min, 8 min, 32 min, then hourly: a relay or gateway that is down for a while is not hammered.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(4, Math.Max(0, attempts - 1))));

    /// <summary>A pass that stopped between claiming and recording leaves rows in <c>sending</c>; after this long they are written off.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public static async Task<List<SendRecord>> ClaimAsync(MarketingDbContext db, string channel, int limit, DateTimeOffset now, string claimToken, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE send_records SET status = 'sending', claimed_at = {now}, claimed_by = {claimToken}, attempts = attempts + 1
                WHERE id IN (SELECT id FROM send_records
                             WHERE status = 'queued' AND channel = {channel} AND due_at <= {now}
                             ORDER BY due_at LIMIT {limit} FOR UPDATE SKIP LOCKED)
                """, ct);
        }
        else
        {
            var candidates = await db.SendRecords
                .Where(r => r.Status == SendStatuses.Queued && r.Channel == channel && r.DueAt <= now)
                .OrderBy(r => r.DueAt).Take(limit).Select(r => r.Id).ToListAsync(ct);
            await db.SendRecords
                .Where(r => candidates.Contains(r.Id) && r.Status == SendStatuses.Queued)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, SendStatuses.Sending)
                    .SetProperty(r => r.ClaimedAt, now)
                    .SetProperty(r => r.ClaimedBy, claimToken)
                    .SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
        }

        return await db.SendRecords.Where(r => r.ClaimedBy == claimToken && r.Status == SendStatuses.Sending).ToListAsync(ct);
    }

    /// <summary>
    /// Rows a stopped pass left in <c>sending</c>. The message may already have left, so it is never sent
    /// again (at most once, invariant 3); the record says so for an operator to look at.
    /// </summary>
    public static Task<int> WriteOffInterruptedAsync(MarketingDbContext db, string channel, DateTimeOffset now, CancellationToken ct)
    {
        var before = now - Lease;
        return db.SendRecords
            .Where(r => r.Status == SendStatuses.Sending && r.Channel == channel && r.ClaimedAt < before)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, SendStatuses.Interrupted)
                .SetProperty(r => r.LastError, "the dispatching node stopped before recording the outcome; delivery unknown, not retried"), ct);
    }
}
