using Marketing.Common;
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

    public static RuleErrors Validate(BannerDefinition banner, bool forPublication)
    {
        var errors = new RuleErrors();
        var locales = banner.Locales ?? [];
        if (locales.Count is 0 or > 20 || locales.Any(l => !PurposeRules.IsValidLocale(l)) || locales.Distinct().Count() != locales.Count)
        {
            errors.Set("locales", "banner.locales", ("builtIn", BannerTexts.Languages));
        }

        if (banner.DefaultLocale is not null && !locales.Contains(banner.DefaultLocale))
        {
            errors.Set("defaultLocale", "banner.defaultLocale");
        }

        if (banner.RenewAfterDays is < 1 or > MaxRenewAfterDays)
        {
            errors.Set("renewAfterDays", "banner.renewAfterDays", ("max", MaxRenewAfterDays));
        }

        if (banner.PrivacyPolicyUrl is not null && !IsHttpUrl(banner.PrivacyPolicyUrl))
        {
            errors.Set("privacyPolicyUrl", "banner.url");
        }

        var categories = ValidateCategories(banner.Categories ?? [], locales, forPublication, errors);
        ValidateServices(banner.Services ?? [], categories, locales, forPublication, errors);
        ValidateTexts(banner.Texts, locales, forPublication, errors);
        return errors;
    }

    private static HashSet<string> ValidateCategories(List<BannerCategory> categories, List<string> locales, bool forPublication, RuleErrors errors)
    {
        var keys = new HashSet<string>();
        if (categories.Count is 0 or > MaxCategories)
        {
            errors.Set("categories", "banner.categories", ("max", MaxCategories));
        }

        for (var i = 0; i < categories.Count; i++)
        {
            var category = categories[i];
            var at = $"categories[{i}]";
            CheckKey(category.Key, $"{at}.key", keys, errors);
            CheckTexts(category.Names, locales, forPublication, $"{at}.names", "banner.texts.name", errors);
            CheckTexts(category.Descriptions, locales, forPublication, $"{at}.descriptions", "banner.texts.description", errors);
            if (category.Required && category.Marketing)
            {
                errors.Set($"{at}.marketing", "banner.category.marketing");
            }

            var unknown = (category.GoogleConsent ?? []).Where(t => !GoogleConsentTypes.Contains(t)).ToList();
            if (unknown.Count > 0)
            {
                errors.Set($"{at}.googleConsent", "banner.category.googleConsent", ("unknown", unknown), ("known", GoogleConsentTypes));
            }
        }

        return keys;
    }

    private static void ValidateServices(List<BannerService> services, HashSet<string> categories, List<string> locales, bool forPublication, RuleErrors errors)
    {
        if (services.Count > MaxServices)
        {
            errors.Set("services", "banner.services", ("max", MaxServices));
        }

        var keys = new HashSet<string>();
        for (var i = 0; i < services.Count; i++)
        {
            var service = services[i];
            var at = $"services[{i}]";
            CheckKey(service.Key, $"{at}.key", keys, errors);
            if (string.IsNullOrWhiteSpace(service.Name) || service.Name.Length > 200)
            {
                errors.Set($"{at}.name", "banner.service.name", ("max", 200));
            }

            if (service.Category is null || !categories.Contains(service.Category))
            {
                errors.Set($"{at}.category", "banner.service.category");
            }

            if (forPublication && (string.IsNullOrWhiteSpace(service.Provider) || service.Provider.Length > 200))
            {
                errors.Set($"{at}.provider", "banner.service.provider");
            }

            CheckTexts(service.Purposes, locales, forPublication, $"{at}.purposes", "banner.texts.servicePurpose", errors);
            if (service.PrivacyPolicyUrl is not null && !IsHttpUrl(service.PrivacyPolicyUrl))
            {
                errors.Set($"{at}.privacyPolicyUrl", "banner.url");
            }

            ValidateCookies(service.Cookies, at, forPublication, errors);
        }
    }

    private static void ValidateCookies(List<BannerCookie>? cookies, string at, bool forPublication, RuleErrors errors)
    {
        if (cookies is null)
        {
            if (forPublication)
            {
                errors.Set($"{at}.cookies", "banner.service.cookies");
            }

            return;
        }

        for (var j = 0; j < cookies.Count; j++)
        {
            if (cookies[j].Name is not { } name || !CookieNamePattern().IsMatch(name))
            {
                errors.Set($"{at}.cookies[{j}].name", "banner.cookie.name");
            }

            if (cookies[j].LifetimeDays is < 0 or > 3650 || (forPublication && cookies[j].LifetimeDays is null))
            {
                errors.Set($"{at}.cookies[{j}].lifetimeDays", "banner.cookie.lifetime");
            }
        }
    }

    private static void ValidateTexts(Dictionary<string, Dictionary<string, string>>? texts, List<string> locales, bool forPublication, RuleErrors errors)
    {
        foreach (var (locale, overrides) in texts ?? [])
        {
            if (!locales.Contains(locale))
            {
                errors.Set($"texts.{locale}", "banner.texts.locale");
                continue;
            }

            foreach (var (key, value) in overrides)
            {
                if (!BannerTexts.Keys.Contains(key))
                {
                    errors.Set($"texts.{locale}.{key}", "banner.texts.key", ("keys", BannerTexts.Keys));
                }
                else if (string.IsNullOrWhiteSpace(value) || value.Length > MaxText)
                {
                    errors.Set($"texts.{locale}.{key}", "banner.texts.length", ("max", MaxText));
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
                errors.Set($"texts.{locale}", "banner.texts.noBuiltIn", ("locale", locale), ("missing", missing));
            }
        }
    }

    private static void CheckKey(string? key, string at, HashSet<string> seen, RuleErrors errors)
    {
        if (!IsValidKey(key))
        {
            errors.Set(at, "banner.key");
        }
        else if (!seen.Add(key!))
        {
            errors.Set(at, "banner.keyTwice");
        }
    }

    private static void CheckTexts(Dictionary<string, string>? texts, List<string> locales, bool forPublication, string at, string missingCode, RuleErrors errors)
    {
        if (texts?.Values.Any(t => t is null || t.Length > MaxText) == true)
        {
            errors.Set(at, "banner.texts.tooLong", ("max", MaxText));
            return;
        }

        var missing = locales.Where(l => texts is null || !texts.TryGetValue(l, out var text) || string.IsNullOrWhiteSpace(text)).ToList();
        if (forPublication && missing.Count > 0)
        {
            errors.Set(at, missingCode, ("missing", missing));
        }
    }

    private static bool IsHttpUrl(string value) =>
        value.Length <= 2000 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
