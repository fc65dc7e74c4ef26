using System.Security.Claims;
using Marketing.Access;
using Marketing.Capture;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Capture;

/// <summary>Forms for marketers: a draft that may change, and publications that never do.</summary>
public static class FormAdminEndpoints
{
    public sealed record PutFormRequest(string? SiteId, FormDefinition? Definition);
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

    /// <summary>Saves the draft. Its structure is checked now; the law and its references at publication.</summary>
    private static async Task<Results<Created<FormView>, Ok<FormView>, ValidationProblem>> PutAsync(
        string id, PutFormRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SiteRules.IsValidId(id))
        {
            errors["id"] = ["must be 1 to 64 lowercase letters, digits or hyphens"];
        }

        if (request?.SiteId is not { } siteId || !await db.Sites.AnyAsync(s => s.Id == siteId, ct))
        {
            errors["siteId"] = ["must name an existing site"];
        }

        if (request?.Definition is not { } definition)
        {
            errors["definition"] = ["is required"];
        }
        else
        {
            foreach (var (key, value) in FormRules.ValidateStructure(definition, requireEveryLabel: false))
            {
                errors[$"definition.{key}"] = value;
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var form = await db.Forms.SingleOrDefaultAsync(f => f.Id == id, ct);
        var created = form is null;
        if (form is null)
        {
            form = new Form { Id = id, SiteId = request!.SiteId!, Draft = request.Definition!, CreatedAt = now };
            db.Forms.Add(form);
        }

        form.SiteId = request!.SiteId!;
        form.Draft = request.Definition!;
        form.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), created ? "form.created" : "form.draft_saved", id));
        await db.SaveChangesAsync(ct);
        return created ? TypedResults.Created($"/api/admin/forms/{id}", ToView(form)) : TypedResults.Ok(ToView(form));
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
            return TypedResults.ValidationProblem(outcome.Errors, title: "The form cannot be published.");
        }

        published.ForgetLatest(id);
        return TypedResults.Created($"/api/admin/forms/{id}/versions/{v.Version}", new FormVersionView(v.Id, v.Version, v.PublishedAt, v.Snapshot));
    }

    private static FormView ToView(Form f) => new(f.Id, f.SiteId, f.Draft, f.LatestVersion, f.CreatedAt, f.UpdatedAt);
}
