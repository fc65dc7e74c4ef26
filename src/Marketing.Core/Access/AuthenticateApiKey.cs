using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

public static class AuthenticateApiKey
{
    /// <summary>The live key the presented secret belongs to, or why there is none.</summary>
    /// <param name="Key">The key, when it is known, not revoked and not expired.</param>
    /// <param name="Refusal">Why the key is refused; null when it is accepted or nothing matched.</param>
    /// <param name="Guess">True when the secret matched no key: a guess, counted against the client.</param>
    public sealed record Result(ApiKey? Key, string? Refusal, bool Guess);

    public const string Unknown = "The API key is not valid or has been revoked.";

    /// <summary>Returns the live key the presented secret belongs to, or null.</summary>
    public static async Task<ApiKey?> HandleAsync(MarketingDbContext db, string? presented, CancellationToken ct) =>
        (await HandleAsync(db, TimeProvider.System, presented, ct)).Key;

    /// <summary>Checks a presented secret: unknown or revoked, expired (R48: keys expire), or live.</summary>
    public static async Task<Result> HandleAsync(MarketingDbContext db, TimeProvider clock, string? presented, CancellationToken ct)
    {
        if (!ApiKeySecret.TryParse(presented, out var secret))
        {
            return new Result(null, Unknown, true);
        }

        var key = await db.ApiKeys.AsNoTracking()
            .SingleOrDefaultAsync(k => k.Prefix == secret.Prefix && k.RevokedAt == null, ct);
        if (key is null || !secret.Matches(key.SecretHash))
        {
            return new Result(null, Unknown, true);
        }

        return key.HasExpired(clock.GetUtcNow())
            ? new Result(null, $"The API key '{key.Name}' expired at {key.ExpiresAt:O}: create a new one.", false)
            : new Result(key, null, false);
    }
}
