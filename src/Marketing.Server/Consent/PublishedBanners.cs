using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Marketing.Server.Consent;

/// <summary>
/// Reads published banner versions for the public endpoints. A version never changes, so it is cached for
/// good; which one is the latest only briefly, so that a new publication reaches every node within seconds.
/// </summary>
public sealed class PublishedBanners(IMemoryCache cache, Hosting.ResolvedSettings settings, IServiceScopeFactory scopes)
{
    public async Task<BannerVersion?> GetAsync(string siteId, int version, CancellationToken ct) =>
        await cache.GetOrCreateAsync($"banner:{siteId}@{version}", async entry =>
        {
            var found = await QueryAsync(db => db.BannerVersions.AsNoTracking().SingleOrDefaultAsync(v => v.SiteId == siteId && v.Version == version, ct));
            entry.SetSize(1).SetSlidingExpiration(found is null ? TimeSpan.FromSeconds(1) : TimeSpan.FromHours(1));
            return found;
        });

    public async Task<BannerVersion?> GetLatestAsync(string siteId, CancellationToken ct)
    {
        var latest = await cache.GetOrCreateAsync($"banner-latest:{siteId}", async entry =>
        {
            entry.SetSize(1).AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(settings.Raw.Public.SiteCacheSeconds);
            return await QueryAsync(db => db.Banners.AsNoTracking().Where(b => b.SiteId == siteId).Select(b => (int?)b.LatestVersion).SingleOrDefaultAsync(ct));
        });
        return latest is > 0 ? await GetAsync(siteId, latest.Value, ct) : null;
    }

    /// <summary>After a publication on this node, serve it here at once; other nodes follow within the cache time.</summary>
    public void ForgetLatest(string siteId) => cache.Remove($"banner-latest:{siteId}");

    // A context only on a cache miss: the hot path, a page view, then touches no database.
    private async Task<T> QueryAsync<T>(Func<MarketingDbContext, Task<T>> query)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MarketingDbContext>());
    }
}
