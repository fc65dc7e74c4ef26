using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>
/// The audit log's retention (R49, R41): entries older than 12 months are deleted, and the purge itself is an entry
/// with its count. The only deletion the append-only rule allows; running it again the same day deletes nothing more.
/// </summary>
public static class PurgeAuditLog
{
    public const string Action = "audit_log.purged";
    public const int RetentionMonths = 12;

    /// <summary>The instant before which entries are purged: the same time of day, 12 calendar months ago.</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now) => now.AddMonths(-RetentionMonths);

    public static async Task<int> HandleAsync(MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cutoff = Cutoff(now);
        var purged = await db.AuditEntries.Where(a => a.At < cutoff).ExecuteDeleteAsync(ct);
        if (purged > 0)
        {
            db.AuditEntries.Add(AuditEntry.CreateAt(now, "job:audit-log-purge", Action, null, $"count={purged} before={cutoff:O}"));
            await db.SaveChangesAsync(ct);
        }

        return purged;
    }
}
