using System.Net;

namespace Marketing.Server.Hosting;

/// <summary>
/// A page for a person's browser (the email pages, the capture thank-you and problems pages): UTF-8, a CSP that runs no
/// script and loads only the engine's stylesheet, no Referer leaving it (a token in its address stays there), not cached.
/// </summary>
public sealed class HtmlPage(string html, int status) : IResult
{
    /// <summary>The engine's one page layout: a heading and a body of already-encoded HTML.</summary>
    public static HtmlPage Titled(string locale, string title, string body, int status = StatusCodes.Status200OK) => new(
        $"<!doctype html><html lang=\"{WebUtility.HtmlEncode(locale)}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">" +
        $"<meta name=\"robots\" content=\"noindex\"><title>{WebUtility.HtmlEncode(title)}</title><link rel=\"stylesheet\" href=\"/email/page.css\"></head>" +
        $"<body><main><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</main></body></html>", status);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        httpContext.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        httpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
        httpContext.Response.Headers.CacheControl = "no-store";
        return httpContext.Response.WriteAsync(html);
    }
}
