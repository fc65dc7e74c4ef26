using System.Globalization;
using System.Threading.RateLimiting;
using Marketing.Server.Jobs;

namespace Marketing.Server.Hosting;

/// <summary>
/// Failed guesses of one client within a minute, and the lock-out past the limit: a wrong admin key (API or jobs
/// dashboard), or a token the email pages do not know. Only failures count, so a busy network whose people follow
/// real links is never slowed; a guesser is answered 429 without being checked, the right key included. Per node.
/// </summary>
public sealed class GuessCounter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public GuessCounter(int perMinute) => _failures = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>How long the client must wait, when it has used up its failures; null when it may try.</summary>
    public TimeSpan? LockedOut(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(ClientPartition.KeyOf(context), 0);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void Failed(HttpContext context)
    {
        using var _ = _failures.AttemptAcquire(ClientPartition.KeyOf(context), 1);
    }

    public void Dispose() => _failures.Dispose();
}

/// <summary>The two kinds of guessing the engine slows down.</summary>
public sealed class GuessLimits(ResolvedSettings settings) : IDisposable
{
    public GuessCounter AdminKeys { get; } = new(settings.Raw.Http.FailedKeysPerMinute);
    public GuessCounter EmailTokens { get; } = new(settings.Raw.Http.FailedTokensPerMinute);

    public void Dispose()
    {
        AdminKeys.Dispose();
        EmailTokens.Dispose();
    }
}

public static class GuessLimitsSetup
{
    public const string EmailPagesPath = "/email";

    /// <summary>
    /// Refuses a locked-out client before anything is looked up. Unknown email tokens are counted here (their pages
    /// answer 404); wrong keys are counted by the key handler, the only place that knows a key was presented.
    /// </summary>
    public static IApplicationBuilder UseGuessLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limits = context.RequestServices.GetRequiredService<GuessLimits>();
        var path = context.Request.Path;
        var tokens = path.StartsWithSegments(EmailPagesPath);
        var counter = tokens ? limits.EmailTokens
            : path.StartsWithSegments("/api/admin") ? limits.AdminKeys
            : null;
        if (counter is null)
        {
            await next(context);
            return;
        }

        if (counter.LockedOut(context) is { } wait)
        {
            await TooManyAsync(context, wait, tokens);
            return;
        }

        await next(context);
        if (tokens && context.Response.StatusCode == StatusCodes.Status404NotFound)
        {
            counter.Failed(context);
        }
    });

    private static async Task TooManyAsync(HttpContext context, TimeSpan wait, bool page)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(wait.TotalSeconds, 1))).ToString(CultureInfo.InvariantCulture);
        if (page)
        {
            // A person's browser: a page, not JSON.
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">" +
                "<title>Too many attempts</title></head><body><h1>Too many attempts</h1><p>Please try again in a minute.</p>" +
                "<p lang=\"fr\">Trop de tentatives : réessayez dans une minute.</p></body></html>");
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many failed attempts from this address.", Detail = "Wait and try again." },
        });
    }
}
