using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>What the banner designer shows: the sites, a site's draft and its published versions (newest first), one version.</summary>
public static class ReadBannerDesigner
{
    public sealed record SiteRow(string Id, string Name, int LatestVersion, bool HasDraft);

    public sealed record VersionRow(int Version, string Sha256, DateTimeOffset PublishedAt);

    public sealed record Designer(string SiteId, string SiteName, Banner? Banner, IReadOnlyList<VersionRow> Versions);

    public static async Task<IReadOnlyList<SiteRow>> SitesAsync(MarketingDbContext db, CancellationToken ct)
    {
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var banners = await db.Banners.AsNoTracking().Select(b => new { b.SiteId, b.LatestVersion }).ToDictionaryAsync(b => b.SiteId, b => b.LatestVersion, ct);
        return [.. sites.Select(s => new SiteRow(s.Id, s.Name, banners.GetValueOrDefault(s.Id), banners.ContainsKey(s.Id)))];
    }

    /// <summary>Null when the site does not exist.</summary>
    public static async Task<Designer?> SiteAsync(MarketingDbContext db, string siteId, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => new { s.Id, s.Name }).SingleOrDefaultAsync(ct);
        if (site is null)
        {
            return null;
        }

        var banner = await db.Banners.AsNoTracking().SingleOrDefaultAsync(b => b.SiteId == siteId, ct);
        var versions = await db.BannerVersions.AsNoTracking().Where(v => v.SiteId == siteId)
            .OrderByDescending(v => v.Version).Select(v => new VersionRow(v.Version, v.Sha256, v.PublishedAt)).ToListAsync(ct);
        return new Designer(site.Id, site.Name, banner, versions);
    }

    public static async Task<BannerVersion?> VersionAsync(MarketingDbContext db, string siteId, int version, CancellationToken ct) =>
        await db.BannerVersions.AsNoTracking().SingleOrDefaultAsync(v => v.SiteId == siteId && v.Version == version, ct);
}
