using System.Text.Json;

namespace Marketing.Compliance;

/// <summary>Writes export rows (proof of consent, cookie-consent log…) as CSV or JSON to a stream, row by row, and counts them.</summary>
public static class ProofFiles
{
    public const string Csv = "csv";
    public const string Json = "json";

    /// <summary>
    /// The first problem of an export's format and period, as (field, message), or null: the same for the API and the
    /// compliance page.
    /// </summary>
    public static (string Field, string Message)? CheckFilters(string format, DateTimeOffset? from, DateTimeOffset? to) =>
        format is not (Csv or Json) ? ("format", "must be csv or json")
        : from is { } f && to is { } t && t <= f ? ("to", "must be after from")
        : null;

    public static async Task<long> WriteAsync<TRow>(string format, IAsyncEnumerable<TRow> rows, Stream output, CancellationToken ct) =>
        format == Json ? await WriteJsonAsync(rows, output, ct) : await WriteCsvAsync(rows, output, ct);

    private static async Task<long> WriteCsvAsync<TRow>(IAsyncEnumerable<TRow> rows, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, leaveOpen: true);
        await using var csv = CsvFiles.CreateWriter(writer);
        csv.WriteHeader<TRow>();
        await csv.NextRecordAsync();
        long count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteRecord(row);
            await csv.NextRecordAsync();
            count++;
        }

        return count;
    }

    private static async Task<long> WriteJsonAsync<TRow>(IAsyncEnumerable<TRow> rows, Stream output, CancellationToken ct)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartArray();
        long count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            JsonSerializer.Serialize(json, row, options);
            count++;
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(ct);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(ct);
        return count;
    }
}
