using Hangfire;
using Hangfire.Storage;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Hosting;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Leads;

/// <summary>
/// Reads every uploaded import that is not complete, oldest first, each from its checkpoint; queued by an upload or a
/// resume, and every minute, so a batch whose node died goes on by itself. One run at a time across nodes (two runs of
/// one batch would read the same lines): a run that finds the lock taken leaves the work to the one holding it.
/// </summary>
public sealed class RunImportsJob(MarketingDbContext db, AddressHasher hasher, TimeProvider clock, ResolvedSettings settings, JobStorage storage)
{
    public async Task RunAsync(CancellationToken ct)
    {
        using var connection = storage.GetConnection();
        IDisposable held;
        try
        {
            held = connection.AcquireDistributedLock("marketing:imports", TimeSpan.Zero);
        }
        catch (DistributedLockTimeoutException)
        {
            return;
        }

        using (held)
        {
            var done = new HashSet<Guid>();
            while (await NextAsync(done, ct) is { } batchId)
            {
                done.Add(batchId);
                await RunOneAsync(batchId, ct);
            }
        }
    }

    private async Task<Guid?> NextAsync(HashSet<Guid> done, CancellationToken ct)
    {
        var running = await db.ImportBatches.AsNoTracking().Where(b => b.Status == ImportStatuses.Running).OrderBy(b => b.CreatedAt)
            .Select(b => b.Id).ToListAsync(ct);
        return running.Where(id => !done.Contains(id) && File.Exists(ImportFiles.PathOf(settings, id))).Select(id => (Guid?)id).FirstOrDefault();
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
