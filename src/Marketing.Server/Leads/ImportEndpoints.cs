using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Hangfire;
using Marketing.Common;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Access;
using Marketing.Server.Compliance;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Leads;

/// <summary>
/// Contact imports through the admin API (R51, E10): the file is kept in the data directory and read by a job, so the
/// upload returns at once with the batch to watch; the same use case as the CLI and the web page.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>Room for the provenance field and the form's boundaries beside the largest file.</summary>
    public const long MultipartOverheadBytes = 1_000_000;

    public sealed record ImportView(Guid Id, string Status, string SourceOrganisation, string? ContractReference, DateTimeOffset? CollectedFrom,
        DateTimeOffset? CollectedTo, IReadOnlyList<string> CollectionUrls, string? ConsentWordingSha256, IReadOnlyList<string> PartnersShown,
        IReadOnlyList<string> Channels, IReadOnlyList<string> Purposes, string? ProofLocation, bool HasConsentProof, string? FileName, long LinesDone,
        long RowsRead, long Created, long Merged, long Suppressed, long Refused, IReadOnlyList<RefusedLine> RefusedLines, string CreatedBy,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt, bool Resumable);

    public sealed record ImportSummary(Guid Id, string Status, string SourceOrganisation, string? FileName, bool HasConsentProof, long RowsRead,
        long Created, long Merged, long Suppressed, long Refused, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

    public static RouteGroupBuilder MapImportsAdmin(this RouteGroupBuilder admin)
    {
        var imports = admin.MapGroup("/imports").WithTags("Imports");
        // ADR 0021: the upload is streamed to the data directory within its own limit; the rest of the API keeps the small one.
        var limits = ((IEndpointRouteBuilder)admin).ServiceProvider.GetRequiredService<ResolvedSettings>().Raw.Imports;
        imports.MapPost("/", StartAsync).WithName("StartImport").RequireAuthorization(AccessPolicies.Marketing)
            .AcceptsBody("multipart/form-data").WithBodySizeLimit(limits.MaxUploadBytes + MultipartOverheadBytes)
            .WithMetadata(new AcceptsFilesAttribute(), new StreamsBodyAttribute());
        imports.MapGet("/", ListAsync).WithName("ListImports").RequireAuthorization(AccessPolicies.Marketing);
        imports.MapGet("/{id:guid}", GetAsync).WithName("GetImport").RequireAuthorization(AccessPolicies.Marketing);
        imports.MapPost("/{id:guid}/resume", ResumeAsync).WithName("ResumeImport").RequireAuthorization(AccessPolicies.Marketing);
        imports.MapGet("/{id:guid}/report", ReportAsync).WithName("ExportImportReport").RequireAuthorization(AccessPolicies.Marketing);
        return admin;
    }

    private static async Task<Results<Accepted<ImportView>, ValidationProblem, ProblemHttpResult>> StartAsync(
        HttpRequest request, MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, IBackgroundJobClient jobs, ClaimsPrincipal user, CancellationToken ct)
    {
        var (upload, problem) = await ImportUpload.ReadAsync(request, ImportFiles.DirectoryOf(settings), settings.Raw.Imports.MaxUploadBytes, ct);
        if (upload is null)
        {
            return problem switch
            {
                ValidationProblem field => field,
                ProblemHttpResult other => other,
                _ => throw new InvalidOperationException($"an upload's refusal is a problem, not {problem?.GetType().Name}"),
            };
        }

        await using (upload)
        {
            if (upload.FileName is null || upload.FileBytes == 0)
            {
                return Problems.Field("file", "attach the CSV file as the form field 'file'");
            }

            ImportContacts.Meta? meta;
            try
            {
                meta = upload.Fields.GetValueOrDefault("batch") is { Length: > 0 } json ? JsonSerializer.Deserialize<ImportContacts.Meta>(json, JsonSerializerOptions.Web) : null;
            }
            catch (JsonException e)
            {
                return Problems.Field(e.Path is { Length: > 1 } at ? $"batch{at[1..]}" : "batch", "is not the batch's provenance as JSON (sourceOrganisation, contractReference, …)");
            }

            var started = await ImportUploads.AcceptAsync(db, clock, settings, jobs, upload, meta ?? new ImportContacts.Meta(null), user.Actor(), ct);
            if (started.Refusal is Refusal.Invalid invalid)
            {
                return Problems.Invalid(invalid);
            }

            var batch = started.Value;
            return TypedResults.Accepted($"/api/admin/imports/{batch.Id}", ToView(batch, settings));
        }
    }

    private static async Task<Ok<List<ImportSummary>>> ListAsync(MarketingDbContext db, CancellationToken ct)
    {
        var batches = await ReadImports.ListAsync(db, ct);
        return TypedResults.Ok(batches.Select(b => new ImportSummary(b.Id, b.Status, b.SourceOrganisation, b.FileName, b.HasConsentProof, b.RowsRead,
            b.Created, b.Merged, b.Suppressed, b.Refused, b.CreatedAt, b.CompletedAt)).ToList());
    }

    private static async Task<Results<Ok<ImportView>, NotFound>> GetAsync(Guid id, MarketingDbContext db, ResolvedSettings settings, CancellationToken ct) =>
        await ReadImports.OneAsync(db, id, ct) is { } batch
            ? TypedResults.Ok(ToView(batch, settings))
            : TypedResults.NotFound();

    /// <summary>A batch that stopped (a crash, a stopped server) goes on from its checkpoint: its file is still kept under its id.</summary>
    private static async Task<Results<Accepted<ImportView>, NotFound, ProblemHttpResult>> ResumeAsync(
        Guid id, MarketingDbContext db, ResolvedSettings settings, IBackgroundJobClient jobs, CancellationToken ct)
    {
        if (await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) is not { } batch)
        {
            return TypedResults.NotFound();
        }

        if (batch.Status == ImportStatuses.Completed)
        {
            return Problems.Conflict(new Refusal.Conflict("The import is already complete.", "A completed batch has nothing left to read."));
        }

        if (!File.Exists(ImportFiles.PathOf(settings, id)))
        {
            return Problems.Conflict(new Refusal.Conflict("The import's file is not kept here.",
                "Resume it with the same file: marketing contacts import FILE --resume " + id.ToString()));
        }

        jobs.Enqueue<RunImportsJob>(job => job.RunAsync(CancellationToken.None));
        return TypedResults.Accepted($"/api/admin/imports/{id}", ToView(batch, settings));
    }

    /// <summary>E10: the batch's provenance and report as a ZIP of CSV (formula-safe) or JSON, audited like every export.</summary>
    internal static async Task<Results<EmptyHttpResult, NotFound, ValidationProblem>> ReportAsync(
        Guid id, string? format, HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        format ??= ProofFiles.Csv;
        if (ExportArchive.CheckFilters(format, null, null) is { } problem)
        {
            return problem;
        }

        if (await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) is not { } batch)
        {
            return TypedResults.NotFound();
        }

        var spec = new ExportArchive.Spec("E10 import provenance", $"import-{id:N}", "import.exported", id.ToString(), new { batchId = id, format },
            string.Create(CultureInfo.InvariantCulture, $"format={format} status={batch.Status}"));
        return await ExportArchive.StreamAsync(http, db, clock, user, spec,
        [
            new($"import.{format}", (stream, token) => ProofFiles.WriteAsync(format, ImportReport.BatchAsync(db, batch, token), stream, token)),
            new($"refused-lines.{format}", (stream, token) => ProofFiles.WriteAsync(format, ImportReport.RefusedAsync(batch, token), stream, token)),
        ], ct);
    }

    private static ImportView ToView(ImportBatch b, ResolvedSettings settings) => new(
        b.Id, b.Status, b.SourceOrganisation, b.ContractReference, b.CollectedFrom, b.CollectedTo, b.CollectionUrls, b.ConsentWordingSha256, b.PartnersShown,
        b.Channels, b.Purposes, b.ProofLocation, b.HasConsentProof, b.FileName, b.LinesDone, b.RowsRead, b.Created, b.Merged, b.Suppressed, b.Refused,
        b.RefusedLines, b.CreatedBy, b.CreatedAt, b.UpdatedAt, b.CompletedAt,
        b.Status != ImportStatuses.Completed && File.Exists(ImportFiles.PathOf(settings, b.Id)));
}
