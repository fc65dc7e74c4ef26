using Microsoft.AspNetCore.Components.Endpoints;

namespace Marketing.Server.Web;

/// <summary>
/// The headers of every page of the app (ADR 9): a strict policy (scripts and styles from the engine only, no inline
/// script or style, forms post only to the engine, never framed), no referrer leaving the app (an account link's token
/// is in its address; within the app the browser's Origin header stays, which passkeys check) and no caching (pages show
/// personal data).
/// </summary>
public static class WebSecurity
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string PageItem = "web-page";

    /// <summary>Marks a response written outside a page's endpoint (the 403 page) as a page of the app.</summary>
    public static void MarkPage(HttpContext context) => context.Items[PageItem] = true;

    public static IApplicationBuilder UseWebSecurity(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            var isPage = context.Items.ContainsKey(PageItem) || context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            if (isPage && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                response.Headers.ContentSecurityPolicy = Policy;
                response.Headers.XFrameOptions = "DENY";
                response.Headers["Referrer-Policy"] = "same-origin";
                response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
