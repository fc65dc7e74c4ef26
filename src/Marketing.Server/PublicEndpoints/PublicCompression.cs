using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Marketing.Server.PublicEndpoints;

/// <summary>
/// Brotli or gzip for the public GETs a customer's site makes (a form's definition); the widgets and the banner
/// bundle are precompressed (<see cref="Precompressed"/>). A site that embeds the engine directly, without a CDN, then sends its visitors
/// a few kilobytes instead of tens. Only GETs of public data: nothing secret is compressed beside what a
/// request reflects, so HTTPS compression (BREACH) is no concern here.
/// </summary>
public static class PublicCompression
{
    public static IServiceCollection AddPublicCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    public static IApplicationBuilder UsePublicCompression(this IApplicationBuilder app) =>
        app.UseWhen(
            // The widgets are compressed once at the best levels by WidgetFiles, not here on every request.
            context => HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments(PublicApi.Prefix),
            branch => branch.UseResponseCompression());
}
