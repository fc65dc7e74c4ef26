using System.Collections.Concurrent;
using Marketing.Leads;
using Marketing.Server.Hosting;

namespace Marketing.Server.Leads;

/// <summary>
/// How far a batch has read its file: the checkpoint's line against the file's line count, counted once per batch while
/// the file waits here (an estimate: a quoted field may hold a line break). A completed batch is full; a batch whose file
/// is on another node has no total.
/// </summary>
public sealed record ImportProgress(long Lines, long? Total, bool Completed)
{
    private static readonly ConcurrentDictionary<Guid, long> Totals = new();

    public long Value => Completed ? Max : Math.Min(Lines, Max);

    public long Max => Completed ? Math.Max(1, Lines) : Math.Max(1, Total ?? Lines);

    public static async Task<ImportProgress> OfAsync(ImportBatch batch, ResolvedSettings settings, CancellationToken ct)
    {
        if (batch.Status == ImportStatuses.Completed)
        {
            Totals.TryRemove(batch.Id, out _);
            return new ImportProgress(batch.LinesDone, batch.LinesDone, true);
        }

        if (!Totals.TryGetValue(batch.Id, out var total))
        {
            var path = ImportFiles.PathOf(settings, batch.Id);
            if (!File.Exists(path))
            {
                return new ImportProgress(batch.LinesDone, null, false);
            }

            total = Totals[batch.Id] = await CountLinesAsync(path, ct);
        }

        return new ImportProgress(batch.LinesDone, total, false);
    }

    private static async Task<long> CountLinesAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long lines = 0;
        var last = (byte)'\n';
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }

        // A last line without its line break is a line too.
        return last == (byte)'\n' ? lines : lines + 1;
    }
}
