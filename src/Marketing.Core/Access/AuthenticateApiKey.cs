using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

public static class AuthenticateApiKey
{
    /// <summary>Returns the live key the presented secret belongs to, or null.</summary>
    public static async Task<ApiKey?> HandleAsync(MarketingDbContext db, string? presented, CancellationToken ct)
    {
        if (!ApiKeySecret.TryParse(presented, out var secret))
        {
            return null;
        }

        var key = await db.ApiKeys.AsNoTracking()
            .SingleOrDefaultAsync(k => k.Prefix == secret.Prefix && k.RevokedAt == null, ct);
        return key is not null && secret.Matches(key.SecretHash) ? key : null;
    }
}
