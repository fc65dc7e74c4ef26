using Marketing.Data;
using Marketing.Server.Capture;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Marketing.Server.Sites;

/// <summary>
/// The CORS allow-list of a public endpoint is the origins of the site named in its route, plus, on a form's
/// routes, the origins its published version allows. Cached briefly per node, because every widget request
/// (and its preflight) asks.
/// </summary>
public sealed class SiteCorsPolicyProvider(IMemoryCache cache, ResolvedSettings settings, PublishedForms forms) : ICorsPolicyProvider
{
    public const string PolicyName = "site";
    public const string SiteRouteKey = "siteId";
    public const string FormRouteKey = "formId";

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (policyName != PolicyName)
        {
            return null;
        }

        var origins = await AllowedOriginsAsync(context);
        if (origins.Count == 0)
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

    /// <summary>The origins a browser may call this route from; the submission endpoint also refuses others outright.</summary>
    public async Task<IReadOnlyList<string>> AllowedOriginsAsync(HttpContext context)
    {
        if (context.GetRouteValue(SiteRouteKey) is not string siteId)
        {
            return [];
        }

        var siteOrigins = await cache.GetOrCreateAsync($"site-origins:{siteId}", async entry =>
        {
            entry.SetSize(1).AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(settings.Raw.Public.SiteCacheSeconds);
            var db = context.RequestServices.GetRequiredService<MarketingDbContext>();
            return await db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => s.Origins).SingleOrDefaultAsync(context.RequestAborted) ?? [];
        }) ?? [];

        if (context.GetRouteValue(FormRouteKey) is not string formId)
        {
            return siteOrigins;
        }

        var form = await forms.GetLatestAsync(formId, context.RequestAborted);
        return form is null || form.SiteId != siteId ? siteOrigins : [.. siteOrigins.Union(form.AllowedOrigins)];
    }
}
