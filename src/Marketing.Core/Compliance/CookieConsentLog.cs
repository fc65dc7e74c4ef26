using System.Runtime.CompilerServices;
using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>Which cookie choices export E7 covers. Every filter is optional and they combine.</summary>
public sealed record CookieConsentFilter(string? SiteId, DateTimeOffset? From, DateTimeOffset? To, string? ConsentId);

/// <summary>One cookie choice as export E7 shows it (R28): lists are space-separated keys, so a CSV reads plainly.</summary>
public sealed record CookieConsentRow(
    Guid RecordId,
    string ConsentId,
    string SiteId,
    int BannerVersion,
    string BannerSha256,
    string Action,
    string GrantedCategories,
    string RefusedCategories,
    string GrantedServices,
    string RefusedServices,
    string? PageUrl,
    string Locale,
    bool Gpc,
    string? IpAddress,
    DateTimeOffset OccurredAtUtc,
    DateTimeOffset ExpiresAtUtc);

/// <summary>A banner version as the export archives it beside the records: the configuration each hash stands for.</summary>
public sealed record BannerVersionRow(string SiteId, int Version, string Sha256, DateTimeOffset PublishedAt, PublishedBanner Banner);

public static class CookieConsentLog
{
    /// <summary>Streams the matching records in time order; memory stays flat whatever their number.</summary>
    public static async IAsyncEnumerable<CookieConsentRow> StreamAsync(MarketingDbContext db, CookieConsentFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var r in Filtered(db, filter).OrderBy(r => r.OccurredAt).ThenBy(r => r.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new CookieConsentRow(
                r.Id, r.ConsentId, r.SiteId, r.BannerVersion, r.BannerSha256, r.Action,
                Keys(r.Choices.Categories, true), Keys(r.Choices.Categories, false), Keys(r.Choices.Services, true), Keys(r.Choices.Services, false),
                r.PageUrl, r.Locale, r.Gpc, r.IpAddress, r.OccurredAt, r.ExpiresAt);
        }
    }

    /// <summary>Every banner version the matching records name, with its full configuration.</summary>
    public static async IAsyncEnumerable<BannerVersionRow> VersionsAsync(MarketingDbContext db, CookieConsentFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var named = await Filtered(db, filter).Select(r => new { r.SiteId, r.BannerVersion }).Distinct().ToListAsync(ct);
        foreach (var site in named.GroupBy(n => n.SiteId))
        {
            var numbers = site.Select(n => n.BannerVersion).ToList();
            var versions = await db.BannerVersions.AsNoTracking().Where(v => v.SiteId == site.Key && numbers.Contains(v.Version)).OrderBy(v => v.Version).ToListAsync(ct);
            foreach (var v in versions)
            {
                yield return new BannerVersionRow(v.SiteId, v.Version, v.Sha256, v.PublishedAt, v.Snapshot);
            }
        }
    }

    private static IQueryable<CookieConsentRecord> Filtered(MarketingDbContext db, CookieConsentFilter filter)
    {
        var query = db.CookieConsentRecords.AsNoTracking();
        if (filter.SiteId is { } site)
        {
            query = query.Where(r => r.SiteId == site);
        }

        if (filter.From is { } from)
        {
            query = query.Where(r => r.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(r => r.OccurredAt < to);
        }

        if (filter.ConsentId is { } consentId)
        {
            query = query.Where(r => r.ConsentId == consentId);
        }

        return query;
    }

    private static string Keys(IReadOnlyDictionary<string, bool> choices, bool granted) =>
        string.Join(' ', choices.Where(c => c.Value == granted).Select(c => c.Key));
}
