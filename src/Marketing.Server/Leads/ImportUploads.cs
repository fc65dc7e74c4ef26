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
    /// <summary>The page's form is read by the input policy before the page sees it, so its file keeps this smaller limit; the API streams up to <c>Marketing:Imports:MaxUploadBytes</c>.</summary>
    public const long MaxPageFileBytes = 200_000_000;

    /// <summary>A file posted through the web page's form.</summary>
    public static Task<Outcome<ImportBatch>> AcceptAsync(MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, IBackgroundJobClient jobs,
        IFormFile file, ImportContacts.Meta meta, string actor, CancellationToken ct) =>
        AcceptAsync(db, clock, settings, jobs, file.FileName, file.OpenReadStream, async path =>
        {
            await using (var target = File.Create(path + ".part"))
            await using (var source = file.OpenReadStream())
            {
                await source.CopyToAsync(target, ct);
            }

            // The job never sees a half-written file.
            File.Move(path + ".part", path, overwrite: true);
        }, meta, actor, ct);

    /// <summary>A file the API streamed to the data directory as it arrived.</summary>
    public static Task<Outcome<ImportBatch>> AcceptAsync(MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, IBackgroundJobClient jobs,
        ImportUpload upload, ImportContacts.Meta meta, string actor, CancellationToken ct) =>
        AcceptAsync(db, clock, settings, jobs, upload.FileName, () => File.OpenRead(upload.TempPath), path =>
        {
            upload.KeepAs(path);
            return Task.CompletedTask;
        }, meta, actor, ct);

    private static async Task<Outcome<ImportBatch>> AcceptAsync(MarketingDbContext db, TimeProvider clock, ResolvedSettings settings, IBackgroundJobClient jobs,
        string? fileName, Func<Stream> open, Func<string, Task> keepAt, ImportContacts.Meta meta, string actor, CancellationToken ct)
    {
        await using (var header = open())
        {
            if (await ImportContacts.CheckHeaderAsync(header) is { } refused)
            {
                return refused;
            }
        }

        var started = await ImportContacts.StartAsync(db, clock, meta with { FileName = fileName }, actor, ct);
        if (started.Refusal is not null)
        {
            return started;
        }

        var batch = started.Value;
        Directory.CreateDirectory(ImportFiles.DirectoryOf(settings));
        await keepAt(ImportFiles.PathOf(settings, batch.Id));
        jobs.Enqueue<RunImportsJob>(job => job.RunAsync(CancellationToken.None));
        return batch;
    }
}

/// <summary>The imports page takes the same file as the API, within the same limit.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ImportUploadLimitAttribute : Attribute, Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => ImportUploads.MaxPageFileBytes;
}
