using Marketing.Server.Hosting;

namespace Marketing.Server.Consent;

public sealed class CookieConsentSettings
{
    public const string Section = "Marketing:CookieConsent";

    /// <summary>
    /// Bits of an IPv4 address kept with a cookie choice. Truncated by default (R29): the record proves a choice
    /// made on a banner, and the consent id, not the address, ties it to the browser.
    /// </summary>
    public int IpPrefixV4 { get; set; } = 24;
    /// <summary>Bits of an IPv6 address kept with a cookie choice; 48 keeps the site prefix only.</summary>
    public int IpPrefixV6 { get; set; } = 48;

    /// <summary>Stops the start, naming the setting, at the first value it cannot use.</summary>
    public void Validate()
    {
        Setting.Require(IpPrefixV4 is >= 0 and <= 32, $"{Section}:IpPrefixV4", "must be between 0 and 32");
        Setting.Require(IpPrefixV6 is >= 0 and <= 128, $"{Section}:IpPrefixV6", "must be between 0 and 128");
    }
}
