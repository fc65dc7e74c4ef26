using System.Globalization;
using System.Security.Claims;
using Marketing.Access;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Access;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Compliance;

/// <summary>
/// A compliance export as a streamed ZIP: its files, then a manifest with the filters, the row counts and each
/// file's SHA-256. Rows go out as they are read, so memory stays flat for any number of them, and every export,
/// finished or broken off, is written to the audit log: who took which personal data, and how much.
/// </summary>
public static class ExportArchive
{
    /// <summary>An export's format and period, refused with a 400 naming the field (<see cref="ProofFiles.CheckFilters"/>).</summary>
    public static ValidationProblem? CheckFilters(string format, DateTimeOffset? from, DateTimeOffset? to) =>
        ProofFiles.CheckFilters(format, from, to) is { } problem ? Hosting.Problems.Field(problem.Field, problem.Message) : null;

    public sealed record File(string Name, Func<Stream, CancellationToken, Task<long>> WriteAsync);
    /// <param name="AuditObjectType">The kind of <paramref name="AuditTarget"/> when the action's family does not name it (<c>person</c>).</param>
    public sealed record Spec(string Export, string BaseName, string AuditAction, string? AuditTarget, object Filters, string AuditDetail, string? AuditObjectType = null);

    public static async Task<EmptyHttpResult> StreamAsync(
        HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, Spec spec, IReadOnlyList<File> files, CancellationToken ct)
    {
        var generatedAt = clock.GetUtcNow();
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{spec.BaseName}-{generatedAt:yyyyMMdd-HHmmss}.zip\"";
        // ZipArchive finishes its central directory synchronously; the body is still streamed as written.
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;

        var written = new List<WrittenFile>();
        var outcome = "aborted";
        try
        {
            await ZipExport.WriteAsync(http.Response.Body, [.. files.Select(f => new ExportFile(f.Name, f.WriteAsync))], done => new
            {
                export = spec.Export,
                generatedAt,
                generatedBy = user.Actor(),
                filters = spec.Filters,
                rowCount = done.Count > 0 ? done[0].Rows : 0,
                files = done.Select(w => new { name = w.Name, rows = w.Rows, sha256 = w.Sha256 }),
            }, written, ct);
            outcome = "completed";
        }
        finally
        {
            var first = written.FirstOrDefault();
            await RecordAudit.HandleAsync(db, clock, user.Actor(), spec.AuditAction, spec.AuditTarget,
                string.Create(CultureInfo.InvariantCulture, $"{outcome} rows={first?.Rows ?? 0} sha256={first?.Sha256} {spec.AuditDetail}"), spec.AuditObjectType, CancellationToken.None);
        }

        return TypedResults.Empty;
    }
}
