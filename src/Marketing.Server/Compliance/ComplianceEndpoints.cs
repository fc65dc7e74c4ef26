using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using System.Text.Json;
using Marketing.Access;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Compliance;

/// <summary>For the DPO: verify the ledger, and export proof of consent (E1).</summary>
public static class ComplianceEndpoints
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static RouteGroupBuilder MapComplianceAdmin(this RouteGroupBuilder admin)
    {
        var compliance = admin.MapGroup("/compliance").WithTags("Compliance").RequireAuthorization(AccessPolicies.Compliance);
        compliance.MapGet("/ledger/verify", VerifyAsync).WithName("VerifyLedger");
        compliance.MapGet("/consent-proof", ExportAsync).WithName("ExportConsentProof");
        admin.MapGet("/people/{personId:guid}/consent-proof", (Guid personId, string? format, HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportAsync(format, personId, null, null, null, null, http, db, clock, user, ct))
            .WithTags("Compliance").WithName("ExportPersonConsentProof").RequireAuthorization(AccessPolicies.Compliance);
        return admin;
    }

    private static async Task<Ok<LedgerVerification>> VerifyAsync(MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await VerifyLedger.HandleAsync(db, ct);
        db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "ledger.verified", null, result.Summary));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(result);
    }

    /// <summary>
    /// Streams a ZIP: the proof file (CSV or JSON) then a manifest with the filters, the row count and the
    /// file's SHA-256. Rows go out as they are read, so memory stays flat for any number of events.
    /// </summary>
    private static async Task<IResult> ExportAsync(
        string? format, Guid? personId, DateTimeOffset? from, DateTimeOffset? to, string? formId, string? purpose,
        HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        format ??= ProofFiles.Csv;
        if (format is not (ProofFiles.Csv or ProofFiles.Json))
        {
            return Problems.Field("format", "must be csv or json");
        }

        if (from is { } f && to is { } t && t <= f)
        {
            return Problems.Field("to", "must be after from");
        }

        var filter = new ProofFilter(personId, from, to, formId, purpose);
        var generatedAt = clock.GetUtcNow();
        var name = $"consent-proof-{generatedAt:yyyyMMdd-HHmmss}";
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.zip\"";
        // ZipArchive finishes its central directory synchronously; the body is still streamed as written.
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;

        long rows = 0;
        string sha256 = "", outcome = "aborted";
        try
        {
            using (var zip = new ZipArchive(http.Response.Body, ZipArchiveMode.Create, leaveOpen: true))
            {
                var fileName = $"consent-proof.{format}";
                await using (var entry = zip.CreateEntry(fileName, CompressionLevel.Fastest).Open())
                await using (var hashing = new HashingStream(entry))
                {
                    rows = await ProofFiles.WriteAsync(format, ConsentProof.StreamAsync(db, filter, ct), hashing, ct);
                    await hashing.FlushAsync(ct);
                    sha256 = hashing.Sha256();
                }

                var manifest = new
                {
                    export = "E1 proof of consent",
                    generatedAt,
                    generatedBy = user.Actor(),
                    filters = new { personId, from, to, formId, purpose, format },
                    rowCount = rows,
                    files = new[] { new { name = fileName, rows, sha256 } },
                };
                await using var manifestStream = zip.CreateEntry("manifest.json", CompressionLevel.Fastest).Open();
                await JsonSerializer.SerializeAsync(manifestStream, manifest, ManifestJson, ct);
            }

            outcome = "completed";
        }
        finally
        {
            // Every export is audited, also one the client broke off: who took which personal data, and how much.
            db.AuditEntries.Add(AuditEntry.Create(clock, user.Actor(), "consent_proof.exported", personId?.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"{outcome} format={format} rows={rows} sha256={sha256} from={from:O} to={to:O} form={formId} purpose={purpose}")));
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return Results.Empty;
    }
}
