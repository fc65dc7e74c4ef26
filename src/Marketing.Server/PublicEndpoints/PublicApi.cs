using System.Globalization;
using System.Threading.RateLimiting;
using Marketing.Server.Hosting;
using Marketing.Server.Sites;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Features;

namespace Marketing.Server.PublicEndpoints;

/// <summary>
/// What websites call. Everything under <see cref="Prefix"/> gets the site's CORS allow-list,
/// a body size limit and a per-IP rate limit, whatever feature maps the endpoint.
/// </summary>
public static class PublicApi
{
    public const string Prefix = "/public";
    public const string RateLimitPolicy = "public-per-ip";

    public static IServiceCollection AddPublicApi(this IServiceCollection services, ResolvedSettings settings)
    {
        services.AddMemoryCache(options => options.SizeLimit = 10_000);
        services.AddCors();
        services.AddSingleton<SiteCorsPolicyProvider>();
        services.AddSingleton<ICorsPolicyProvider>(provider => provider.GetRequiredService<SiteCorsPolicyProvider>());
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientPartition.KeyOf(context),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.Raw.Public.RateLimitPermits,
                    Window = TimeSpan.FromSeconds(settings.Raw.Public.RateLimitWindowSeconds),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (rejected, ct) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await WriteProblemAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests from this address.", "Wait and try again.");
            };
        });
        return services;
    }

    /// <summary>
    /// Refuses an oversized body before any endpoint reads it, whether routed or not: 413 naming the body, like a
    /// chunked body that runs past the limit when <see cref="InputPolicy"/> reads it.
    /// </summary>
    public static IApplicationBuilder UsePublicBodyLimit(this IApplicationBuilder app, ResolvedSettings settings) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Prefix), branch => branch.Use(async (context, next) =>
        {
            var limit = settings.Raw.Public.MaxBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await Problems.TooLarge("body", $"is larger than the {limit} bytes accepted here").ExecuteAsync(context);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            {
                sizeFeature.MaxRequestBodySize = limit;
            }

            await next(context);
        }));

    public static RouteGroupBuilder MapPublicApi(this IEndpointRouteBuilder app) =>
        app.MapGroup(Prefix)
            .RequireCors(SiteCorsPolicyProvider.PolicyName)
            .RequireRateLimiting(RateLimitPolicy)
            .WithBodySizeLimit(app.ServiceProvider.GetRequiredService<ResolvedSettings>().Raw.Public.MaxBodyBytes)
            .AllowAnonymous();

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
