using Microsoft.Extensions.FileProviders;

namespace Marketing.Server.PublicEndpoints;

/// <summary>Serves widgets/*.js from beside the program, for any site to load with a script tag.</summary>
public static class WidgetFiles
{
    public const string Path = "/widgets";

    public static IApplicationBuilder UseWidgetFiles(this IApplicationBuilder app)
    {
        var directory = System.IO.Path.Combine(AppContext.BaseDirectory, "widgets");
        if (!Directory.Exists(directory))
        {
            return app;
        }

        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(directory),
            RequestPath = Path,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Short: a fix reaches every site within minutes; the ETag makes the revalidation cheap.
                headers.CacheControl = "public, max-age=300";
                headers["Cross-Origin-Resource-Policy"] = "cross-origin";
                headers.XContentTypeOptions = "nosniff";
            },
        });
    }
}
