using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Marketing.Server.PublicEndpoints;

/// <summary>
/// Brotli or gzip for what every page view of a customer's site downloads: the widgets and the public GETs
/// (a banner's configuration). A site that embeds the engine directly, without a CDN, then sends its visitors
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
            context => HttpMethods.IsGet(context.Request.Method)
                && (context.Request.Path.StartsWithSegments(WidgetFiles.Path) || context.Request.Path.StartsWithSegments(PublicApi.Prefix)),
            branch => branch.UseResponseCompression());
}
