using System.Security.Claims;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Consent;

/// <summary>A site's cookie banner for marketers: a draft that may change, and publications that never do (R28).</summary>
public static class BannerAdminEndpoints
{
    public sealed record PutBannerRequest(BannerDefinition? Definition);
    public sealed record BannerView(string SiteId, BannerDefinition Draft, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
    public sealed record BannerVersionView(Guid Id, string SiteId, int Version, string Sha256, DateTimeOffset PublishedAt, PublishedBanner Banner);

    public static RouteGroupBuilder MapBannersAdmin(this RouteGroupBuilder admin)
    {
        var banner = admin.MapGroup("/sites/{siteId}/banner").WithTags("Cookie consent").RequireAuthorization(AccessPolicies.Marketing);
        banner.MapGet("/", GetAsync).WithName("GetBanner");
        banner.MapPut("/", PutAsync).WithName("PutBanner");
        banner.MapPost("/publish", PublishAsync).WithName("PublishBanner");
        banner.MapGet("/versions/{version:int}", GetVersionAsync).WithName("GetBannerVersion");
        return admin;
    }

    private static async Task<Results<Ok<BannerView>, NotFound>> GetAsync(string siteId, MarketingDbContext db, CancellationToken ct) =>
        await db.Banners.AsNoTracking().SingleOrDefaultAsync(b => b.SiteId == siteId, ct) is { } banner ? TypedResults.Ok(ToView(banner)) : TypedResults.NotFound();

    private static async Task<Results<Ok<BannerVersionView>, NotFound>> GetVersionAsync(string siteId, int version, MarketingDbContext db, CancellationToken ct) =>
        await db.BannerVersions.AsNoTracking().SingleOrDefaultAsync(v => v.SiteId == siteId && v.Version == version, ct) is { } v
            ? TypedResults.Ok(ToView(v))
            : TypedResults.NotFound();

    private static async Task<Results<Created<BannerView>, Ok<BannerView>, NotFound, ValidationProblem>> PutAsync(
        string siteId, PutBannerRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SaveBannerDraft.HandleAsync(db, clock, siteId, request?.Definition, user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ when outcome.Value.Created => TypedResults.Created($"/api/admin/sites/{siteId}/banner", ToView(outcome.Value.Banner)),
            _ => TypedResults.Ok(ToView(outcome.Value.Banner)),
        };
    }

    private static async Task<Results<Created<BannerVersionView>, NotFound, ValidationProblem>> PublishAsync(
        string siteId, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, PublishedBanners published, CancellationToken ct)
    {
        if (!await db.Banners.AnyAsync(b => b.SiteId == siteId, ct))
        {
            return TypedResults.NotFound();
        }

        var outcome = await PublishBanner.HandleAsync(db, clock, siteId, user.Actor(), ct);
        if (outcome.Version is not { } v)
        {
            return Problems.Fields(outcome.Errors, "The banner cannot be published.");
        }

        published.ForgetLatest(siteId);
        return TypedResults.Created($"/api/admin/sites/{siteId}/banner/versions/{v.Version}", ToView(v));
    }

    private static BannerView ToView(Banner b) => new(b.SiteId, b.Draft, b.LatestVersion, b.CreatedAt, b.UpdatedAt);

    private static BannerVersionView ToView(BannerVersion v) => new(v.Id, v.SiteId, v.Version, v.Sha256, v.PublishedAt, v.Snapshot);
}
