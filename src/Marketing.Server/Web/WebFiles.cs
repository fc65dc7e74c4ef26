using System.Collections.Concurrent;
using Marketing.Server.PublicEndpoints;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Marketing.Server.Web;

/// <summary>
/// The app's stylesheet and modules (wwwroot, and the <c>.razor.js</c> beside their components) and blazor.web.js, each
/// compressed once at the best levels (<see cref="Precompressed"/>) the first time it is asked for, then answered from
/// memory: blazor.web.js is 56 KB at the Brotli level a response compresses at, 47.6 KB at quality 11, and the issue's
/// budget for a page's script is 50 KB. Not <c>MapStaticAssets</c>: outside a published copy it adds a catch-all GET
/// endpoint, which turns every POST to an unknown address into a 405 instead of a 404.
/// </summary>
public static class WebFiles
{
    // Revalidated each time (cheap with the ETag): a new version reaches every browser at once.
    private const string CacheControl = "no-cache";

    public static IApplicationBuilder UseWebFiles(this IApplicationBuilder app)
    {
        var files = app.ApplicationServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider;
        var types = new FileExtensionContentTypeProvider();
        // Keyed by the file's path, length and time: a file changed under a running engine (a rebuild) is compressed anew.
        var compressed = new ConcurrentDictionary<(string, long, DateTimeOffset), Lazy<Precompressed>>();
        return app.Use((context, next) =>
        {
            if (!IsWebFile(context.Request) || files.GetFileInfo(context.Request.Path.Value!) is not { Exists: true, IsDirectory: false } file
                || !types.TryGetContentType(file.Name, out var contentType))
            {
                return next(context);
            }

            var body = compressed.GetOrAdd((context.Request.Path.Value!, file.Length, file.LastModified), _ => new(() => Read(file, contentType))).Value;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return body.WriteAsync(context, CacheControl);
        });
    }

    private static Precompressed Read(IFileInfo file, string contentType)
    {
        using var stream = file.CreateReadStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Precompressed.Of(copy.ToArray(), contentType.StartsWith("text/", StringComparison.Ordinal) ? $"{contentType}; charset=utf-8" : contentType);
    }

    private static bool IsWebFile(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path.StartsWithSegments("/web") || request.Path.StartsWithSegments("/_framework")
            || request.Path.Value?.EndsWith(".razor.js", StringComparison.Ordinal) == true);
}
