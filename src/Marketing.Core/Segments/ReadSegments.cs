using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Segments;

/// <summary>The saved segments as the API and the web app show them: all by key, or one by its key.</summary>
public static class ReadSegments
{
    public static async Task<List<Segment>> ListAsync(MarketingDbContext db, CancellationToken ct) =>
        await db.Segments.AsNoTracking().OrderBy(s => s.Key).ToListAsync(ct);

    public static async Task<Segment?> OneAsync(MarketingDbContext db, string key, CancellationToken ct) =>
        await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct);
}
