using Marketing.Common;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Broadcasts;

/// <summary>
/// A broadcast and its progress, counted by the database from its send records: messages by status, and per A/B
/// variant (or the rest) how many were sent and how many were clicked by people who consented to click tracking.
/// </summary>
public static class ReadBroadcastStats
{
    /// <param name="Variant"><c>a</c>, <c>b</c>, or null for the rest of the audience.</param>
    /// <param name="Clicked">Clicks recorded on the message: only under the person's click-tracking consent (R31).</param>
    public sealed record VariantStats(string? Variant, int Messages, int Sent, int Clicked);

    public sealed record Stats(Broadcast Broadcast, int Messages, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<VariantStats> Variants);

    public static async Task<Outcome<Stats>> HandleAsync(MarketingDbContext db, string key, CancellationToken ct)
    {
        var broadcast = await db.Broadcasts.AsNoTracking().SingleOrDefaultAsync(b => b.Key == key, ct);
        if (broadcast is null)
        {
            return new Refusal.NotFound();
        }

        var rows = await db.SendRecords.AsNoTracking().Where(r => r.BroadcastId == broadcast.Id)
            .GroupBy(r => new { r.Variant, r.Status })
            .Select(g => new { g.Key.Variant, g.Key.Status, Count = g.Count(), Clicked = g.Count(r => r.ClickedAt != null) })
            .ToListAsync(ct);
        var byStatus = rows.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Sum(r => r.Count), StringComparer.Ordinal);
        var variants = rows.GroupBy(r => r.Variant).OrderBy(g => g.Key ?? "~")
            .Select(g => new VariantStats(g.Key, g.Sum(r => r.Count), g.Where(r => r.Status == SendStatuses.Sent).Sum(r => r.Count), g.Sum(r => r.Clicked)))
            .ToList();
        return new Stats(broadcast, rows.Sum(r => r.Count), byStatus, variants);
    }
}
