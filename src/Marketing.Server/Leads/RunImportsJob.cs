using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Hosting;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Leads;

/// <summary>
/// Reads every uploaded import that is not complete and that no live run holds, oldest first, each from its checkpoint;
/// queued by an upload or a resume, and every minute, so a batch whose node died goes on by itself once its lease ran
/// out. <see cref="ImportContacts.RunAsync"/> claims each batch: a batch another run took first is left to it.
/// </summary>
public sealed class RunImportsJob(MarketingDbContext db, AddressHasher hasher, TimeProvider clock, ResolvedSettings settings)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var tried = new HashSet<Guid>();
        while (await NextAsync(tried, ct) is { } batchId)
        {
            tried.Add(batchId);
            await RunOneAsync(batchId, ct);
        }
    }

    private async Task<Guid?> NextAsync(HashSet<Guid> tried, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var free = await db.ImportBatches.AsNoTracking()
            .Where(b => b.Status == ImportStatuses.Running && (b.ClaimedUntil == null || b.ClaimedUntil < now)).OrderBy(b => b.CreatedAt)
            .Select(b => b.Id).ToListAsync(ct);
        return free.Where(id => !tried.Contains(id) && File.Exists(ImportFiles.PathOf(settings, id))).Select(id => (Guid?)id).FirstOrDefault();
    }

    private async Task RunOneAsync(Guid batchId, CancellationToken ct)
    {
        var path = ImportFiles.PathOf(settings, batchId);
        await using (var stream = File.OpenRead(path))
        {
            var outcome = await ImportContacts.RunAsync(db, hasher, clock, batchId, stream, null, ct);
            if (outcome.Refusal is not null || outcome.Value.Status != ImportStatuses.Completed)
            {
                return;
            }
        }

        File.Delete(path);
    }
}
