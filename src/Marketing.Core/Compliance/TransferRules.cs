namespace Marketing.Compliance;

/// <summary>The grounds a transfer outside the EEA may rest on (R44, GDPR arts 45, 46, 47, 49).</summary>
public static class TransferMechanisms
{
    /// <summary>An adequacy decision covering the country (art. 45).</summary>
    public const string Adequacy = "adequacy";
    /// <summary>The EU-US Data Privacy Framework, Decision (EU) 2023/1795: adequacy for certified US organisations only.</summary>
    public const string Dpf = "dpf";
    /// <summary>Standard contractual clauses, Decision (EU) 2021/914 (art. 46(2)(c)).</summary>
    public const string Scc = "scc";
    /// <summary>Binding corporate rules (art. 47).</summary>
    public const string Bcr = "bcr";
    /// <summary>A derogation for a specific situation (art. 49).</summary>
    public const string Art49 = "art49";

    public static IReadOnlyList<string> All { get; } = [Adequacy, Dpf, Scc, Bcr, Art49];
}

/// <summary>Where a country stands for a transfer from the EEA.</summary>
public enum CountryStanding
{
    Eea,
    Adequate,
    /// <summary>Adequate only for organisations certified under the DPF (the United States).</summary>
    AdequateIfDpfCertified,
    ThirdCountry,
}

/// <summary>
/// The EEA and the countries with an adequacy decision, in one table (R44). Source: the European Commission's list of
/// adequacy decisions (commission.europa.eu, "Adequacy decisions"), as of 2025-09-03 (the General Court upheld the DPF
/// that day, T-553/23 Latombe; an appeal is reportedly pending). Update the date with the list.
/// </summary>
public static class TransferRules
{
    public const string ListDate = "2025-09-03";

    /// <summary>EU 27 plus Iceland, Liechtenstein and Norway.</summary>
    public static IReadOnlySet<string> Eea { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
        "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    };

    /// <summary>
    /// Adequacy decisions in force: Andorra, Argentina, Canada (commercial organisations under PIPEDA), Faroe Islands,
    /// Guernsey, Israel, Isle of Man, Japan, Jersey, New Zealand, Republic of Korea, Switzerland, United Kingdom, Uruguay.
    /// </summary>
    public static IReadOnlySet<string> Adequate { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR", "CH", "GB", "UY",
    };

    public const string UnitedStates = "US";

    public static CountryStanding StandingOf(string country) =>
        Eea.Contains(country) ? CountryStanding.Eea
        : Adequate.Contains(country) ? CountryStanding.Adequate
        : country == UnitedStates ? CountryStanding.AdequateIfDpfCertified
        : CountryStanding.ThirdCountry;

    /// <summary>A country outside the EEA the processor stores or accesses data in, and whether what is declared covers it.</summary>
    public sealed record Transfer(string Country, CountryStanding Standing, bool Covered);

    /// <summary>Every country outside the EEA in the entry (storage and access), each with whether the transfer there is covered.</summary>
    public static IReadOnlyList<Transfer> TransfersOf(Processor processor) =>
    [
        .. processor.StorageCountries.Concat(processor.AccessCountries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(c => (Country: c, Standing: StandingOf(c)))
            .Where(c => c.Standing != CountryStanding.Eea)
            .Select(c => new Transfer(c.Country, c.Standing, IsCovered(processor, c.Standing))),
    ];

    /// <summary>
    /// R44: an adequate country needs nothing more; the United States is adequate for a DPF-certified recipient; any other
    /// transfer needs a mechanism other than adequacy (SCC, BCR, art. 49, or DPF for a certified US recipient) and its document.
    /// </summary>
    public static bool IsCovered(Processor processor, CountryStanding standing) => standing switch
    {
        CountryStanding.Eea or CountryStanding.Adequate => true,
        CountryStanding.AdequateIfDpfCertified when processor.DpfCertified => true,
        _ => processor.TransferMechanism is TransferMechanisms.Scc or TransferMechanisms.Bcr or TransferMechanisms.Art49
             && !string.IsNullOrWhiteSpace(processor.TransferDocument),
    };

    /// <summary>The countries a channel may not send to under <c>data_region = eu-only</c>: those not covered (empty when all are).</summary>
    public static IReadOnlyList<string> UncoveredCountries(Processor processor) =>
        [.. TransfersOf(processor).Where(t => !t.Covered).Select(t => t.Country)];

    /// <summary>R44: a DPF certification is checked again every 12 months.</summary>
    public static bool DpfReviewDue(Processor processor, DateOnly today) =>
        processor.DpfCertified && (processor.DpfVerifiedOn is not { } verified || verified.AddMonths(12) <= today);
}
