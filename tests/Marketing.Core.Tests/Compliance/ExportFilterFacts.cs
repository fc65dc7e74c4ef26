using Marketing.Compliance;

namespace Marketing.Core.Tests.Compliance;

/// <summary>The exports' format and period, checked alike for the API and the compliance page.</summary>
public sealed class ExportFilterFacts
{
    [Theory]
    [InlineData("csv", null, null, null)]
    [InlineData("json", "2026-12-01", "2026-12-02", null)]
    [InlineData("json", "2026-12-01", null, null)]
    [InlineData("xml", null, null, "format")]
    [InlineData("CSV", null, null, "format")]
    [InlineData("csv", "2026-12-02", "2026-12-01", "to")]
    [InlineData("csv", "2026-12-01", "2026-12-01", "to")]
    public void CheckFilters_NamesTheFieldAtFault(string format, string? from, string? to, string? field)
    {
        var problem = ProofFiles.CheckFilters(format, Day(from), Day(to));

        Assert.Equal(field, problem?.Field);
    }

    private static DateTimeOffset? Day(string? value) => value is null ? null : DateTimeOffset.Parse(value + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
}
