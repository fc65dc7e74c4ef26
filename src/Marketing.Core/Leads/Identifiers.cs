using System.Globalization;
using System.Net.Mail;
using PhoneNumbers;

namespace Marketing.Leads;

/// <summary>Normalised identifiers: what two spellings of one address or number have in common.</summary>
public static class Identifiers
{
    private static readonly IdnMapping Idn = new();

    /// <summary>Trimmed, lowercased, with an internationalised domain in its ASCII (punycode) form.</summary>
    public static bool TryNormalizeEmail(string? input, out string email)
    {
        email = "";
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 320 || trimmed.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !string.IsNullOrEmpty(parsed.DisplayName))
        {
            return false;
        }

        string host;
        try
        {
            host = Idn.GetAscii(parsed.Host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (!host.Contains('.', StringComparison.Ordinal) || host.StartsWith('.') || host.EndsWith('.'))
        {
            return false;
        }

        if (MixedScriptLabel($"{parsed.User}@{host}") is not null)
        {
            return false;
        }

        email = $"{parsed.User.ToLowerInvariant()}@{host}";
        return true;
    }

    /// <summary>
    /// The first part of an address that mixes scripts (UTS #39), such as "pаypal" with a Cyrillic "а", or null. Each
    /// dot-separated part of the local part and each domain label is looked at alone, the domain in its Unicode form
    /// (an "xn--" label too), so that "ivan.петров@пример.рф" passes and a look-alike of a Latin name does not.
    /// </summary>
    public static string? MixedScriptLabel(string email)
    {
        var at = email.LastIndexOf('@');
        var domain = at < 0 ? "" : email[(at + 1)..];
        string unicodeDomain;
        try
        {
            unicodeDomain = domain.Length == 0 ? "" : Idn.GetUnicode(domain);
        }
        catch (ArgumentException)
        {
            unicodeDomain = domain;
        }

        return (at < 0 ? email : email[..at]).Split('.').Concat(unicodeDomain.Split('.')).FirstOrDefault(ScriptMixing.IsMixed);
    }

    /// <summary>
    /// The form a number is suppressed, hashed and looked up in: E.164 as libphonenumber writes it, or, for a number it
    /// does not know but that is written in E.164 (as Twilio gives the sender of an SMS), that number itself. Null for
    /// anything else. STOP must always reach the number it came from (R58, R64), whatever libphonenumber's metadata says.
    /// </summary>
    public static string? PhoneKey(string? number)
    {
        if (TryNormalizePhone(number, "ZZ", out var e164))
        {
            return e164;
        }

        var digits = number?.Trim();
        return digits is { Length: >= 8 and <= 16 } && digits[0] == '+' && digits[1] != '0' && digits.Skip(1).All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>E.164, reading a number without a country code in <paramref name="defaultRegion"/>.</summary>
    public static bool TryNormalizePhone(string? input, string defaultRegion, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return false;
        }

        var util = PhoneNumberUtil.GetInstance();
        try
        {
            var number = util.Parse(input, defaultRegion);
            if (!util.IsValidNumber(number))
            {
                return false;
            }

            e164 = util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
