using System.Text.RegularExpressions;

namespace Marketing.Consent;

/// <summary>
/// Checks of a banner. The structure is checked when a draft is saved; completeness (every text in every
/// locale, each vendor's provider, purpose and cookie durations: R24) when it is published.
/// </summary>
public static partial class BannerRules
{
    public const int DefaultRenewAfterDays = 182;
    /// <summary>13 months: the CNIL's cap for audience-measurement cookies, kept as the cap for the consent cookie too (R27).</summary>
    public const int MaxRenewAfterDays = 395;
    public const int MaxCategories = 20;
    public const int MaxServices = 100;
    public const int MaxText = 2000;

    /// <summary>Consent types of Google Consent Mode v2 a category may grant.</summary>
    public static IReadOnlyList<string> GoogleConsentTypes { get; } =
        ["ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "functionality_storage", "personalization_storage", "security_storage"];

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,39}$")]
    private static partial Regex KeyPattern();

    // What a browser accepts as a cookie name, plus a trailing * for a family such as _ga_*.
    [GeneratedRegex(@"^[!#$%&'+\-.0-9A-Z^_`a-z|~]{1,100}\*?$")]
    private static partial Regex CookieNamePattern();

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public static Dictionary<string, string[]> Validate(BannerDefinition banner, bool forPublication)
    {
        var errors = new Dictionary<string, string[]>();
        var locales = banner.Locales ?? [];
        if (locales.Count is 0 or > 20 || locales.Any(l => !PurposeRules.IsValidLocale(l)) || locales.Distinct().Count() != locales.Count)
        {
            errors["locales"] = [$"list the locales the banner is shown in, e.g. [\"fr\", \"en\"]; built-in texts exist for {string.Join(", ", BannerTexts.Languages)}"];
        }

        if (banner.DefaultLocale is not null && !locales.Contains(banner.DefaultLocale))
        {
            errors["defaultLocale"] = ["must be one of the banner's locales"];
        }

        if (banner.RenewAfterDays is < 1 or > MaxRenewAfterDays)
        {
            errors["renewAfterDays"] = [$"must be between 1 and {MaxRenewAfterDays} (13 months, R27)"];
        }

        if (banner.PrivacyPolicyUrl is not null && !IsHttpUrl(banner.PrivacyPolicyUrl))
        {
            errors["privacyPolicyUrl"] = ["must be an absolute http(s) URL"];
        }

        var categories = ValidateCategories(banner.Categories ?? [], locales, forPublication, errors);
        ValidateServices(banner.Services ?? [], categories, locales, forPublication, errors);
        ValidateTexts(banner.Texts, locales, forPublication, errors);
        return errors;
    }

    private static HashSet<string> ValidateCategories(List<BannerCategory> categories, List<string> locales, bool forPublication, Dictionary<string, string[]> errors)
    {
        var keys = new HashSet<string>();
        if (categories.Count is 0 or > MaxCategories)
        {
            errors["categories"] = [$"give 1 to {MaxCategories} categories"];
        }

        for (var i = 0; i < categories.Count; i++)
        {
            var category = categories[i];
            var at = $"categories[{i}]";
            CheckKey(category.Key, $"{at}.key", keys, errors);
            CheckTexts(category.Names, locales, forPublication, $"{at}.names", "a name", errors);
            CheckTexts(category.Descriptions, locales, forPublication, $"{at}.descriptions", "a description of the purpose (R24)", errors);
            if (category.Required && category.Marketing)
            {
                errors[$"{at}.marketing"] = ["a strictly necessary category cannot be a marketing one"];
            }

            var unknown = (category.GoogleConsent ?? []).Where(t => !GoogleConsentTypes.Contains(t)).ToList();
            if (unknown.Count > 0)
            {
                errors[$"{at}.googleConsent"] = [$"unknown consent types {string.Join(", ", unknown)}; use {string.Join(", ", GoogleConsentTypes)}"];
            }
        }

        return keys;
    }

    private static void ValidateServices(List<BannerService> services, HashSet<string> categories, List<string> locales, bool forPublication, Dictionary<string, string[]> errors)
    {
        if (services.Count > MaxServices)
        {
            errors["services"] = [$"at most {MaxServices} services"];
        }

        var keys = new HashSet<string>();
        for (var i = 0; i < services.Count; i++)
        {
            var service = services[i];
            var at = $"services[{i}]";
            CheckKey(service.Key, $"{at}.key", keys, errors);
            if (string.IsNullOrWhiteSpace(service.Name) || service.Name.Length > 200)
            {
                errors[$"{at}.name"] = ["is required, at most 200 characters"];
            }

            if (service.Category is null || !categories.Contains(service.Category))
            {
                errors[$"{at}.category"] = ["must name one of the banner's categories"];
            }

            if (forPublication && (string.IsNullOrWhiteSpace(service.Provider) || service.Provider.Length > 200))
            {
                errors[$"{at}.provider"] = ["name the company behind the service: visitors must know every partner (R24)"];
            }

            CheckTexts(service.Purposes, locales, forPublication, $"{at}.purposes", "the service's purpose (R24)", errors);
            if (service.PrivacyPolicyUrl is not null && !IsHttpUrl(service.PrivacyPolicyUrl))
            {
                errors[$"{at}.privacyPolicyUrl"] = ["must be an absolute http(s) URL"];
            }

            ValidateCookies(service.Cookies, at, forPublication, errors);
        }
    }

    private static void ValidateCookies(List<BannerCookie>? cookies, string at, bool forPublication, Dictionary<string, string[]> errors)
    {
        if (cookies is null)
        {
            if (forPublication)
            {
                errors[$"{at}.cookies"] = ["list the cookies the service sets, each with its lifetime (R24); [] if it sets none"];
            }

            return;
        }

        for (var j = 0; j < cookies.Count; j++)
        {
            if (cookies[j].Name is not { } name || !CookieNamePattern().IsMatch(name))
            {
                errors[$"{at}.cookies[{j}].name"] = ["must be a cookie name (a trailing * matches a family such as _ga_*)"];
            }

            if (cookies[j].LifetimeDays is < 0 or > 3650 || (forPublication && cookies[j].LifetimeDays is null))
            {
                errors[$"{at}.cookies[{j}].lifetimeDays"] = ["give the cookie's duration in days, 0 for a session cookie (R24)"];
            }
        }
    }

    private static void ValidateTexts(Dictionary<string, Dictionary<string, string>>? texts, List<string> locales, bool forPublication, Dictionary<string, string[]> errors)
    {
        foreach (var (locale, overrides) in texts ?? [])
        {
            if (!locales.Contains(locale))
            {
                errors[$"texts.{locale}"] = ["is not one of the banner's locales"];
                continue;
            }

            foreach (var (key, value) in overrides)
            {
                if (!BannerTexts.Keys.Contains(key))
                {
                    errors[$"texts.{locale}.{key}"] = [$"is not a banner text; use {string.Join(", ", BannerTexts.Keys)}"];
                }
                else if (string.IsNullOrWhiteSpace(value) || value.Length > MaxText)
                {
                    errors[$"texts.{locale}.{key}"] = [$"must be 1 to {MaxText} characters"];
                }
            }
        }

        if (!forPublication)
        {
            return;
        }

        foreach (var locale in locales)
        {
            // A blank word is already named above: here it counts as not given, so a locale with built-in words is not
            // also reported as having none.
            var given = texts?.GetValueOrDefault(locale)?.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary();
            var (_, missing) = BannerTexts.Resolve(locale, given);
            if (missing.Count > 0)
            {
                errors[$"texts.{locale}"] = [$"the banner has no built-in texts in '{locale}': give {string.Join(", ", missing)}"];
            }
        }
    }

    private static void CheckKey(string? key, string at, HashSet<string> seen, Dictionary<string, string[]> errors)
    {
        if (!IsValidKey(key))
        {
            errors[at] = ["must be 1 to 40 lowercase letters, digits, hyphens or underscores, starting with a letter"];
        }
        else if (!seen.Add(key!))
        {
            errors[at] = ["is used twice"];
        }
    }

    private static void CheckTexts(Dictionary<string, string>? texts, List<string> locales, bool forPublication, string at, string what, Dictionary<string, string[]> errors)
    {
        if (texts?.Values.Any(t => t is null || t.Length > MaxText) == true)
        {
            errors[at] = [$"each text must be at most {MaxText} characters"];
            return;
        }

        var missing = locales.Where(l => texts is null || !texts.TryGetValue(l, out var text) || string.IsNullOrWhiteSpace(text)).ToList();
        if (forPublication && missing.Count > 0)
        {
            errors[at] = [$"give {what} in every locale (missing: {string.Join(", ", missing)})"];
        }
    }

    private static bool IsHttpUrl(string value) =>
        value.Length <= 2000 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
