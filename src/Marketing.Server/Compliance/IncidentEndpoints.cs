using System.Security.Claims;
using Marketing.Common;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Marketing.Templates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Compliance;

/// <summary>
/// The breach register (R50, E8): incidents with their 72-hour countdown, the counts of their affected scope and the
/// drafts they owe, for every compliance role. The rules are the Core use cases the web pages also call.
/// </summary>
public static class IncidentEndpoints
{
    public sealed record IncidentView(
        Guid Id, string Title, string Description, DateTimeOffset AwareAt, DateTimeOffset NotificationDueAt, string State, long? SecondsLeft,
        string? ScopeKind, string? ScopeKey, DateTimeOffset? ScopeFrom, DateTimeOffset? ScopeTo, List<string> DataCategories, List<string> SubjectCategories,
        string? LikelyConsequences, string? MeasuresTaken, bool HighRisk, DateTimeOffset? NotifiedAt, string? AuthorityReference, string? LateReason,
        string? NotRequiredReason, DateTimeOffset? SubjectsInformedAt, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record ScopeView(string Kind, string? Key, DateTimeOffset? From, DateTimeOffset? To, long People, long ErasedSince, long Records, List<CategoryView> Categories);

    public sealed record CategoryView(string Key, string Name, long Count);

    public sealed record IncidentDetail(IncidentView Incident, ScopeView? Scope);

    public sealed record NoticeView(string Subject, string Html, string Text);

    public sealed record DraftsView(string Language, string Authority, NoticeView Notice);

    /// <summary>The web app's download of the breach register (E8), under the session's compliance policy.</summary>
    public const string WebExportPath = "/compliance/incidents/export";

    public static RouteGroupBuilder MapIncidentsAdmin(this RouteGroupBuilder admin)
    {
        var incidents = admin.MapGroup("/incidents").WithTags("Compliance").RequireAuthorization(AccessPolicies.Compliance);
        incidents.MapGet("/", ListAsync).WithName("ListIncidents");
        incidents.MapPost("/", CreateAsync).WithName("RecordIncident");
        incidents.MapGet("/{id:guid}", GetAsync).WithName("GetIncident");
        incidents.MapPut("/{id:guid}", PutAsync).WithName("ChangeIncident");
        incidents.MapGet("/{id:guid}/drafts", DraftsAsync).WithName("GetIncidentDrafts");
        admin.MapGroup("/compliance").WithTags("Compliance").RequireAuthorization(AccessPolicies.Compliance)
            .MapGet("/incidents", ExportAsync).WithName("ExportIncidents").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        return admin;
    }

    public static IEndpointRouteBuilder MapWebIncidentExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(WebExportPath, (string? format, HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportAsync(format, http, db, clock, user, ct))
            .WithTags("Web").WithName("DownloadIncidents").RequireAuthorization(Web.WebPolicies.Compliance).ExcludeFromDescription()
            .WithMetadata(new ComplianceEndpoints.FollowedInABrowser());
        return app;
    }

    private static async Task<Ok<List<IncidentView>>> ListAsync(MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var incidents = await db.Incidents.AsNoTracking().OrderByDescending(i => i.AwareAt).ToListAsync(ct);
        return TypedResults.Ok(incidents.Select(i => ToView(i, now)).ToList());
    }

    private static async Task<Results<Ok<IncidentDetail>, NotFound>> GetAsync(Guid id, MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is not { } incident)
        {
            return TypedResults.NotFound();
        }

        var counts = await MeasureIncidentScope.HandleAsync(db, incident, ct);
        return TypedResults.Ok(new IncidentDetail(ToView(incident, clock.GetUtcNow()), counts is null ? null : ToView(counts, "en")));
    }

    private static async Task<Results<Created<IncidentView>, ValidationProblem>> CreateAsync(
        IncidentInput? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SaveIncident.HandleAsync(db, clock, null, request ?? IncidentInput.Empty, user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Created($"/api/admin/incidents/{outcome.Value.Incident.Id}", ToView(outcome.Value.Incident, clock.GetUtcNow())),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            var other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Results<Ok<IncidentView>, NotFound, ValidationProblem>> PutAsync(
        Guid id, IncidentInput? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SaveIncident.HandleAsync(db, clock, id, request ?? IncidentInput.Empty, user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(ToView(outcome.Value.Incident, clock.GetUtcNow())),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            var other => throw Problems.Unmapped(other),
        };
    }

    /// <summary>The art. 33 notification and the art. 34 message, pre-filled, in English or French: drafts, never sent.</summary>
    private static async Task<Results<Ok<DraftsView>, NotFound, ValidationProblem>> DraftsAsync(
        Guid id, string? lang, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, DpoContact dpo, TemplateStore templates,
        TemplateRenderer renderer, CancellationToken ct)
    {
        lang ??= "en";
        if (lang is not ("en" or "fr"))
        {
            return Problems.Field("lang", "must be en or fr");
        }

        if (await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is not { } incident)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await DraftAsync(incident, lang, db, clock, settings, dpo, templates, renderer, ct));
    }

    /// <summary>Both drafts of an incident in one language, as the API and the incident's page show them.</summary>
    public static async Task<DraftsView> DraftAsync(
        Incident incident, string lang, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, DpoContact dpo, TemplateStore templates,
        TemplateRenderer renderer, CancellationToken ct)
    {
        var controller = Controller(settings, dpo);
        var counts = await MeasureIncidentScope.HandleAsync(db, incident, ct);
        var set = await templates.LoadAsync(db, [IncidentDrafts.NoticeTemplate], ct);
        var notice = IncidentDrafts.Notice(incident, controller, set, renderer, lang);
        return new DraftsView(lang, IncidentDrafts.Authority(incident, counts, controller, lang, clock.GetUtcNow()), new NoticeView(notice.Subject, notice.Html, notice.Text));
    }

    /// <summary>E8: the breach register, every incident notified or not (art. 33(5)).</summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportAsync(
        string? format, HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        format ??= ProofFiles.Csv;
        if (ProofFiles.CheckFilters(format, null, null) is { } problem)
        {
            return Problems.Field(problem.Field, problem.Message);
        }

        var now = clock.GetUtcNow();
        var spec = new ExportArchive.Spec("E8 breach register", "incidents", "incidents.exported", null, new { format }, $"format={format}");
        return await ExportArchive.StreamAsync(http, db, clock, user, spec,
            [new($"incidents.{format}", (stream, token) => ProofFiles.WriteAsync(format, IncidentExport.StreamAsync(db, now, token), stream, token))], ct);
    }

    public static IncidentDrafts.Controller Controller(ResolvedSettings settings, DpoContact dpo) =>
        new(settings.Raw.Email.LegalName, settings.Raw.Email.LegalName, settings.Raw.Email.PostalAddress, dpo);

    public static IncidentView ToView(Incident i, DateTimeOffset now) => new(
        i.Id, i.Title, i.Description, i.AwareAt, IncidentRules.DeadlineAt(i.AwareAt), IncidentRules.Code(IncidentRules.State(i, now)),
        IncidentRules.Remaining(i, now) is { } left ? (long)Math.Floor(left.TotalSeconds) : null,
        i.ScopeKind, i.ScopeKey, i.ScopeFrom, i.ScopeTo, i.DataCategories, i.SubjectCategories, i.LikelyConsequences, i.MeasuresTaken, i.HighRisk,
        i.NotifiedAt, i.AuthorityReference, i.LateReason, i.NotRequiredReason, i.SubjectsInformedAt, i.CreatedBy, i.CreatedAt, i.UpdatedAt);

    public static ScopeView ToView(MeasureIncidentScope.ScopeCounts c, string lang) => new(
        c.Kind, c.Key, c.From, c.To, c.People, c.ErasedSince, c.Records,
        [.. c.Categories.Select(k => new CategoryView(k.Key, IncidentDrafts.CategoryName(k.Key, lang), k.Count))]);
}
