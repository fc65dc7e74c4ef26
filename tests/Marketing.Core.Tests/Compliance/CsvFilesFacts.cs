using System.Globalization;
using Marketing.Compliance;

namespace Marketing.Core.Tests.Compliance;

/// <summary>Every CSV the engine writes, read back as a spreadsheet reads it: no cell starts a formula (OWASP CSV injection).</summary>
public sealed class CsvFilesFacts
{
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"open\")", "'=HYPERLINK(\"https://evil.example\",\"open\")")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("https://www.acme.example/page", "https://www.acme.example/page")]
    [InlineData("a=b", "a=b")]
    public async Task ProofCsv_NeutralisesAFormulaInEveryTextColumn(string hostile, string expected)
    {
        var row = new ProofRow(Guid.NewGuid(), Guid.NewGuid(), 1, hostile, hostile, Guid.NewGuid(), hostile, hostile, hostile, hostile, hostile, hostile,
            DateTimeOffset.UnixEpoch, null, null, null, hostile, hostile, hostile, hostile, null, hostile, hostile, null, hostile, hostile, hostile,
            null, hostile, hostile, hostile);

        var cells = await WriteAndReadAsync([row]);

        Assert.All(cells, c => Assert.DoesNotMatch("^[=+\\-@\t\r]", c));
        Assert.Equal(expected, cells[3]);
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("@cmd")]
    [InlineData("-1")]
    public async Task CookieConsentCsv_NeutralisesAFormulaInEveryTextColumn(string hostile)
    {
        var row = new CookieConsentRow(Guid.NewGuid(), hostile, hostile, 1, hostile, hostile, hostile, hostile, hostile, hostile, hostile, hostile, false, hostile,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var cells = await WriteAndReadAsync([row]);

        Assert.All(cells, c => Assert.DoesNotMatch("^[=+\\-@\t\r]", c));
        Assert.Equal($"'{hostile}", cells[1]);
    }

    private static async Task<List<string>> WriteAndReadAsync<TRow>(TRow[] rows)
    {
        using var output = new MemoryStream();
        await ProofFiles.WriteAsync(ProofFiles.Csv, rows.ToAsyncEnumerable(), output, CancellationToken.None);
        output.Position = 0;
        using var csv = new CsvHelper.CsvReader(new StreamReader(output), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        Assert.True(csv.Read());
        return [.. Enumerable.Range(0, csv.HeaderRecord!.Length).Select(i => csv.GetField(i) ?? "")];
    }
}
