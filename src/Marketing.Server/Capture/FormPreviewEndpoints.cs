using System.Net;
using System.Text.Json;
using Marketing.Capture;
using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Server.Sites;
using Marketing.Server.Web;
using Marketing.Server.Sites.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketing.Server.Capture;

/// <summary>
/// The form designer's preview: the widget itself (widgets/form.js) rendering a draft, in a document the designer frames
/// in a sandbox (scripts, no origin: it reaches neither the session nor the app). The draft travels inside the document
/// as data; its submissions go to a sink that answers like the engine and records nothing.
/// </summary>
public static class FormPreviewEndpoints
{
    public const string SinkPath = "/form-preview/submissions";

    /// <summary>The widget and its stylesheet from the engine, the sink, nothing else; framed only by the app.</summary>
    public const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'none'; connect-src 'self'; img-src 'self'; form-action 'none'; " +
        "frame-ancestors 'self'; base-uri 'none'";

    public sealed record SinkView(string Message, string? RedirectUrl);

    public static string PreviewPath(string siteId, string formId) => $"/sites/{Uri.EscapeDataString(siteId)}/forms/{Uri.EscapeDataString(formId)}/preview";

    public static IEndpointRouteBuilder MapFormPreview(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sites/{siteId}/forms/{formId}/preview", PreviewAsync)
            .WithTags("Web").WithName("PreviewFormDraft").RequireAuthorization(WebPolicies.Marketing).ExcludeFromDescription()
            .WithMetadata(new FollowedInABrowser());
        // The designer's unsaved fields, as the widget would get them: the live preview renders them without a save.
        app.MapPost("/sites/{siteId}/forms/{formId}/preview", UnsavedAsync)
            .WithTags("Web").WithName("PreviewUnsavedFormDraft").RequireAuthorization(WebPolicies.Marketing).ExcludeFromDescription();
        // Anonymous: the sandboxed preview has no origin and sends no cookie; it learns nothing and changes nothing.
        app.MapPost(SinkPath, Sink).WithTags("Web").WithName("PreviewFormSubmission").ExcludeFromDescription()
            .AcceptsBody("application/json");
        app.MapMethods(SinkPath, [HttpMethods.Options], SinkPreflight).WithTags("Web").WithName("PreviewFormSubmissionPreflight").ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<ContentHttpResult, NotFound>> PreviewAsync(
        string siteId, string formId, string? locale, HttpContext http, MarketingDbContext db, CancellationToken ct)
    {
        var preview = await PreviewForm.HandleAsync(db, formId, locale, ct);
        if (preview is null || await ReadFormDesign.SiteOfAsync(db, formId, ct) != siteId)
        {
            return TypedResults.NotFound();
        }

        var texts = Language(http).Pick(SitesTexts.English, SitesTexts.French);
        var definition = ViewOf(preview, http);
        // The default encoder escapes < and >: the data cannot close its element.
        var json = JsonSerializer.Serialize(definition, JsonSerializerOptions.Web);
        var html = $"""
            <!DOCTYPE html>
            <html lang="{Encode(preview.Locale)}">
            <head><meta charset="utf-8"><meta name="robots" content="noindex"><title>{Encode(texts.PreviewFrame)}</title>
            <link rel="icon" href="/web/icon.svg" type="image/svg+xml">
            </head>
            <body>
            <main id="preview" aria-label="{Encode($"{texts.PreviewFrame} ({preview.Locale})")}"><h1>{Encode(preview.Name)}</h1></main>
            <noscript><p>{Encode(texts.PreviewNeedsScript)}</p></noscript>
            <script type="application/json" id="mkt-definition">{json}</script>
            <script src="/widgets/form.js" data-site="{Encode(siteId)}" data-form="{Encode(formId)}" data-target="preview" data-definition="mkt-definition"></script>
            <script src="/web/form-preview.js"></script>
            </body>
            </html>
            """;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XFrameOptions = "SAMEORIGIN";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>
    /// The designer's form as posted (antiforgery checked by the framework: the form is bound), read as a save would read it and shown as the
    /// widget would show it; nothing is checked or stored: the preview shows what is typed, saving and publishing judge it.
    /// </summary>
    private static async Task<Results<Ok<CaptureEndpoints.FormRenderView>, NotFound>> UnsavedAsync(
        string siteId, string formId, string? locale, [FromForm] IFormCollection form, HttpContext http, MarketingDbContext db, CancellationToken ct)
    {
        if (await ReadFormDesign.SiteOfAsync(db, formId, ct) != siteId)
        {
            return TypedResults.NotFound();
        }

        var preview = await PreviewForm.OfAsync(db, formId, DesignInput.Of(form).ToDefinition(), locale, ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(ViewOf(preview, http));
    }

    private static CaptureEndpoints.FormRenderView ViewOf(PreviewForm.Preview preview, HttpContext http) =>
        new(
            preview.FormId, 0, preview.Locale, preview.Name,
            [.. preview.Fields.Select(f => new CaptureEndpoints.FieldView(f.Name, f.Type, f.Label, f.Required, f.MaxLength, f.Options))],
            [.. preview.Consents.Select(c => new CaptureEndpoints.ConsentView(c.Purpose, c.Channel, c.Text ?? $"[{c.Purpose}]", 0, "", c.DoubleOptIn))],
            new CaptureEndpoints.PrivacyView(preview.PrivacyUrl ?? "#", 0),
            new CaptureEndpoints.SuccessView(preview.SuccessMessage, null),
            "preview",
            $"{SinkPath}?locale={Language(http).Code}",
            CaptureEndpoints.HoneypotName,
            CaptureTexts.For(preview.Locale),
            preview.Theme);

    private static Ok<SinkView> Sink(string? locale, HttpContext http)
    {
        Open(http);
        var texts = locale == UiLanguage.French ? SitesTexts.French : SitesTexts.English;
        return TypedResults.Ok(new SinkView(texts.PreviewNothingRecorded, null));
    }

    private static NoContent SinkPreflight(HttpContext http)
    {
        Open(http);
        http.Response.Headers.AccessControlAllowMethods = "POST";
        http.Response.Headers.AccessControlAllowHeaders = "Content-Type";
        return TypedResults.NoContent();
    }

    // The preview's origin is opaque ("null"): any origin may call what records nothing, without credentials.
    private static void Open(HttpContext http) => http.Response.Headers.AccessControlAllowOrigin = "*";

    private static UiLanguage Language(HttpContext http) => http.RequestServices.GetRequiredService<UiLanguage>();

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private sealed class FollowedInABrowser : Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata;
}
