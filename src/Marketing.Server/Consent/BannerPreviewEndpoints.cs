using System.Net;
using System.Text.Json;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Web;
using Marketing.Server.Web.Forms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Marketing.Server.Consent;

/// <summary>
/// The designer's live preview: a page that runs the real banner widget (<c>/widgets/consent.js</c>, as sites load it)
/// over the draft. The designer frames it in a sandbox without its origin; <c>web/banner-preview.js</c> hands the widget
/// the draft instead of the published configuration and answers its records itself, so a preview records nothing.
/// </summary>
public static class BannerPreviewEndpoints
{
    public static string PathOf(string siteId, string locale) => $"/banners/{Uri.EscapeDataString(siteId)}/preview?locale={Uri.EscapeDataString(locale)}";

    // Framed in a page that has its main landmark: a region here, not a second main.
    // The widget's own page: its scripts only, framed by the app alone, no form, no connection (the shim answers the widget).
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; form-action 'none'; " +
        "frame-ancestors 'self'; base-uri 'none'; object-src 'none'";

    // HTML attribute text: the default encoder escapes < > & ' and ", so nothing in a draft can close the attribute.
    private static readonly JsonSerializerOptions AttributeJson = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapBannerPreview(this IEndpointRouteBuilder app)
    {
        app.MapGet("/banners/{siteId}/preview", PreviewAsync)
            .WithTags("Web").WithName("PreviewBanner").RequireAuthorization(WebPolicies.Marketing).ExcludeFromDescription();
        // What a designer's entry form holds before it is saved, as the widget's configuration: the live preview.
        app.MapPost("/banners/{siteId}/preview", UnsavedAsync)
            .WithTags("Web").WithName("PreviewUnsavedBanner").RequireAuthorization(WebPolicies.Marketing).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<ContentHttpResult, NotFound>> PreviewAsync(string siteId, string? locale, HttpContext http, MarketingDbContext db, UiLanguage language, CancellationToken ct)
    {
        var designer = await ReadBannerDesigner.SiteAsync(db, siteId, ct);
        if (designer?.Banner is not { } banner)
        {
            return TypedResults.NotFound();
        }

        var preview = PreviewBanner.Of(siteId, banner.Draft);
        var shown = preview.LocaleFor(locale);
        var config = JsonSerializer.Serialize(CookieConsentEndpoints.ConfigOf(siteId, PreviewBanner.PreviewVersion, "preview", preview, shown), AttributeJson);
        var t = language.Pick(BannerDesignerTexts.English, BannerDesignerTexts.French);
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XFrameOptions = "SAMEORIGIN";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        var html = $"""
            <!DOCTYPE html>
            <html lang="{Attr(shown)}" data-mkt-preview="{Attr(config)}">
            <head><meta charset="utf-8"><meta name="robots" content="noindex"><title>{Enc(t.PreviewPageTitle)}</title>
            <script src="/web/banner-preview.js"></script></head>
            <body><section aria-labelledby="preview-title"><h1 id="preview-title">{Enc(t.PreviewPageTitle)}</h1><p>{Enc(t.PreviewPageBody)}</p>
            <p><button type="button" data-consent-open>{Enc(t.PreviewReopen)}</button></p></section>
            <script src="{WidgetPath}" data-site="{Attr(siteId)}"></script></body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>
    /// One entry form of the designer as posted (antiforgery checked by the framework: the form is bound), applied to the
    /// stored draft as its save would apply it, and nothing stored: the configuration the frame's widget runs again over.
    /// </summary>
    private static async Task<Results<JsonHttpResult<CookieConsentEndpoints.BannerView>, NotFound>> UnsavedAsync(
        string siteId, string? locale, [FromForm] IFormCollection form, HttpContext http, MarketingDbContext db, CancellationToken ct)
    {
        var designer = await ReadBannerDesigner.SiteAsync(db, siteId, ct);
        if (designer?.Banner is not { } banner)
        {
            return TypedResults.NotFound();
        }

        var draft = BannerDesignerPosts.Unsaved(banner.Draft, form["_handler"].ToString(), new PostedForm(form)) ?? banner.Draft;
        var preview = PreviewBanner.Of(siteId, draft);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(CookieConsentEndpoints.ConfigOf(siteId, PreviewBanner.PreviewVersion, "preview", preview, preview.LocaleFor(locale)), AttributeJson);
    }

    /// <summary>Where sites load the banner today; the preview runs the same file.</summary>
    private const string WidgetPath = "/widgets/consent.js";

    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    private static string Attr(string text) => WebUtility.HtmlEncode(text);
}
