using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Segments;

/// <summary>Deletes a segment by its key (the people stay: a segment is only a question asked of them); audited.</summary>
public static class DeleteSegment
{
    public static async Task<Outcome<bool>> HandleAsync(MarketingDbContext db, TimeProvider clock, string key, string actor, CancellationToken ct)
    {
        var segment = await db.Segments.SingleOrDefaultAsync(s => s.Key == key, ct);
        if (segment is null)
        {
            return new Refusal.NotFound();
        }

        db.Segments.Remove(segment);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "segment.deleted", key, null));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
