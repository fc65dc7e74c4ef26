using System.Threading.RateLimiting;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketing.Server.Capture;

public static class CaptureSetup
{
    public static IServiceCollection AddCapture(this IServiceCollection services, ResolvedSettings settings)
    {
        services.AddSingleton<PublishedForms>();
        services.AddSingleton<FormTokens>();
        services.AddSingleton<SubmissionWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<SubmissionWriter>());
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(CaptureEndpoints.SubmissionRateLimitPolicy, context =>
            RateLimitPartition.GetSlidingWindowLimiter(ClientPartition.KeyOf(context), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.Raw.Capture.SubmissionsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            })));
        return services;
    }
}
