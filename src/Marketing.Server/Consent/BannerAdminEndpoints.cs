using System.Security.Claims;
using Marketing.Access;
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

    /// <summary>Saves the draft. Its structure is checked now; completeness (R24) at publication.</summary>
    private static async Task<Results<Created<BannerView>, Ok<BannerView>, NotFound, ValidationProblem>> PutAsync(
        string siteId, PutBannerRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            return TypedResults.NotFound();
        }

        if (request?.Definition is not { } definition)
        {
            return Problems.Field("definition", "is required");
        }

        var errors = BannerRules.Validate(definition, forPublication: false);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors.ToDictionary(e => $"definition.{e.Key}", e => e.Value));
        }

        var now = clock.GetUtcNow();
        var banner = await db.Banners.SingleOrDefaultAsync(b => b.SiteId == siteId, ct);
        var created = banner is null;
        if (banner is null)
        {
            banner = new Banner { SiteId = siteId, Draft = definition, CreatedAt = now };
            db.Banners.Add(banner);
        }

        banner.Draft = definition;
        banner.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), created ? "banner.created" : "banner.draft_saved", siteId));
        await db.SaveChangesAsync(ct);
        return created ? TypedResults.Created($"/api/admin/sites/{siteId}/banner", ToView(banner)) : TypedResults.Ok(ToView(banner));
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
            return TypedResults.ValidationProblem(outcome.Errors, title: "The banner cannot be published.");
        }

        published.ForgetLatest(siteId);
        return TypedResults.Created($"/api/admin/sites/{siteId}/banner/versions/{v.Version}", ToView(v));
    }

    private static BannerView ToView(Banner b) => new(b.SiteId, b.Draft, b.LatestVersion, b.CreatedAt, b.UpdatedAt);

    private static BannerVersionView ToView(BannerVersion v) => new(v.Id, v.SiteId, v.Version, v.Sha256, v.PublishedAt, v.Snapshot);
}
