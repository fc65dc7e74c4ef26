using System.Security.Claims;
using Marketing.Common;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Sites;

public static class SiteEndpoints
{
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

    /// <summary>PUT, so that provisioning scripts can run it again safely.</summary>
    private static async Task<Results<Created<SiteView>, Ok<SiteView>, ValidationProblem>> PutAsync(
        string id, SaveSite.Command? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SaveSite.HandleAsync(db, clock, id, request ?? new SaveSite.Command(null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ when outcome.Value.Created => TypedResults.Created($"/api/admin/sites/{id}", ToView(outcome.Value.Site)),
            _ => TypedResults.Ok(ToView(outcome.Value.Site)),
        };
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
