using Marketing.Compliance;

namespace Marketing.Core.Tests.Compliance;

/// <summary>R44: which countries a transfer may go to, and what covers a transfer elsewhere.</summary>
public sealed class TransferRulesFacts
{
    [Theory]
    [InlineData("FR", CountryStanding.Eea)]
    [InlineData("NO", CountryStanding.Eea)]
    [InlineData("IS", CountryStanding.Eea)]
    [InlineData("LI", CountryStanding.Eea)]
    [InlineData("GB", CountryStanding.Adequate)]
    [InlineData("CH", CountryStanding.Adequate)]
    [InlineData("JP", CountryStanding.Adequate)]
    [InlineData("KR", CountryStanding.Adequate)]
    [InlineData("US", CountryStanding.AdequateIfDpfCertified)]
    [InlineData("IN", CountryStanding.ThirdCountry)]
    [InlineData("BR", CountryStanding.ThirdCountry)]
    [InlineData("CN", CountryStanding.ThirdCountry)]
    public void StandingOf_ReadsTheOneTable(string country, CountryStanding expected) =>
        Assert.Equal(expected, TransferRules.StandingOf(country));

    [Theory]
    // Stored and read in the EEA, or in an adequate country: nothing to declare.
    [InlineData("FR,DE", null, null, false, "")]
    [InlineData("GB,CH", null, null, false, "")]
    // The United States: adequate for a DPF-certified recipient only.
    [InlineData("US", null, null, false, "US")]
    [InlineData("US", null, null, true, "")]
    [InlineData("US", "dpf", null, false, "US")]
    // A third country needs SCC, BCR or art. 49 with its document.
    [InlineData("IN", null, null, false, "IN")]
    [InlineData("IN", "scc", null, false, "IN")]
    [InlineData("IN", "scc", "SCC-2021/914 signed 2025-02-01", false, "")]
    [InlineData("IN", "bcr", "BCR approved by CNIL", false, "")]
    [InlineData("IN", "art49", "explicit consent, art. 49(1)(a)", false, "")]
    // Adequacy names no decision for India: it covers nothing there.
    [InlineData("IN", "adequacy", "decision", false, "IN")]
    // SCCs cover a US recipient too; a DPF certification covers the United States and nowhere else.
    [InlineData("FR,US,IN", "scc", "SCC ref", false, "")]
    [InlineData("FR,US,IN", null, null, true, "IN")]
    public void UncoveredCountries_AreTheTransfersNoGroundCovers(string countries, string? mechanism, string? document, bool dpf, string expected)
    {
        var processor = Entry(countries.Split(','), mechanism, document, dpf);

        Assert.Equal(expected, string.Join(",", TransferRules.UncoveredCountries(processor)));
    }

    [Fact]
    public void AccessCountries_CountAsMuchAsStorage()
    {
        var processor = Entry(["FR"], null, null, false);
        processor.AccessCountries = ["FR", "IN"];

        Assert.Equal(["IN"], TransferRules.UncoveredCountries(processor));
    }

    [Theory]
    [InlineData(true, "2025-01-10", "2026-01-09", false)]
    [InlineData(true, "2025-01-10", "2026-01-10", true)]
    [InlineData(true, null, "2026-01-10", true)]
    [InlineData(false, "2020-01-01", "2026-01-10", false)]
    public void DpfReview_IsDueTwelveMonthsAfterTheLastCheck(bool certified, string? verified, string today, bool due)
    {
        var processor = Entry(["US"], null, null, certified);
        processor.DpfVerifiedOn = verified is null ? null : DateOnly.Parse(verified, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(due, TransferRules.DpfReviewDue(processor, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Problem_NamesTheMissingEntry_OrTheUncoveredCountry_UnderEuOnly()
    {
        var use = new ChannelProcessors.Use("twilio", "twilio", "Marketing:Sms:Processor", true);
        var inUs = Entry(["US"], null, null, false);
        var anywhere = new ChannelProcessors([use], EuOnly: false);
        var euOnly = new ChannelProcessors([use], EuOnly: true);

        Assert.Contains("no processor entry 'twilio' exists", anywhere.Problem(use, null), StringComparison.Ordinal);
        Assert.Null(anywhere.Problem(use, inUs));
        Assert.Contains("US", euOnly.Problem(use, inUs), StringComparison.Ordinal);
        Assert.Null(euOnly.Problem(use, Entry(["IE"], null, null, false)));
    }

    internal static Processor Entry(string[] countries, string? mechanism, string? document, bool dpf) => new()
    {
        Key = "p", LegalName = "P Ltd", Role = ProcessorRoles.Processor, Service = "s", SubProcessorsUrl = "https://p.example/sub",
        StorageCountries = [.. countries], AccessCountries = [.. countries], TransferMechanism = mechanism, TransferDocument = document, DpfCertified = dpf,
        DpfVerifiedOn = dpf ? new DateOnly(2026, 1, 1) : null, DpaDate = new DateOnly(2025, 1, 1),
    };
}
