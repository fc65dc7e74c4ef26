using Marketing.Capture;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Marketing.Server.Capture;

/// <summary>
/// Reads published form versions. A version never changes, so it is cached for good; which version is the
/// latest is cached only briefly, so that a new publication reaches every node within seconds.
/// </summary>
public sealed class PublishedForms(IMemoryCache cache, Hosting.ResolvedSettings settings, IServiceScopeFactory scopes)
{
    // A database context only on a cache miss: the hot path, a submission, then touches no database here.
    public async Task<PublishedForm?> GetAsync(string formId, int version, CancellationToken ct) =>
        await cache.GetOrCreateAsync($"form:{formId}@{version}", async entry =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            var snapshot = await db.FormVersions.AsNoTracking().Where(v => v.FormId == formId && v.Version == version).Select(v => v.Snapshot).SingleOrDefaultAsync(ct);
            entry.SetSize(1).SetSlidingExpiration(snapshot is null ? TimeSpan.FromSeconds(1) : TimeSpan.FromHours(1));
            return snapshot;
        });

    /// <summary>After a publication on this node, serve it here at once; other nodes follow within the cache time.</summary>
    public void ForgetLatest(string formId) => cache.Remove($"form-latest:{formId}");

    public async Task<PublishedForm?> GetLatestAsync(string formId, CancellationToken ct)
    {
        var latest = await cache.GetOrCreateAsync($"form-latest:{formId}", async entry =>
        {
            entry.SetSize(1).AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(settings.Raw.Public.SiteCacheSeconds);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            return await db.Forms.AsNoTracking().Where(f => f.Id == formId).Select(f => (int?)f.LatestVersion).SingleOrDefaultAsync(ct);
        });
        return latest is > 0 ? await GetAsync(formId, latest.Value, ct) : null;
    }
}
