using System.Globalization;
using CsvHelper;
using Marketing.Reports;

namespace Marketing.Core.Tests.Reports;

/// <summary>The reports' CSV files, read back as a spreadsheet reads them: a name a marketer typed never starts a formula.</summary>
public sealed class ExportReportFacts
{
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"open\")", "'=HYPERLINK(\"https://evil.example\",\"open\")")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(1+1)", "'@SUM(1+1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("Welcome = hello", "Welcome = hello")]
    public void Reports_NeutraliseAFormulaInANameColumn(string hostile, string expected)
    {
        var period = new ReportRules.Period(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2));
        var sequence = new ReadSequenceReport.Report("welcome", hostile, 1, 3,
            [new("mail", "email", 0, new ReadCampaignFigures.Figures("mail", 3, 2, 1, 0, 1, 1, 4, 1))]);
        var purpose = new ReadPurposeReport.Report("news", hostile, period, [1, 2], [0, 1], [0, 0], 5);

        var steps = Read(ExportReport.Sequence(sequence));
        var days = Read(ExportReport.Purpose(purpose));

        Assert.Equal(expected, steps[0]["name"]);
        Assert.Equal(("3", "2", "1", "4", "66.7", "50.0"),
            (steps[0]["sent"], steps[0]["delivered"], steps[0]["bounced"], steps[0]["clicks_aggregate"], steps[0]["delivery_rate"], steps[0]["click_rate"]));
        Assert.Equal([(expected, "2026-11-01", "1", "0"), (expected, "2026-11-02", "2", "1")], days.Select(d => (d["name"], d["date"], d["granted"], d["withdrawn"])));
    }

    private static List<Dictionary<string, string>> Read(string text)
    {
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));
        }

        return rows;
    }
}
