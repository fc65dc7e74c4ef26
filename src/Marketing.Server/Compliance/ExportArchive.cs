using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using System.Text.Json;
using Marketing.Access;
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
    public sealed record File(string Name, Func<Stream, CancellationToken, Task<long>> WriteAsync);
    /// <param name="AuditObjectType">The kind of <paramref name="AuditTarget"/> when the action's family does not name it (<c>person</c>).</param>
    public sealed record Spec(string Export, string BaseName, string AuditAction, string? AuditTarget, object Filters, string AuditDetail, string? AuditObjectType = null);

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<EmptyHttpResult> StreamAsync(
        HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, Spec spec, IReadOnlyList<File> files, CancellationToken ct)
    {
        var generatedAt = clock.GetUtcNow();
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{spec.BaseName}-{generatedAt:yyyyMMdd-HHmmss}.zip\"";
        // ZipArchive finishes its central directory synchronously; the body is still streamed as written.
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;

        var written = new List<(string Name, long Rows, string Sha256)>();
        var outcome = "aborted";
        try
        {
            using (var zip = new ZipArchive(http.Response.Body, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var file in files)
                {
                    await using var entry = zip.CreateEntry(file.Name, CompressionLevel.Fastest).Open();
                    await using var hashing = new HashingStream(entry);
                    var rows = await file.WriteAsync(hashing, ct);
                    await hashing.FlushAsync(ct);
                    written.Add((file.Name, rows, hashing.Sha256()));
                }

                var manifest = new
                {
                    export = spec.Export,
                    generatedAt,
                    generatedBy = user.Actor(),
                    filters = spec.Filters,
                    rowCount = written.FirstOrDefault().Rows,
                    files = written.Select(w => new { name = w.Name, rows = w.Rows, sha256 = w.Sha256 }),
                };
                await using var manifestStream = zip.CreateEntry("manifest.json", CompressionLevel.Fastest).Open();
                await JsonSerializer.SerializeAsync(manifestStream, manifest, ManifestJson, ct);
            }

            outcome = "completed";
        }
        finally
        {
            var first = written.FirstOrDefault();
            await RecordAudit.HandleAsync(db, clock, user.Actor(), spec.AuditAction, spec.AuditTarget,
                string.Create(CultureInfo.InvariantCulture, $"{outcome} rows={first.Rows} sha256={first.Sha256} {spec.AuditDetail}"), spec.AuditObjectType, CancellationToken.None);
        }

        return TypedResults.Empty;
    }
}
