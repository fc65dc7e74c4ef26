using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Overview;

/// <summary>
/// What the home page shows: today and the last 30 days (UTC days) of captures, confirmations, sends by outcome, the
/// gate's blocks by reason, bounces and complaints, and each sending domain's last check. Each figure is one query over
/// a timestamp index's range, never a scan of the whole table, so the page stays fast with a million people.
/// </summary>
public static class ReadOverview
{
    public const int Days = 30;
    public const int TopReasons = 8;

    public sealed record Counted(string Key, int Today, int Window);

    public sealed record DomainStatus(string Domain, bool Passed, bool Regressed, DateTimeOffset CheckedAt, IReadOnlyList<string> Failing);

    public sealed record Overview(
        IReadOnlyList<DateTimeOffset> Dates,
        int[] CapturesPerDay,
        int[] ConfirmationsPerDay,
        IReadOnlyList<Counted> SendsByStatus,
        IReadOnlyList<Counted> BlocksByReason,
        IReadOnlyList<Counted> DeliveryFeedback,
        IReadOnlyList<DomainStatus> Domains,
        bool MarketingPaused);

    public static async Task<Overview> HandleAsync(MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var days = Enumerable.Range(0, Days).Select(i => today.AddDays(i - Days + 1)).ToList();
        var start = days[0];
        var end = today.AddDays(1);

        var captures = await DailyCounts.CountAsync(db.Submissions.AsNoTracking(), s => s.ReceivedAt, days, end, ct);
        var confirmations = await DailyCounts.CountAsync(db.ConsentEvents.AsNoTracking().Where(e => e.Status == ConsentStatuses.Confirmed),
            e => e.OccurredAt, days, end, ct);

        var sends = await db.SendRecords.AsNoTracking().Where(s => s.CreatedAt >= start)
            .GroupBy(s => s.Status)
            .Select(g => new Counted(g.Key, g.Count(s => s.CreatedAt >= today), g.Count()))
            .ToListAsync(ct);

        // The gate's reasons carry their evidence in brackets (an event id, a date): the reason is what comes before.
        var blocks = await db.SendRecords.AsNoTracking().Where(s => s.CreatedAt >= start && s.Status == SendStatuses.Blocked)
            .Select(s => new { s.CreatedAt, Reason = s.DecisionReason ?? "" })
            .Select(s => new { s.CreatedAt, Reason = s.Reason.Contains(" (") ? s.Reason.Substring(0, s.Reason.IndexOf(" (")) : s.Reason })
            .GroupBy(s => s.Reason)
            .Select(g => new Counted(g.Key, g.Count(s => s.CreatedAt >= today), g.Count()))
            .ToListAsync(ct);

        var feedback = await db.DeliveryFeedback.AsNoTracking().Where(f => f.ReceivedAt >= start)
            .GroupBy(f => f.Kind)
            .Select(g => new Counted(g.Key, g.Count(f => f.ReceivedAt >= today), g.Count()))
            .ToListAsync(ct);

        var checks = await db.DomainChecks.AsNoTracking()
            .GroupBy(c => c.Domain)
            .Select(g => g.OrderByDescending(c => c.CheckedAt).First())
            .ToListAsync(ct);
        var paused = await db.SendingPauses.AsNoTracking().AnyAsync(p => p.AcknowledgedAt == null, ct);

        return new Overview(days, captures, confirmations,
            [.. sends.OrderByDescending(s => s.Window).ThenBy(s => s.Key, StringComparer.Ordinal)],
            [.. blocks.OrderByDescending(b => b.Window).ThenBy(b => b.Key, StringComparer.Ordinal).Take(TopReasons)],
            [.. DeliveryEventKinds.All.Select(k => feedback.FirstOrDefault(f => f.Key == k) ?? new Counted(k, 0, 0))],
            [.. checks.OrderBy(c => c.Domain, StringComparer.Ordinal)
                .Select(c => new DomainStatus(c.Domain, c.Passed, c.Regressed, c.CheckedAt, [.. c.Items.Where(i => !i.Passed).Select(i => i.Name)]))],
            paused);
    }
}
