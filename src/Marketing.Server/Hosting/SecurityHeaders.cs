namespace Marketing.Server.Hosting;

/// <summary>
/// Headers every response carries, whoever writes it (an endpoint, the error handler, a static file), set as the
/// response starts so that nothing later can drop them.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of an HTML page that states none itself: no script, nothing from elsewhere, never framed.</summary>
    public const string DefaultHtmlPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>A year, once the site is reached over https (directly, or through a trusted proxy that says so).</summary>
    public const string Hsts = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey("Referrer-Policy"))
            {
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            }

            // IsHttps reflects X-Forwarded-Proto only from a trusted proxy (Marketing:Http:TrustedProxies).
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = Hsts;
            }

            if (response.ContentType is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
            {
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = DefaultHtmlPolicy;
                }

                // The engine writes every page in UTF-8; a page that did not say so gets it said.
                if (!type.Contains("charset", StringComparison.OrdinalIgnoreCase))
                {
                    response.ContentType = $"{type}; charset=utf-8";
                }
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
