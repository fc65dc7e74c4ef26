using System.Globalization;
using System.Security.Claims;
using Marketing.Access;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Compliance;
using Marketing.Server.Hosting;
using Marketing.Server.Web.Forms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Access;

/// <summary>
/// The audit trail for admin, compliance and the DPO (R49, R46): a search by actor, action, object and period, and its
/// export (E9) as a streamed archive of formula-safe CSV or JSON with a manifest. A marketer's key or session never
/// reaches it.
/// </summary>
public static class AuditEndpoints
{
    public sealed record AuditPage(IReadOnlyList<ReadAuditLog.Row> Entries, int Page, bool HasNext);

    /// <summary>The compliance page's download of the audit log (E9), for a signed-in admin, compliance user or DPO.</summary>
    public const string WebExportPath = "/compliance/audit-log";

    public const string ExportedAction = "audit_log.exported";

    public static RouteGroupBuilder MapAuditAdmin(this RouteGroupBuilder admin)
    {
        var audit = admin.MapGroup("/audit").WithTags("Audit").RequireAuthorization(AccessPolicies.Compliance);
        audit.MapGet("/", SearchAsync).WithName("SearchAuditLog");
        audit.MapGet("/export", ExportAsync).WithName("ExportAuditLog").Produces(StatusCodes.Status200OK, contentType: "application/zip");
        return admin;
    }

    public static IEndpointRouteBuilder MapWebAuditExport(this IEndpointRouteBuilder app)
    {
        // A form's empty field is no filter.
        app.MapGet(WebExportPath, (string? format, string? action, string? actor, string? @object, DateTimeOffset? from, DateTimeOffset? to,
                HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ExportAsync(FormText.Blank(format), FormText.Blank(action), FormText.Blank(actor), FormText.Blank(@object), from, to, http, db, clock, user, ct))
            .WithTags("Web").WithName("DownloadAuditLog").RequireAuthorization(Web.WebPolicies.Compliance).ExcludeFromDescription()
            .WithMetadata(new FollowedInABrowser());
        return app;
    }

    private sealed class FollowedInABrowser : Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata;

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> SearchAsync(
        string? action, string? actor, string? @object, DateTimeOffset? from, DateTimeOffset? to, int? page, MarketingDbContext db, CancellationToken ct)
    {
        var result = await ReadAuditLog.HandleAsync(db, new ReadAuditLog.Filter(action, actor, @object, from, to), page ?? 1, ct);
        if (result.Problems.Count > 0)
        {
            return Problems.Fields(result.Problems.ToDictionary(p => p.Key, p => new[] { p.Value }));
        }

        return TypedResults.Ok(new AuditPage(
            [.. result.Entries.Select(a => new ReadAuditLog.Row(a.Id, a.At, a.Actor, a.Role, a.Action, a.ObjectType, a.Target, a.Source, a.Detail))],
            result.Page, result.HasNext));
    }

    /// <summary>E9: the entries the search finds, oldest first, streamed; the export is itself an entry of the log.</summary>
    private static async Task<Results<EmptyHttpResult, ValidationProblem>> ExportAsync(
        string? format, string? action, string? actor, string? @object, DateTimeOffset? from, DateTimeOffset? to,
        HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        format ??= ProofFiles.Csv;
        var filter = new ReadAuditLog.Filter(action, actor, @object, from, to);
        var problems = ReadAuditLog.Check(filter);
        if (ProofFiles.CheckFilters(format, from, to) is { Field: "format" } bad)
        {
            problems[bad.Field] = bad.Message;
        }

        if (problems.Count > 0)
        {
            return Problems.Fields(problems.ToDictionary(p => p.Key, p => new[] { p.Value }));
        }

        var spec = new ExportArchive.Spec("E9 audit log", "audit-log", ExportedAction, null,
            new { action, actor, @object, from, to, format },
            string.Create(CultureInfo.InvariantCulture, $"format={format} action={action} actor={actor} object={@object} from={from:O} to={to:O}"));
        return await ExportArchive.StreamAsync(http, db, clock, user, spec,
            [new($"audit-log.{format}", (stream, token) => ProofFiles.WriteAsync(format, ReadAuditLog.StreamAsync(db, filter, token), stream, token))], ct);
    }
}
