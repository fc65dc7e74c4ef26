using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>
/// Revokes an API key: requests made with it are refused at once. Revoking a revoked key changes nothing. Whoever
/// revokes must be allowed to hold the key's role themselves (an admin cannot end a DPO's key, R48).
/// </summary>
public static class RevokeApiKey
{
    /// <param name="by">The role of whoever asks; null for the operator (the CLI).</param>
    public static async Task<Outcome<ApiKey>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid id, ApiKeyRole? by, string actor, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return new Refusal.NotFound();
        }

        if (!RoleAuthority.MayRestrict(by, key.Role))
        {
            return Refusal.Field("id", UserProblems.Describe(UserProblems.RoleNotYours));
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            db.AuditEntries.Add(AuditEntry.Create(clock, actor, "api_key.revoked", key.Id.ToString()));
            await db.SaveChangesAsync(ct);
        }

        return key;
    }
}
