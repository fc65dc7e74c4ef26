using Scalar.AspNetCore;

namespace Marketing.Server.ApiDescription;

/// <summary>
/// The interactive reference page (Scalar), served by the engine: its scripts from the package's own files, no fonts,
/// proxy, telemetry or assistant from elsewhere, and its inline start-up script allowed by a nonce of that response
/// only (ADR 18).
/// </summary>
public static class ApiReference
{
    public static void Configure(ScalarOptions options) => options
        .WithTitle("Marketing engine API")
        .WithOpenApiRoutePattern(ApiDescriptionSetup.DocumentPath.Replace(ApiDescriptionSetup.DocumentName, "{documentName}", StringComparison.Ordinal))
        .AddDocument(ApiDescriptionSetup.DocumentName)
        .DisableDefaultFonts()
        .DisableTelemetry()
        .DisableAgent()
        .DisableMcp()
        .WithNonce();

    /// <summary>A route of the package's, named from what follows the page's path: <c>ApiReference</c>, <c>ApiReferenceScalarJs</c>.</summary>
    public static string NameOf(string? pattern)
    {
        var rest = (pattern ?? "")[Math.Min(ApiDescriptionSetup.ReferencePath.Length, pattern?.Length ?? 0)..];
        var words = System.Text.RegularExpressions.Regex.Replace(rest, @"\{[^}]*\}", "")
            .Split(['/', '.', '-', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
        return "ApiReference" + string.Concat(words);
    }

    /// <summary>
    /// The page's own policy: the app's (ADR 9) with the one start-up script allowed by the response's nonce and the styles
    /// Scalar writes allowed inline; everything else still from the engine only.
    /// </summary>
    public static string Policy(string nonce) =>
        // Scalar writes <style> elements and style attributes without the nonce: styles inline on this page only (ADR 18);
        // scripts stay nonce-only and eval stays refused (Scalar tries it and draws without it).
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseApiReferencePolicy(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ApiDescriptionSetup.ReferencePath), branch => branch.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce
                    && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = Policy(nonce);
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "same-origin";
                }

                return Task.CompletedTask;
            });
            return next(context);
        }));
}
