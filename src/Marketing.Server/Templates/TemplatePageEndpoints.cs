using System.IO.Compression;
using System.Text.Json;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Access;
using Marketing.Server.Templates.Pages;
using Marketing.Server.Web;
using Marketing.Templates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketing.Server.Templates;

/// <summary>
/// The template editor's live parts (issue 16, page 6): the preview of a draft as JSON for the editor's module, and the
/// rendered email as its own document for the preview frame. Under the session (every role may preview, as with the
/// API's preview), never an API key; neither stores anything.
/// </summary>
public static class TemplatePageEndpoints
{
    /// <summary>Longer frame addresses are not made: a request line has a limit, and the text part still shows.</summary>
    private const int FrameAddressLimit = 6000;

    /// <summary>
    /// The frame's own document policy: the email's inline styles are its design, but no script in it runs (no
    /// script-src: default-src 'none'), it posts nowhere, and only the editor frames it. Not a sandbox: a sandboxed frame
    /// gives the browser's automation (axe in the tests) no context to check it in.
    /// </summary>
    public const string FramePolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; font-src https: data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

    /// <summary>A draft as the editor's form posts it (<c>Input.*</c> fields).</summary>
    public sealed class Draft
    {
        public string? Channel { get; set; }
        public string? MessageType { get; set; }
        public string? Subject { get; set; }
        public string? Html { get; set; }
        public string? Text { get; set; }
        public string? Body { get; set; }
        public string? Action { get; set; }

        public TemplateDocument Document(string key, string locale) => Channel == ChannelKeys.Sms
            ? new TemplateDocument(key, locale, MessageType ?? MessageTypes.Marketing, "", "", Body ?? "", ChannelKeys.Sms)
            : new TemplateDocument(key, locale, key == TemplateFiles.LayoutKey ? "layout" : MessageType ?? MessageTypes.Marketing,
                Subject ?? "", Html ?? "", string.IsNullOrWhiteSpace(Text) ? null : Text);
    }

    /// <param name="Errors">Field id and message, in the reader's language.</param>
    public sealed record LivePreview(string Status, string Subject, string Text, string? Frame, string? FrameNote, string? Sms, IReadOnlyList<FieldError> Errors);

    public sealed record FieldError(string Field, string Message);

    public static IEndpointRouteBuilder MapTemplatePages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/templates/{key}/{locale}/live", LiveAsync).WithTags("Web").WithName("TemplateLivePreview")
            .RequireAuthorization(WebPolicies.SignedIn).ExcludeFromDescription().AsFormPost();
        app.MapGet("/templates/{key}/{locale}/frame", FrameAsync).WithTags("Web").WithName("TemplatePreviewFrame")
            .RequireAuthorization(WebPolicies.SignedIn).ExcludeFromDescription()
            .WithMetadata(new FollowedInABrowser());
        return app;
    }

    private sealed class FollowedInABrowser : Microsoft.AspNetCore.Http.Metadata.IAllowCookieRedirectMetadata;

    private static async Task<Ok<LivePreview>> LiveAsync(string key, string locale, HttpRequest request, MarketingDbContext db, TemplateStore store,
        TemplateRenderer renderer, SenderIdentity sender, Marketing.Server.Hosting.ResolvedSettings settings, IDataProtectionProvider protection, UiLanguage language, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var draft = new Draft
        {
            Channel = form["Input.Channel"], MessageType = form["Input.MessageType"], Subject = form["Input.Subject"],
            Html = form["Input.Html"], Text = form["Input.Text"], Body = form["Input.Body"],
        };
        var document = draft.Document(key, locale);
        var preview = await PreviewTemplate.DraftAsync(db, store, renderer, document, TemplateEndpoints.PreviewSender(sender, settings), ct);
        var t = language.Pick(TemplatesTexts.English, TemplatesTexts.French);
        var frame = preview.Rendered && document.Channel == ChannelKeys.Email ? FrameAddress(protection, document) : null;
        return TypedResults.Ok(new LivePreview(
            Status(t, preview), preview.Subject, preview.Text, frame,
            preview.Rendered && document.Channel == ChannelKeys.Email && frame is null ? t.FrameTooLong : null,
            preview.Sms is { } sms ? t.SmsCounter(sms.Encoding, sms.Segments, sms.Units) : null,
            Errors(t, preview)));
    }

    /// <summary>The sentence the preview's live region says.</summary>
    public static string Status(TemplatesTexts t, PreviewTemplate.Result preview) =>
        preview.Failure is { } failure ? t.RenderFailure(failure)
        : preview.Errors.Count > 0 ? t.PreviewErrors(preview.Errors.Count)
        : t.PreviewReady;

    /// <summary>Each parse error on its field (the first one per field), as the editor shows it: line and column.</summary>
    public static IReadOnlyList<FieldError> Errors(TemplatesTexts t, PreviewTemplate.Result preview) =>
        [.. preview.Errors.GroupBy(e => e.Part).Select(g => new FieldError(g.Key, t.ParseError(g.First().Line, g.First().Column, g.First().Message)))];

    private static async Task<Results<ContentHttpResult, NotFound>> FrameAsync(string key, string locale, string? d, HttpContext http, MarketingDbContext db, TemplateStore store,
        TemplateRenderer renderer, SenderIdentity sender, Marketing.Server.Hosting.ResolvedSettings settings, IDataProtectionProvider protection, CancellationToken ct)
    {
        if ((d is null ? null : Unprotect(protection, key, locale, d)) is not { } document)
        {
            return TypedResults.NotFound();
        }

        var preview = await PreviewTemplate.DraftAsync(db, store, renderer, document, TemplateEndpoints.PreviewSender(sender, settings), ct);
        http.Response.Headers.ContentSecurityPolicy = FramePolicy;
        http.Response.Headers.XFrameOptions = "SAMEORIGIN";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Content(preview.Rendered ? preview.Html : "", "text/html; charset=utf-8");
    }

    /// <summary>
    /// The frame's address for a draft: the draft itself, compressed and protected with the shared keys (any node reads
    /// it, nothing is stored), valid for an hour; null when it would be too long to be an address.
    /// </summary>
    public static string? FrameAddress(IDataProtectionProvider protection, TemplateDocument draft)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new[] { draft.Channel, draft.MessageType, draft.Subject, draft.Html, draft.Text });
        using var packed = new MemoryStream();
        using (var brotli = new BrotliStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            brotli.Write(json);
        }

        var token = WebEncoders.Base64UrlEncode(Protector(protection, draft.Key, draft.Locale).Protect(packed.ToArray(), TimeSpan.FromHours(1)));
        var address = $"/templates/{Uri.EscapeDataString(draft.Key)}/{Uri.EscapeDataString(draft.Locale)}/frame?d={token}";
        return address.Length <= FrameAddressLimit ? address : null;
    }

    /// <summary>The draft an address carries, or null when it was not made here, for this key and locale, within the hour.</summary>
    private static TemplateDocument? Unprotect(IDataProtectionProvider protection, string key, string locale, string token)
    {
        try
        {
            var packed = Protector(protection, key, locale).Unprotect(WebEncoders.Base64UrlDecode(token));
            using var brotli = new BrotliStream(new MemoryStream(packed), CompressionMode.Decompress);
            var parts = JsonSerializer.Deserialize<string?[]>(brotli);
            return parts is [{ } channel, { } type, { } subject, { } html, var text]
                ? new TemplateDocument(key, locale, type, subject, html, text, channel)
                : null;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or JsonException or InvalidDataException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection, string key, string locale) =>
        protection.CreateProtector("Marketing.Templates.PreviewFrame", key, locale).ToTimeLimitedDataProtector();
}
