using Hangfire;
using Marketing.Common;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Hosting;

namespace Marketing.Server.Leads;

/// <summary>
/// An uploaded import, from the API or the web page alike: its header is checked before anything is recorded, the batch
/// is started with its provenance (<see cref="ImportContacts.StartAsync"/>), the file is copied to the data directory
/// under the batch's id, and the job that reads it is queued.
/// </summary>
public static class ImportUploads
{
    public static async Task<Outcome<ImportBatch>> AcceptAsync(MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, IBackgroundJobClient jobs,
        IFormFile file, ImportContacts.Meta meta, string actor, CancellationToken ct)
    {
        await using (var header = file.OpenReadStream())
        {
            if (await ImportContacts.CheckHeaderAsync(header) is { } refused)
            {
                return refused;
            }
        }

        var started = await ImportContacts.StartAsync(db, clock, meta with { FileName = file.FileName }, actor, ct);
        if (started.Refusal is not null)
        {
            return started;
        }

        var batch = started.Value;
        Directory.CreateDirectory(ImportFiles.DirectoryOf(settings));
        var path = ImportFiles.PathOf(settings, batch.Id);
        await using (var target = File.Create(path + ".part"))
        await using (var source = file.OpenReadStream())
        {
            await source.CopyToAsync(target, ct);
        }

        // The job never sees a half-written file.
        File.Move(path + ".part", path, overwrite: true);
        jobs.Enqueue<RunImportsJob>(job => job.RunAsync(CancellationToken.None));
        return batch;
    }
}

/// <summary>The imports page takes the same file as the API, within the same limit.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ImportUploadLimitAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => ImportEndpoints.MaxFileBytes;
}
