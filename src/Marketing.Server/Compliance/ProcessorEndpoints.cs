using System.Globalization;
using System.Security.Claims;
using Marketing.Common;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Compliance;

/// <summary>
/// Processors and where they keep the data (R43, R44, E6), and the register of processing (R42, E3): read by every
/// compliance role, kept by an admin or the DPO. The rules are the Core use cases the web pages and the CLI also call.
/// </summary>
public static class ProcessorEndpoints
{
    public sealed record ProcessorView(
        string Key, string LegalName, string Role, string Service, List<string> DataCategories, List<string> StorageCountries, List<string> AccessCountries,
        string? TransferMechanism, string? TransferDocument, DateOnly DpaDate, string? DpaReference, string SubProcessorsUrl, bool DpfCertified,
        DateOnly? DpfVerifiedOn, bool DpfReviewDue, List<TransferView> Transfers, List<string> Channels, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record TransferView(string Country, string Standing, bool Covered);

    public sealed record RegisterEntryInput(string? DataSubjects, string? Recipients, string? SecurityMeasures, string? DpiaReference, string? Notes);

    public static RouteGroupBuilder MapProcessorsAdmin(this RouteGroupBuilder admin)
    {
        var processors = admin.MapGroup("/processors").WithTags("Compliance");
        processors.MapGet("/", ListAsync).WithName("ListProcessors").RequireAuthorization(AccessPolicies.Compliance);
        processors.MapGet("/{key}", GetAsync).WithName("GetProcessor").RequireAuthorization(AccessPolicies.Compliance);
        processors.MapPut("/{key}", PutAsync).WithName("PutProcessor").RequireAuthorization(AccessPolicies.AdminOrDpo);
        processors.MapDelete("/{key}", DeleteAsync).WithName("DeleteProcessor").RequireAuthorization(AccessPolicies.AdminOrDpo);
        var compliance = admin.MapGroup("/compliance").WithTags("Compliance");
        compliance.MapGet("/processors", ExportProcessorsAsync).WithName("ExportProcessors").RequireAuthorization(AccessPolicies.Compliance)
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        compliance.MapGet("/register", ExportRegisterAsync).WithName("ExportRegister").RequireAuthorization(AccessPolicies.Compliance)
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        compliance.MapPut("/register/{purposeKey}", PutRegisterEntryAsync).WithName("PutRegisterEntry").RequireAuthorization(AccessPolicies.AdminOrDpo);
        var notices = admin.MapGroup("/processor-notices").WithTags("Compliance");
        notices.MapGet("/", ListNoticesAsync).WithName("ListProcessorNotices").RequireAuthorization(AccessPolicies.Compliance);
        notices.MapPost("/{noticeId:guid}/acknowledge", AcknowledgeNoticeAsync).WithName("AcknowledgeProcessorNotice").RequireAuthorization(AccessPolicies.AdminOrDpo);
        return admin;
    }

    public sealed record NoticeView(Guid Id, Guid PersonId, string ProcessorKey, string ProcessorName, string Reason, Guid? ErasureId,
        DateTimeOffset CreatedAt, string Status, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);

    private static NoticeView ToView(ProcessorNotice n) =>
        new(n.Id, n.PersonId, n.ProcessorKey, n.ProcessorName, n.Reason, n.ErasureId, n.CreatedAt, n.Status, n.AcknowledgedAt, n.AcknowledgedBy);

    /// <summary>R35, R38: the pending notices, or every notice of one person.</summary>
    private static async Task<Ok<List<NoticeView>>> ListNoticesAsync(Guid? personId, MarketingDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await AcknowledgeProcessorNotice.ListAsync(db, personId, ct)).Select(ToView).ToList());

    private static async Task<Results<Ok<NoticeView>, NotFound>> AcknowledgeNoticeAsync(Guid noticeId, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await AcknowledgeProcessorNotice.HandleAsync(db, clock, noticeId, user.Actor(), ct);
        return outcome.Refusal is null ? TypedResults.Ok(ToView(outcome.Value)) : TypedResults.NotFound();
    }

    /// <summary>The web app's download of the register (E3), under the session's compliance policy.</summary>
    public const string WebRegisterPath = "/compliance/register/export";

    public static IEndpointRouteBuilder MapWebRegisterExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(WebRegisterPath, (string? lang, HttpContext http, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, DpoContact dpo, ClaimsPrincipal user, CancellationToken ct) =>
                ExportRegisterAsync(lang, http, db, clock, settings, dpo, user, ct))
            .WithTags("Web").WithName("DownloadRegister").RequireAuthorization(Web.WebPolicies.Compliance).ExcludeFromDescription()
            .WithMetadata(new ComplianceEndpoints.FollowedInABrowser());
        return app;
    }

    private static async Task<Ok<List<ProcessorView>>> ListAsync(MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, CancellationToken ct) =>
        TypedResults.Ok((await db.Processors.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct)).Select(p => ToView(p, settings, clock)).ToList());

    private static async Task<Results<Ok<ProcessorView>, NotFound>> GetAsync(string key, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, CancellationToken ct) =>
        await db.Processors.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key, ct) is { } processor ? TypedResults.Ok(ToView(processor, settings, clock)) : TypedResults.NotFound();

    private static async Task<Results<Created<ProcessorView>, Ok<ProcessorView>, ValidationProblem>> PutAsync(
        string key, ProcessorInput? request, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await SaveProcessor.HandleAsync(db, clock, settings.ChannelProcessors, key,
            request ?? new ProcessorInput(null, null, null, null, null, null, null, null, null, null, null, null, null), user.Actor(), ct);
        return outcome.Refusal switch
        {
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            { } other => throw Problems.Unmapped(other),
            _ when outcome.Value.Created => TypedResults.Created($"/api/admin/processors/{key}", ToView(outcome.Value.Processor, settings, clock)),
            _ => TypedResults.Ok(ToView(outcome.Value.Processor, settings, clock)),
        };
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        string key, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await RemoveProcessor.HandleAsync(db, clock, settings.ChannelProcessors, key, user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.NoContent(),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Conflict conflict => Problems.Conflict(conflict),
            var other => throw Problems.Unmapped(other),
        };
    }

    private static async Task<Results<Ok<RegisterEntry>, NotFound, ValidationProblem>> PutRegisterEntryAsync(
        string purposeKey, RegisterEntryInput? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var input = request ?? new RegisterEntryInput(null, null, null, null, null);
        var outcome = await SaveRegisterEntry.HandleAsync(db, clock, purposeKey,
            new SaveRegisterEntry.Input(input.DataSubjects, input.Recipients, input.SecurityMeasures, input.DpiaReference, input.Notes), user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(outcome.Value),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            var other => throw Problems.Unmapped(other),
        };
    }

    /// <summary>E6: the processors with their countries, transfers and channels, and the dated history of changes to the list (R43).</summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportProcessorsAsync(
        string? format, HttpContext http, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, ClaimsPrincipal user, CancellationToken ct)
    {
        format ??= ProofFiles.Csv;
        if (ExportArchive.CheckFilters(format, null, null) is { } problem)
        {
            return problem;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var spec = new ExportArchive.Spec("E6 processors and data locations", "processors", "processors.exported", null, new { format }, $"format={format}");
        return await ExportArchive.StreamAsync(http, db, clock, user, spec,
        [
            new($"processors.{format}", (stream, token) => ProofFiles.WriteAsync(format, ProcessorExport.StreamAsync(db, settings.ChannelProcessors, today, token), stream, token)),
            new($"processor-changes.{format}", (stream, token) => ProofFiles.WriteAsync(format, ProcessorExport.ChangesAsync(db, token), stream, token)),
        ], ct);
    }

    /// <summary>E3: the register of processing, one row per purpose, as CSV, JSON and a printable HTML page, in English or French (R42).</summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportRegisterAsync(
        string? lang, HttpContext http, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, DpoContact dpo, ClaimsPrincipal user, CancellationToken ct)
    {
        lang ??= "en";
        if (lang is not ("en" or "fr"))
        {
            return Problems.Field("lang", "must be en or fr");
        }

        var texts = RegisterTexts.For(lang);
        var rows = await BuildRegister.HandleAsync(db, RegisterContext(settings, dpo), texts, ct);
        var spec = new ExportArchive.Spec("E3 register of processing activities", "register", "register.exported", null, new { lang },
            string.Create(CultureInfo.InvariantCulture, $"lang={lang}"));
        return await ExportArchive.StreamAsync(http, db, clock, user, spec,
        [
            new("register.csv", (stream, token) => ProofFiles.WriteAsync(ProofFiles.Csv, RegisterFiles.Stream(rows), stream, token)),
            new("register.json", (stream, token) => ProofFiles.WriteAsync(ProofFiles.Json, RegisterFiles.Stream(rows), stream, token)),
            new("register.html", (stream, token) => RegisterFiles.WriteHtmlAsync(rows, texts, clock.GetUtcNow(), stream, token)),
        ], ct);
    }

    /// <summary>What the settings tell the register about the controller, its DPO and its channels.</summary>
    public static BuildRegister.Context RegisterContext(ResolvedSettings settings, DpoContact dpo) =>
        new(settings.Raw.Email.LegalName, settings.Raw.Email.PostalAddress, dpo, settings.ChannelProcessors);

    public static ProcessorView ToView(Processor p, ResolvedSettings settings, TimeProvider clock) => new(
        p.Key, p.LegalName, p.Role, p.Service, p.DataCategories, p.StorageCountries, p.AccessCountries, p.TransferMechanism, p.TransferDocument,
        p.DpaDate, p.DpaReference, p.SubProcessorsUrl, p.DpfCertified, p.DpfVerifiedOn,
        TransferRules.DpfReviewDue(p, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)),
        [.. TransferRules.TransfersOf(p).Select(t => new TransferView(t.Country, t.Standing.ToString().ToLowerInvariant(), t.Covered))],
        [.. settings.ChannelProcessors.Uses.Where(u => u.ProcessorKey == p.Key && u.On).Select(u => u.Channel)], p.CreatedAt, p.UpdatedAt);
}
