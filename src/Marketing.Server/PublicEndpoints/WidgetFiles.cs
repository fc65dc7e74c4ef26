namespace Marketing.Server.PublicEndpoints;

/// <summary>
/// Serves widgets/*.js from beside the program, for any site to load with a script tag: each file read and compressed
/// once at start (<see cref="Precompressed"/>), then answered from memory.
/// </summary>
public sealed class WidgetFiles
{
    public const string Path = "/widgets";
    public const string ContentType = "text/javascript; charset=utf-8";
    // Short: a fix reaches every site within minutes; the ETag makes the revalidation cheap.
    public const string CacheControl = "public, max-age=300";

    private readonly Dictionary<string, Precompressed> _files;
    private readonly Dictionary<string, string> _sources;

    public WidgetFiles() : this(System.IO.Path.Combine(AppContext.BaseDirectory, "widgets"))
    {
    }

    public WidgetFiles(string directory)
    {
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.js") : [];
        _sources = files.ToDictionary(f => System.IO.Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        _files = _sources.ToDictionary(f => f.Key, f => Precompressed.Of(System.Text.Encoding.UTF8.GetBytes(f.Value), ContentType), StringComparer.Ordinal);
    }

    /// <summary>A widget's source text, for a response that carries it with data (the banner with its configuration).</summary>
    public string? Source(string name) => _sources.GetValueOrDefault(name);

    public bool TryGet(string name, out Precompressed file) => _files.TryGetValue(name, out file!);
}

public static class WidgetFilesSetup
{
    public static IServiceCollection AddWidgetFiles(this IServiceCollection services) => services.AddSingleton<WidgetFiles>();

    public static IApplicationBuilder UseWidgetFiles(this IApplicationBuilder app)
    {
        // Read and compressed here, at start, not on a visitor's request.
        var widgets = app.ApplicationServices.GetRequiredService<WidgetFiles>();
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && request.Path.StartsWithSegments(WidgetFiles.Path, out var rest)
                && rest.Value is { Length: > 1 } name && widgets.TryGet(name[1..], out var file))
            {
                var headers = context.Response.Headers;
                headers["Cross-Origin-Resource-Policy"] = "cross-origin";
                headers.XContentTypeOptions = "nosniff";
                return file.WriteAsync(context, WidgetFiles.CacheControl);
            }

            return next(context);
        });
    }
}
