using System.Globalization;
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
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(CaptureEndpoints.SubmissionRateLimitPolicy, new SubmissionRateLimit(settings)));
        return services;
    }

    /// <summary>
    /// Submissions per IP address in a sliding minute. A sliding window's refusal carries no retry time of its own, so
    /// the answer says when a permit frees up at the latest (one segment), as every 429 must (RFC 6585, Retry-After);
    /// a person's browser gets a page in their language rather than JSON.
    /// </summary>
    private sealed class SubmissionRateLimit(ResolvedSettings settings) : IRateLimiterPolicy<string>
    {
        private const int Segments = 6;
        private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (rejected, ct) =>
        {
            var http = rejected.HttpContext;
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var given) ? given : Window / Segments;
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var locale = CaptureTexts.Language(http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1)
                .Select(l => l.Value.Value).FirstOrDefault());
            IResult answer = CapturePages.WantsPage(http.Request)
                ? CapturePages.TooMany(locale)
                : TypedResults.Problem(title: "Too many submissions from this address.", detail: CaptureTexts.Say(locale, "tooMany"),
                    statusCode: StatusCodes.Status429TooManyRequests);
            await answer.ExecuteAsync(http);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetSlidingWindowLimiter(ClientPartition.KeyOf(httpContext), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.Raw.Capture.SubmissionsPerMinute,
                Window = Window,
                SegmentsPerWindow = Segments,
                QueueLimit = 0,
            });
    }
}
