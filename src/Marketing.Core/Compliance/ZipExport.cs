using System.IO.Compression;
using System.Text.Json;

namespace Marketing.Compliance;

/// <summary>A file of an export: its name in the ZIP, and how to write its rows to a stream (returning their count).</summary>
public sealed record ExportFile(string Name, Func<Stream, CancellationToken, Task<long>> WriteAsync);

public sealed record WrittenFile(string Name, long Rows, string Sha256);

/// <summary>
/// Writes an export's files into a ZIP one after the other as their rows are read, each through a hash, then
/// <c>manifest.json</c> listing every file's row count and SHA-256 (the E1 manifest), so memory stays flat.
/// </summary>
public static class ZipExport
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <param name="written">Filled as files are finished, so a caller can audit what left even when the export breaks off.</param>
    /// <returns>The SHA-256 of the manifest itself, which covers every file through their hashes.</returns>
    public static async Task<string> WriteAsync(Stream output, IReadOnlyList<ExportFile> files, Func<IReadOnlyList<WrittenFile>, object> manifest,
        List<WrittenFile> written, CancellationToken ct)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var file in files)
        {
            await using var entry = zip.CreateEntry(file.Name, CompressionLevel.Fastest).Open();
            await using var hashing = new HashingStream(entry);
            var rows = await file.WriteAsync(hashing, ct);
            await hashing.FlushAsync(ct);
            written.Add(new WrittenFile(file.Name, rows, hashing.Sha256()));
        }

        await using var manifestEntry = zip.CreateEntry("manifest.json", CompressionLevel.Fastest).Open();
        await using var manifestHashing = new HashingStream(manifestEntry);
        await JsonSerializer.SerializeAsync(manifestHashing, manifest(written), ManifestJson, ct);
        await manifestHashing.FlushAsync(ct);
        return manifestHashing.Sha256();
    }

    /// <summary>A file holding one JSON document (a profile, a list read whole because it is small): one row.</summary>
    public static ExportFile Json(string name, Func<CancellationToken, Task<object>> read) => new(name, async (stream, ct) =>
    {
        await JsonSerializer.SerializeAsync(stream, await read(ct), ManifestJson, ct);
        return 1;
    });
}
