using System.IO.Compression;
using System.Net;
using System.Text.Json;

namespace Marketing.Server.Tests.Compliance;

/// <summary>A compliance export as downloaded: its manifest and every file in the ZIP.</summary>
public sealed class ExportDownload(JsonElement manifest, IReadOnlyDictionary<string, byte[]> files)
{
    public JsonElement Manifest { get; } = manifest;
    public IReadOnlyDictionary<string, byte[]> Files { get; } = files;


    /// <summary>The export's main file, the first the manifest lists.</summary>
    public byte[] First => Files[Manifest.GetProperty("files")[0].GetProperty("name").GetString()!];

    public void Deconstruct(out byte[] file, out JsonElement manifest)
    {
        file = First;
        manifest = Manifest;
    }
}

public static class Exports
{
    public static async Task<ExportDownload> DownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var files = new Dictionary<string, byte[]>();
        foreach (var entry in zip.Entries)
        {
            await using var stream = entry.Open();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            files[entry.FullName] = copy.ToArray();
        }

        return new ExportDownload(JsonDocument.Parse(files["manifest.json"]).RootElement.Clone(), files);
    }

    public static List<Dictionary<string, string>> ReadCsv(byte[] file)
    {
        using var csv = new CsvHelper.CsvReader(new StreamReader(new MemoryStream(file)), System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h) ?? ""));
        }

        return rows;
    }
}
