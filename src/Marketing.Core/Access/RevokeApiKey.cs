using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>Revokes an API key: requests made with it are refused at once. Revoking a revoked key changes nothing.</summary>
public static class RevokeApiKey
{
    public static async Task<Outcome<ApiKey>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid id, string actor, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return new Refusal.NotFound();
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
