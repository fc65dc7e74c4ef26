using Marketing.Leads;

namespace Marketing.Core.Tests.Leads;

/// <summary>The days of the art. 14 month (R52): the notice from day 21, the warning from day 25, nothing once informed.</summary>
public sealed class Art14RulesFacts
{
    private static readonly DateTimeOffset Collected = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    //          hours after collection  informed  notice  warn
    [InlineData(0, false, false, false)]
    [InlineData(20 * 24, false, false, false)]
    [InlineData(21 * 24 - 1, false, false, false)]
    [InlineData(21 * 24, false, true, false)]
    [InlineData(24 * 24 + 23, false, true, false)]
    [InlineData(25 * 24, false, true, true)]
    [InlineData(26 * 24, false, true, true)]
    [InlineData(31 * 24, false, true, true)]
    [InlineData(26 * 24, true, false, false)]
    [InlineData(-24, false, false, false)]
    public void Due_SaysNoticeFromDay21_AndWarningFromDay25_UntilInformed(int hours, bool informed, bool notice, bool warn) =>
        Assert.Equal(new Art14Due(notice, warn), Art14Rules.Due(Collected, informed ? Collected.AddDays(3) : null, Collected.AddHours(hours)));

    [Fact]
    public void Due_IsNothing_ForAPersonWhoGaveTheirDataThemselves() =>
        Assert.Equal(Art14Due.Nothing, Art14Rules.Due(null, null, Collected.AddDays(40)));

    [Theory]
    [InlineData("import:0d3c7f2a-1b2c-4d5e-8f90-a1b2c3d4e5f6", "Partner Ltd")]
    [InlineData("import:99999999-1b2c-4d5e-8f90-a1b2c3d4e5f6", "import:99999999-1b2c-4d5e-8f90-a1b2c3d4e5f6")]
    [InlineData("api:key:crm-sync", "key:crm-sync")]
    [InlineData("form:contact", "form:contact")]
    [InlineData(null, null)]
    public void SourceOf_NamesTheBatchesOrganisation_OrTheApiClient(string? personSource, string? expected)
    {
        var batches = new Dictionary<Guid, string> { [Guid.Parse("0d3c7f2a-1b2c-4d5e-8f90-a1b2c3d4e5f6")] = "Partner Ltd" };

        Assert.Equal(expected, Art14Rules.SourceOf(personSource, batches));
    }
}
