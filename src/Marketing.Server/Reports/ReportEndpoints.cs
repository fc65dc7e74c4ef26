using System.Text;
using Marketing.Common;
using Marketing.Data;
using Marketing.Reports;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Reports;

/// <summary>
/// Reports (issue 18 item 6): a sequence's steps, a form's submissions and confirmations per day, a purpose's consents
/// per day, as JSON or CSV (<c>format=csv</c>), for marketers and admins; the web app's CSV links are the same files.
/// The send list with the basis used (E2) stays the compliance export (<c>/api/admin/compliance/send-list</c>).
/// </summary>
public static class ReportEndpoints
{
    public const string WebPath = "/reports";
    public const string Csv = "csv";

    public static RouteGroupBuilder MapReportsAdmin(this RouteGroupBuilder admin)
    {
        var reports = admin.MapGroup("/reports").WithTags("Reports").RequireAuthorization(AccessPolicies.Marketing);
        reports.MapGet("/sequences/{key}", SequenceAsync).WithName("ReportSequence").Produces(StatusCodes.Status200OK, contentType: "text/csv");
        reports.MapGet("/forms/{id}", FormAsync).WithName("ReportForm").Produces(StatusCodes.Status200OK, contentType: "text/csv");
        reports.MapGet("/purposes/{key}", PurposeAsync).WithName("ReportPurpose").Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return admin;
    }

    /// <summary>The pages' CSV downloads, for a signed-in marketer or admin (an API key never reaches them).</summary>
    public static IEndpointRouteBuilder MapWebReportFiles(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup(WebPath).WithTags("Web").RequireAuthorization(Web.WebPolicies.Marketing).ExcludeFromDescription()
            .WithMetadata(new FollowedInABrowser());
        files.MapGet("/sequences/{key}/csv", (string key, MarketingDbContext db, CancellationToken ct) => SequenceAsync(key, Csv, db, ct))
            .WithName("DownloadSequenceReport");
        files.MapGet("/forms/{id}/csv", (string id, string? from, string? to, MarketingDbContext db, TimeProvider clock, CancellationToken ct) =>
            FormAsync(id, from, to, Csv, db, clock, ct)).WithName("DownloadFormReport");
        files.MapGet("/purposes/{key}/csv", (string key, string? from, string? to, MarketingDbContext db, TimeProvider clock, CancellationToken ct) =>
            PurposeAsync(key, from, to, Csv, db, clock, ct)).WithName("DownloadPurposeReport");
        return app;
    }

    public static string SequenceFile(string key) => $"{WebPath}/sequences/{Uri.EscapeDataString(key)}/csv";

    public static string FormFile(string id, ReportRules.Period period) => $"{WebPath}/forms/{Uri.EscapeDataString(id)}/csv{Query(period)}";

    public static string PurposeFile(string key, ReportRules.Period period) => $"{WebPath}/purposes/{Uri.EscapeDataString(key)}/csv{Query(period)}";

    private static string Query(ReportRules.Period period) => $"?from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}";

    private sealed class FollowedInABrowser : Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata;

    private static async Task<Results<Ok<ReadSequenceReport.Report>, FileContentHttpResult, NotFound, ValidationProblem>> SequenceAsync(
        string key, string? format, MarketingDbContext db, CancellationToken ct)
    {
        if (CheckFormat(format) is { } problem)
        {
            return problem;
        }

        if (await ReadSequenceReport.HandleAsync(db, key, ct) is not { } report)
        {
            return TypedResults.NotFound();
        }

        return format == Csv ? File(ExportReport.Sequence(report), $"sequence-{key}") : TypedResults.Ok(report);
    }

    private static Task<Results<Ok<ReadFormReport.Report>, FileContentHttpResult, NotFound, ValidationProblem>> FormAsync(
        string id, string? from, string? to, string? format, MarketingDbContext db, TimeProvider clock, CancellationToken ct) =>
        OverPeriodAsync(from, to, format, clock, period => ReadFormReport.HandleAsync(db, id, period, ct), ExportReport.Form, $"form-{id}");

    private static Task<Results<Ok<ReadPurposeReport.Report>, FileContentHttpResult, NotFound, ValidationProblem>> PurposeAsync(
        string key, string? from, string? to, string? format, MarketingDbContext db, TimeProvider clock, CancellationToken ct) =>
        OverPeriodAsync(from, to, format, clock, period => ReadPurposeReport.HandleAsync(db, key, Web.UiLanguage.English, period, ct), ExportReport.Purpose, $"purpose-{key}");

    /// <summary>A day-by-day report: the period and the format checked (each bad field named), then read, then JSON or CSV.</summary>
    private static async Task<Results<Ok<T>, FileContentHttpResult, NotFound, ValidationProblem>> OverPeriodAsync<T>(
        string? from, string? to, string? format, TimeProvider clock, Func<ReportRules.Period, Task<T?>> read, Func<T, string> csv, string name)
        where T : class
    {
        var period = ReportRules.ParsePeriod(from, to, clock.GetUtcNow());
        if (CheckFormat(format) is { } problem)
        {
            return problem;
        }

        if (period.Refusal is Refusal.Invalid invalid)
        {
            return Problems.Invalid(invalid);
        }

        if (await read(period.Value) is not { } report)
        {
            return TypedResults.NotFound();
        }

        return format == Csv ? File(csv(report), name) : TypedResults.Ok(report);
    }

    private static ValidationProblem? CheckFormat(string? format) =>
        format is null or "json" or Csv ? null : Problems.Field("format", "must be json or csv");

    /// <summary>The file's name keeps only letters, digits, '-' and '_' of the key.</summary>
    private static FileContentHttpResult File(string csv, string name) =>
        TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8",
            new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]) + ".csv");
}
