using Marketing.Data;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Marketing.Server.Sites;

/// <summary>
/// The CORS allow-list of a public endpoint is the origins of the site named in its route.
/// Cached briefly per node, because every widget request (and its preflight) asks.
/// </summary>
public sealed class SiteCorsPolicyProvider(IMemoryCache cache, ResolvedSettings settings) : ICorsPolicyProvider
{
    public const string PolicyName = "site";
    public const string SiteRouteKey = "siteId";

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (policyName != PolicyName || context.GetRouteValue(SiteRouteKey) is not string siteId)
        {
            return null;
        }

        var origins = await cache.GetOrCreateAsync($"site-origins:{siteId}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(settings.Raw.Public.SiteCacheSeconds);
            var db = context.RequestServices.GetRequiredService<MarketingDbContext>();
            var site = await db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => s.Origins).SingleOrDefaultAsync(context.RequestAborted);
            return site ?? [];
        });

        if (origins is null || origins.Count == 0)
        {
            return null;
        }

        // No credentials: the widgets use no cookies, so a site's origin never needs them.
        return new CorsPolicyBuilder()
            .WithOrigins([.. origins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Content-Type", "Accept", "Accept-Language")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))
            .Build();
    }
}
