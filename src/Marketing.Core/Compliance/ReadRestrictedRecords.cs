using Marketing.Access;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>The restricted archive of a person, for the DPO only; each read is audited.</summary>
public static class ReadRestrictedRecords
{
    public static async Task<IReadOnlyList<RestrictedRecord>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid personId, string actor, CancellationToken ct)
    {
        var records = await db.RestrictedRecords.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.ArchivedAt).ToListAsync(ct);
        await RecordAudit.HandleAsync(db, clock, actor, "restricted_archive.read", personId.ToString(), $"records={records.Count}", ct);
        return records;
    }
}
