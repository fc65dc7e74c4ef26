namespace Marketing.Server.Web;

/// <summary>
/// The app's stylesheet and modules (wwwroot, and the <c>.razor.js</c> beside their components) and blazor.web.js, served
/// as plain static files, compressed. Not <c>MapStaticAssets</c>: outside a published copy it adds a catch-all GET
/// endpoint, which turns every POST to an unknown address into a 405 instead of a 404.
/// </summary>
public static class WebFiles
{
    public static IApplicationBuilder UseWebFiles(this IApplicationBuilder app) =>
        app.UseWhen(context => IsWebFile(context.Request), branch => branch
            .UseResponseCompression()
            .UseStaticFiles(new StaticFileOptions
            {
                OnPrepareResponse = file =>
                {
                    // Revalidated each time (cheap with the ETag): a new version reaches every browser at once.
                    file.Context.Response.Headers.CacheControl = "no-cache";
                    file.Context.Response.Headers.XContentTypeOptions = "nosniff";
                },
            }));

    private static bool IsWebFile(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path.StartsWithSegments("/web") || request.Path.StartsWithSegments("/_framework")
            || request.Path.Value?.EndsWith(".razor.js", StringComparison.Ordinal) == true);
}
