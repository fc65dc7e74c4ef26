using System.Security.Claims;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Hosting;
using Marketing.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketing.Server.Leads;

/// <summary>
/// The imports pages' live parts: a batch's progress as JSON for the page's module, and the E10 report under the
/// session (the same export as the API's). Marketing roles only, as the API; neither stores anything but the export's audit.
/// </summary>
public static class ImportPageEndpoints
{
    /// <param name="Text">The progress in the reader's language, as the page's live region says it.</param>
    public sealed record StatusView(string Status, string StatusName, long Value, long Max, string Text, long RowsRead, long Created, long Merged,
        long Suppressed, long Refused, bool Completed);

    public static string PagePath(Guid id) => $"/people/imports/{id}";

    public static IEndpointRouteBuilder MapImportPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/people/imports/{id:guid}/status", StatusAsync).WithTags("Web").WithName("ImportPageStatus")
            .RequireAuthorization(WebPolicies.Marketing).ExcludeFromDescription();
        app.MapGet("/people/imports/{id:guid}/report", (Guid id, string? format, HttpContext http, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
                ImportEndpoints.ReportAsync(id, format, http, db, clock, user, ct))
            .WithTags("Web").WithName("DownloadImportReport").RequireAuthorization(WebPolicies.Marketing).ExcludeFromDescription()
            // A link followed in a browser: signed out, it leads to the sign-in page.
            .WithMetadata(new FollowedInABrowser());
        return app;
    }

    private sealed class FollowedInABrowser : Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata;

    private static async Task<Results<Ok<StatusView>, NotFound>> StatusAsync(Guid id, MarketingDbContext db, ResolvedSettings settings, UiLanguage language,
        CancellationToken ct)
    {
        if (await ReadImports.OneAsync(db, id, ct) is not { } batch)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await ViewAsync(batch, settings, language.Pick(ImportsTexts.English, ImportsTexts.French), ct));
    }

    public static async Task<StatusView> ViewAsync(ImportBatch batch, ResolvedSettings settings, ImportsTexts t, CancellationToken ct)
    {
        var progress = await ImportProgress.OfAsync(batch, settings, ct);
        return new StatusView(batch.Status, t.StatusName(batch.Status), progress.Value, progress.Max,
            t.ProgressText(progress.Lines, progress.Completed ? null : progress.Total), batch.RowsRead, batch.Created, batch.Merged,
            batch.Suppressed, batch.Refused, progress.Completed);
    }
}
