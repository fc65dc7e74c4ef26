using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sites;

/// <summary>The sites for the app's sites page, each with its forms (a handful each: read whole).</summary>
public static class ListSites
{
    public sealed record FormRow(string Id, string? Name, int LatestVersion, DateTimeOffset UpdatedAt);

    public sealed record Row(Site Site, IReadOnlyList<FormRow> Forms);

    public static async Task<IReadOnlyList<Row>> HandleAsync(MarketingDbContext db, string? siteId, CancellationToken ct)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => siteId == null || s.Id == siteId).OrderBy(s => s.Id).ToListAsync(ct);
        var ids = sites.Select(s => s.Id).ToList();
        var forms = await db.Forms.AsNoTracking().Where(f => ids.Contains(f.SiteId)).OrderBy(f => f.Id).ToListAsync(ct);
        return [.. sites.Select(s => new Row(s, [.. forms.Where(f => f.SiteId == s.Id).Select(f => new FormRow(f.Id, f.Draft.Name, f.LatestVersion, f.UpdatedAt))]))];
    }
}
