using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Reports;

/// <summary>What has a report: published sequences, forms and purposes, each by key in order.</summary>
public static class ReadReportsIndex
{
    public sealed record Entry(string Key, string Name);

    public sealed record Index(IReadOnlyList<Entry> Sequences, IReadOnlyList<Entry> Forms, IReadOnlyList<Entry> Purposes);

    public static async Task<Index> HandleAsync(MarketingDbContext db, string locale, CancellationToken ct)
    {
        var sequences = await db.Sequences.AsNoTracking().Where(s => s.LatestVersion > 0).OrderBy(s => s.Key).ToListAsync(ct);
        var forms = await db.Forms.AsNoTracking().OrderBy(f => f.Id).Select(f => f.Id).ToListAsync(ct);
        var purposes = await db.Purposes.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct);
        return new Index(
            [.. sequences.Select(s => new Entry(s.Key, s.Draft.Name ?? s.Key))],
            [.. forms.Select(f => new Entry(f, f))],
            [.. purposes.Select(p => new Entry(p.Key, p.NameIn(locale)))]);
    }
}
