using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>What the purposes page shows: every purpose, and every notice with its versions (each locale newest first).</summary>
public static class ReadPurposes
{
    public sealed record NoticeRow(Notice Notice, IReadOnlyList<NoticeVersion> Versions);

    public sealed record Result(IReadOnlyList<Purpose> Purposes, IReadOnlyList<NoticeRow> Notices);

    public static async Task<Result> HandleAsync(MarketingDbContext db, CancellationToken ct)
    {
        var purposes = await db.Purposes.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct);
        var notices = await db.Notices.AsNoTracking().OrderBy(n => n.Key).ToListAsync(ct);
        var versions = (await db.NoticeVersions.AsNoTracking().ToListAsync(ct)).ToLookup(v => v.NoticeId);
        return new Result(purposes,
            [.. notices.Select(n => new NoticeRow(n, [.. versions[n.Id].OrderBy(v => v.Locale, StringComparer.Ordinal).ThenByDescending(v => v.Version)]))]);
    }
}
