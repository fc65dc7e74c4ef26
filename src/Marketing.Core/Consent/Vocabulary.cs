namespace Marketing.Consent;

/// <summary>Channels a purpose may use (REQUIREMENTS conventions).</summary>
public static class ChannelKeys
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Phone = "phone";
    public const string Postal = "postal";
    public const string AdAudience = "ad-audience";
    public const string WebTracking = "web-tracking";

    public static IReadOnlyList<string> All { get; } = [Email, Sms, Phone, Postal, AdAudience, WebTracking];
}

/// <summary>The lawful bases of GDPR art. 6(1) that marketing can rest on (R1).</summary>
public static class LawfulBases
{
    public const string Consent = "consent";
    public const string LegitimateInterest = "legitimate_interest";
    public const string Contract = "contract";
    public const string LegalObligation = "legal_obligation";

    public static IReadOnlyList<string> All { get; } = [Consent, LegitimateInterest, Contract, LegalObligation];
}

/// <summary>
/// The legal regime a person falls under, from their country and audience (B2C or B2B). Rules differ
/// between them (R3, R4, R7, R8), so a purpose's basis is declared per regime and an unlisted regime has none.
/// </summary>
public static class Regimes
{
    public static IReadOnlyList<string> All { get; } =
        ["eu", "eu-b2b", "fr", "fr-b2b", "de", "de-b2b", "uk", "uk-b2b", "us", "us-b2b", "ca", "ca-b2b", "other", "other-b2b"];

    private static readonly HashSet<string> EuCountries =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT",
        "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ];

    public static string Resolve(string? country, bool business)
    {
        var jurisdiction = country?.ToUpperInvariant() switch
        {
            "FR" or "GP" or "MQ" or "GF" or "RE" or "YT" => "fr",
            "DE" => "de",
            "GB" => "uk",
            "US" => "us",
            "CA" => "ca",
            { } c when EuCountries.Contains(c) => "eu",
            _ => "other",
        };
        return business ? $"{jurisdiction}-b2b" : jurisdiction;
    }
}

/// <summary>What a consent event says about a person's consent to a purpose (R14).</summary>
public static class ConsentStatuses
{
    public const string Granted = "granted";
    public const string PendingConfirmation = "pending_confirmation";
    public const string Confirmed = "confirmed";
    public const string Withdrawn = "withdrawn";
    public const string Objected = "objected";
    public const string Expired = "expired";
    /// <summary>
    /// No consent, but a legitimate-interest assessment an API client or an import named for the purpose (R55): the
    /// basis of a person collected indirectly, on which the gate still weighs the regime's rules.
    /// </summary>
    public const string LegitimateInterest = "legitimate_interest";

    public static IReadOnlyList<string> All { get; } = [Granted, PendingConfirmation, Confirmed, Withdrawn, Objected, Expired, LegitimateInterest];
}

/// <summary>How a consent was collected (R14).</summary>
public static class ConsentMethods
{
    public const string Checkbox = "checkbox";
    public const string DoubleOptIn = "double_opt_in";
    public const string ApiImport = "api_import";
    public const string OneClickUnsubscribe = "one_click_unsubscribe";
    public const string PreferenceCentre = "preference_centre";
    public const string UnsubscribeLink = "unsubscribe_link";
    /// <summary>STOP or START texted to the engine's number (R58, R64).</summary>
    public const string SmsKeyword = "sms-keyword";
    /// <summary>A YES texted back from the number the consent names: proof the number is the person's (R21).</summary>
    public const string SmsReply = "sms-reply";
}

/// <summary>Purposes the engine itself looks for, by key (R1's examples).</summary>
public static class TrackingPurposes
{
    /// <summary>Consent to recipient-level click tracking in email (R31): without it, links in messages are direct.</summary>
    public const string Clicks = "click_tracking";

    /// <summary>Consent to the open pixel in email (R30), separate from consent to the mail itself: without it, no pixel.</summary>
    public const string Opens = "open_tracking";
}
