using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>The import batches as the API and the web app show them: the newest first (the created-at index), or one by its id.</summary>
public static class ReadImports
{
    public const int MostListed = 200;

    public static async Task<List<ImportBatch>> ListAsync(MarketingDbContext db, CancellationToken ct) =>
        await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(MostListed).ToListAsync(ct);

    public static async Task<ImportBatch?> OneAsync(MarketingDbContext db, Guid id, CancellationToken ct) =>
        await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
}
