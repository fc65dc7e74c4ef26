using System.Text.RegularExpressions;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketing.Sending;

/// <summary>A batch a pass holds: its records, its claim, and the keeper that renews the claim and records each hand-over.</summary>
public sealed record ClaimedBatch(List<SendRecord> Records, string Token, ClaimKeeper Keeper);

/// <summary>
/// Takes due messages for dispatch passes and takes over what a stopped pass held. Each batch is marked with its own
/// claim token, so two passes — on one node or many — never take the same row: on PostgreSQL the candidates are
/// locked with <c>FOR UPDATE SKIP LOCKED</c>; SQLite serialises writers, and the status check in the update does the
/// rest. A claim holds for <see cref="Lease"/>, renewed while its pass runs.
/// </summary>
public sealed partial class SendClaims(TimeSpan lease, SendingMetrics metrics, TimeProvider clock)
{
    /// <summary>How long one dispatch pass goes on claiming batches before it leaves the rest to the next.</summary>
    private static readonly TimeSpan PassBudget = TimeSpan.FromSeconds(50);

    /// <summary>Claims made before leases existed carry none: they are written off after this long, as they were then.</summary>
    private static readonly TimeSpan LegacyLease = TimeSpan.FromMinutes(10);

    public TimeSpan Lease => lease;

    /// <summary>
    /// One dispatch pass of a channel: takes over what stopped passes left, then claims and dispatches batch after batch
    /// until nothing is due or the pass has run long enough. Without its channel configured, a pass only takes over:
    /// messages stay queued until it is. Ends with one warning when messages failed, whatever their number.
    /// </summary>
    public async Task<DispatchReport> DispatchDueAsync(MarketingDbContext db, string channel, int batchSize, string node, bool enabled, ILogger logger,
        Func<ClaimedBatch, Task<DispatchReport>> dispatchBatch, CancellationToken ct)
    {
        var report = await TakeOverAsync(db, channel, logger, ct);
        if (enabled)
        {
            await using var keeper = ClaimKeeper.Open(db, clock, lease);
            var started = clock.GetTimestamp();
            while (clock.GetElapsedTime(started) < PassBudget)
            {
                db.ChangeTracker.Clear();
                var token = $"{node}:{Guid.NewGuid():N}";
                var claimed = await ClaimAsync(db, channel, batchSize, clock.GetUtcNow(), token, ct);
                if (claimed.Count == 0)
                {
                    break;
                }

                keeper.Hold(token);
                DispatchReport batch;
                try
                {
                    batch = await dispatchBatch(new ClaimedBatch(claimed, token, keeper));
                }
                finally
                {
                    keeper.Hold(null);
                }

                metrics.Record(channel, batch);
                report = report.Add(batch);
                // Between batches, so a node that died is taken over while this one still has work.
                report = report.Add(await TakeOverAsync(db, channel, logger, ct));
            }
        }

        if (report.Failed + report.Retrying + report.Interrupted + report.ConnectionFailures > 0)
        {
            PassFailures(logger, channel, node, report.Sent, report.Retrying, report.Failed, report.Interrupted, report.ConnectionFailures,
                report.LastError is { } e ? Redact(e) : null);
        }

        return report;
    }

    /// <summary>30 s, 2 min, 8 min, 32 min, then hourly: a relay or gateway that is down for a while is not hammered.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(4, Math.Max(0, attempts - 1))));

    public async Task<List<SendRecord>> ClaimAsync(MarketingDbContext db, string channel, int limit, DateTimeOffset now, string claimToken, CancellationToken ct)
    {
        await ProviderQueries.For(db).ClaimSendRecordsAsync(db, channel, limit, now, now + lease, claimToken, ct);
        return await db.SendRecords.Where(r => r.ClaimedBy == claimToken && r.Status == SendStatuses.Sending).ToListAsync(ct);
    }

    public const string RequeuedNote = "queued again: the node that claimed it stopped before handing it over";
    public const string InterruptedNote = "the node handing it over stopped before the relay or gateway answered; delivery unknown, not retried";

    /// <summary>
    /// Claims whose lease ran out: their pass stopped. What was never handed over is queued again, due at once; what was
    /// being handed over (at most one message per connection) may have left, so it is written off as interrupted, never
    /// sent twice (invariant 3). Logs, per node whose claims these were, how many went which way.
    /// </summary>
    public async Task<DispatchReport> TakeOverAsync(MarketingDbContext db, string channel, ILogger logger, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var legacy = now - LegacyLease;
        var taken = await ProviderQueries.For(db).TakeOverExpiredClaimsAsync(db, channel, now, legacy, RequeuedNote, InterruptedNote, ct);
        if (taken.Count == 0)
        {
            return DispatchReport.Empty;
        }

        var report = DispatchReport.Empty;
        foreach (var node in taken.Select(t => t.Split(' ', 2)).GroupBy(t => NodeOf(t[1])))
        {
            var requeued = node.Count(t => t[0] == SendStatuses.Queued);
            var interrupted = node.Count() - requeued;
            TakenOver(logger, channel, node.Key, requeued, interrupted);
            report = report.Add(new DispatchReport(0, 0, 0, 0, interrupted) { Requeued = requeued });
        }

        metrics.Record(channel, report);
        return report;
    }

    /// <summary>The node of a claim token <c>{machine}:{process}:{batch}</c>.</summary>
    public static string NodeOf(string claim) => claim.LastIndexOf(':') is > 0 and var end ? claim[..end] : claim;

    /// <summary>An error as a log may quote it: addresses and numbers a relay or gateway echoes are personal data (invariant 8).</summary>
    public static string Redact(string error) => Addresses().Replace(error, "[address]");

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} dispatch pass on {Node}: {Sent} sent, {Retrying} deferred for a retry, {Failed} failed for good, "
        + "{Interrupted} interrupted, {ConnectionFailures} connection failures; last error: {LastError}")]
    private static partial void PassFailures(ILogger logger, string channel, string node, int sent, int retrying, int failed, int interrupted, int connectionFailures,
        string? lastError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} claims of node {Node} expired (it stopped, or lost the database): {Requeued} messages queued again, "
        + "never handed over; {Interrupted} interrupted while being handed over, maybe delivered, not retried")]
    private static partial void TakenOver(ILogger logger, string channel, string node, int requeued, int interrupted);

    [GeneratedRegex(@"[^\s<>""'(),;:]+@[^\s<>""'(),;]+|\+\d{6,15}|\b\d{8,15}\b")]
    private static partial Regex Addresses();
}
