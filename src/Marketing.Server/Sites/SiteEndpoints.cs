using System.Security.Claims;
using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Sites;

public static class SiteEndpoints
{
    public sealed record PutSiteRequest(string? Name, List<string?>? Origins);
    public sealed record SiteView(string Id, string Name, IReadOnlyList<string> Origins, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
    public sealed record PublicSiteView(string Id, string Name);

    public static RouteGroupBuilder MapSitesAdmin(this RouteGroupBuilder admin)
    {
        var sites = admin.MapGroup("/sites").WithTags("Sites");
        sites.MapGet("/", ListAsync).WithName("ListSites").RequireAuthorization(AccessPolicies.Marketing);
        sites.MapGet("/{id}", GetAsync).WithName("GetSite").RequireAuthorization(AccessPolicies.Marketing);
        sites.MapPut("/{id}", PutAsync).WithName("PutSite").RequireAuthorization(AccessPolicies.Admin);
        return admin;
    }

    public static RouteGroupBuilder MapSitesPublic(this RouteGroupBuilder publicApi)
    {
        publicApi.MapGet($"/sites/{{{SiteCorsPolicyProvider.SiteRouteKey}}}", GetPublicAsync).WithName("GetPublicSite").WithTags("Sites");
        return publicApi;
    }

    private static async Task<Ok<List<SiteView>>> ListAsync(MarketingDbContext db, CancellationToken ct)
    {
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(sites.Select(ToView).ToList());
    }

    private static async Task<Results<Ok<SiteView>, NotFound>> GetAsync(string id, MarketingDbContext db, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return site is null ? TypedResults.NotFound() : TypedResults.Ok(ToView(site));
    }

    /// <summary>Creates or replaces a site. PUT, so that provisioning scripts can run it again safely.</summary>
    private static async Task<Results<Created<SiteView>, Ok<SiteView>, ValidationProblem>> PutAsync(
        string id, PutSiteRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SiteRules.IsValidId(id))
        {
            errors["id"] = ["must be 1 to 64 lowercase letters, digits or hyphens, starting with a letter or digit"];
        }

        if (string.IsNullOrWhiteSpace(request?.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["is required, at most 200 characters"];
        }

        var origins = new List<string>();
        var requested = request?.Origins ?? [];
        if (requested.Count > SiteRules.MaxOrigins)
        {
            errors["origins"] = [$"at most {SiteRules.MaxOrigins} origins"];
        }

        for (var i = 0; i < requested.Count && i < SiteRules.MaxOrigins; i++)
        {
            if (SiteRules.TryNormalizeOrigin(requested[i], out var origin, out var problem))
            {
                origins.Add(origin);
            }
            else
            {
                errors[$"origins[{i}]"] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == id, ct);
        var created = site is null;
        if (site is null)
        {
            site = new Site { Id = id, Name = request!.Name!.Trim(), CreatedAt = now };
            db.Sites.Add(site);
        }

        site.Name = request!.Name!.Trim();
        site.Origins = origins.Distinct(StringComparer.Ordinal).ToList();
        site.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), created ? "site.created" : "site.updated", id, string.Join(' ', site.Origins)));
        await db.SaveChangesAsync(ct);

        var view = ToView(site);
        return created ? TypedResults.Created($"/api/admin/sites/{id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<PublicSiteView>, ProblemHttpResult>> GetPublicAsync(
        string siteId, MarketingDbContext db, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => new PublicSiteView(s.Id, s.Name)).SingleOrDefaultAsync(ct);
        return site is null
            ? TypedResults.Problem(title: "No such site.", detail: $"Site '{siteId}' is not configured.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(site);
    }

    private static SiteView ToView(Site s) => new(s.Id, s.Name, s.Origins, s.CreatedAt, s.UpdatedAt);
}
