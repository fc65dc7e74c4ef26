namespace Marketing.Consent;

/// <summary>
/// A site's cookie banner as a marketer writes it (the draft). Publishing checks it, resolves every text and
/// freezes it as a numbered, hashed version (R24, R28).
/// </summary>
public sealed record BannerDefinition
{
    public List<string>? Locales { get; init; }
    public string? DefaultLocale { get; init; }
    /// <summary>Days a choice is kept before the visitor is asked again (R26); the CNIL's good practice is about 6 months.</summary>
    public int? RenewAfterDays { get; init; }
    /// <summary>Send Google Consent Mode v2 signals (<c>gtag('consent', …)</c>) from the categories' mappings.</summary>
    public bool GoogleConsentMode { get; init; }
    public string? PrivacyPolicyUrl { get; init; }
    public List<BannerCategory>? Categories { get; init; }
    public List<BannerService>? Services { get; init; }
    /// <summary>Per locale, words that replace the built-in ones (e.g. a body text that names the company).</summary>
    public Dictionary<string, Dictionary<string, string>>? Texts { get; init; }
}

/// <summary>A purpose of cookies (analytics, marketing…). Only a required one may be on without a choice.</summary>
public sealed record BannerCategory
{
    public string? Key { get; init; }
    /// <summary>Strictly necessary: always on, shown but not switchable (R22 exemption).</summary>
    public bool Required { get; init; }
    /// <summary>Advertising or sale/sharing: a Global Privacy Control signal refuses it.</summary>
    public bool Marketing { get; init; }
    public Dictionary<string, string>? Names { get; init; }
    public Dictionary<string, string>? Descriptions { get; init; }
    /// <summary>Google Consent Mode v2 types this category grants, e.g. <c>analytics_storage</c>.</summary>
    public List<string>? GoogleConsent { get; init; }
}

/// <summary>A vendor or tool that places cookies for one category, disclosed with its purpose and durations (R24).</summary>
public sealed record BannerService
{
    public string? Key { get; init; }
    public string? Name { get; init; }
    public string? Category { get; init; }
    /// <summary>The company behind the service: the controller or partner the visitor is told about.</summary>
    public string? Provider { get; init; }
    public Dictionary<string, string>? Purposes { get; init; }
    public string? PrivacyPolicyUrl { get; init; }
    /// <summary>The cookies it sets; <c>[]</c> for a service that sets none. Names may end in <c>*</c> for a prefix.</summary>
    public List<BannerCookie>? Cookies { get; init; }
}

public sealed record BannerCookie
{
    public string? Name { get; init; }
    /// <summary>How long the cookie lives; 0 for a session cookie.</summary>
    public int? LifetimeDays { get; init; }
}
