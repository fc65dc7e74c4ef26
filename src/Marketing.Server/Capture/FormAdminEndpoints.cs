using System.Security.Claims;
using Marketing.Capture;
using Marketing.Common;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Capture;

/// <summary>Forms for marketers: a draft that may change, and publications that never do.</summary>
public static class FormAdminEndpoints
{
    public sealed record FormView(string Id, string SiteId, FormDefinition Draft, int LatestVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
    public sealed record FormVersionView(Guid Id, int Version, DateTimeOffset PublishedAt, PublishedForm Form);

    public static RouteGroupBuilder MapFormsAdmin(this RouteGroupBuilder admin)
    {
        var forms = admin.MapGroup("/forms").WithTags("Capture").RequireAuthorization(AccessPolicies.Marketing);
        forms.MapGet("/{id}", GetAsync).WithName("GetForm");
        forms.MapPut("/{id}", PutAsync).WithName("PutForm");
        forms.MapPost("/{id}/publish", PublishAsync).WithName("PublishForm");
        forms.MapGet("/{id}/versions/{version:int}", GetVersionAsync).WithName("GetFormVersion");
        return admin.MapSubmissionReview();
    }

    private static async Task<Results<Ok<FormView>, NotFound>> GetAsync(string id, MarketingDbContext db, CancellationToken ct) =>
        await db.Forms.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct) is { } form ? TypedResults.Ok(ToView(form)) : TypedResults.NotFound();

    private static async Task<Results<Ok<FormVersionView>, NotFound>> GetVersionAsync(string id, int version, MarketingDbContext db, CancellationToken ct) =>
        await db.FormVersions.AsNoTracking().SingleOrDefaultAsync(v => v.FormId == id && v.Version == version, ct) is { } v
            ? TypedResults.Ok(new FormVersionView(v.Id, v.Version, v.PublishedAt, v.Snapshot))
            : TypedResults.NotFound();

    private static async Task<Results<Created<FormView>, Ok<FormView>, ValidationProblem>> PutAsync(
        string id, SaveFormDraft.Command? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SaveFormDraft.HandleAsync(db, clock, id, request ?? new SaveFormDraft.Command(null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            _ when outcome.Value.Created => TypedResults.Created($"/api/admin/forms/{id}", ToView(outcome.Value.Form)),
            _ => TypedResults.Ok(ToView(outcome.Value.Form)),
        };
    }

    private static async Task<Results<Created<FormVersionView>, NotFound, ValidationProblem>> PublishAsync(
        string id, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, PublishedForms published, CancellationToken ct)
    {
        if (!await db.Forms.AnyAsync(f => f.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var outcome = await PublishForm.HandleAsync(db, clock, id, user.Actor(), ct);
        if (outcome.Version is not { } v)
        {
            return Problems.Fields(outcome.Errors, "The form cannot be published.");
        }

        published.ForgetLatest(id);
        return TypedResults.Created($"/api/admin/forms/{id}/versions/{v.Version}", new FormVersionView(v.Id, v.Version, v.PublishedAt, v.Snapshot));
    }

    private static FormView ToView(Form f) => new(f.Id, f.SiteId, f.Draft, f.LatestVersion, f.CreatedAt, f.UpdatedAt);
}
