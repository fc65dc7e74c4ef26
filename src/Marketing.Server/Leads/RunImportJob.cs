using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Hosting;
using Marketing.Suppression;

namespace Marketing.Server.Leads;

/// <summary>
/// Runs an uploaded import from its batch's checkpoint. Takes only the batch id: the file lies in the data directory
/// under that id until the batch completes, so a retried or resumed job reads on from the last committed chunk.
/// </summary>
public sealed class RunImportJob(MarketingDbContext db, AddressHasher hasher, TimeProvider clock, ResolvedSettings settings)
{
    // One import at a time per engine: two runs of the same batch at once would read the same lines.
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    public async Task RunAsync(Guid batchId, CancellationToken ct)
    {
        var path = ImportFiles.PathOf(settings, batchId);
        if (!File.Exists(path))
        {
            return;
        }

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

/// <summary>Where an uploaded import's file waits for its job: the data directory, named by the batch id.</summary>
public static class ImportFiles
{
    public static string DirectoryOf(ResolvedSettings settings) => Path.Combine(settings.DataDirectory, "imports");

    public static string PathOf(ResolvedSettings settings, Guid batchId) => Path.Combine(DirectoryOf(settings), $"{batchId:N}.csv");
}
