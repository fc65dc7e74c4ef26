using System.Text.RegularExpressions;

namespace Marketing.Server.Consent;

/// <summary>
/// Where the designer shows a problem of the banner rules: the id of the field a rule's path names
/// (<c>services[1].cookies[0].lifetimeDays</c> → <c>svc-1-cookie-0-days</c>). An entry at index <c>shown</c> is the
/// one being added, drawn in the "new" form.
/// </summary>
public static partial class BannerFieldIds
{
    public static string Of(string path, int shownCategories, int shownServices, bool starting = false)
    {
        var rule = path.StartsWith("definition.", StringComparison.Ordinal) ? path["definition.".Length..] : path;
        if (Entry().Match(rule) is { Success: true } entry)
        {
            var index = int.Parse(entry.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var isCategory = entry.Groups["list"].Value == "categories";
            var at = index == (isCategory ? shownCategories : shownServices) ? "new" : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var prefix = $"{(isCategory ? "cat" : "svc")}-{at}";
            return entry.Groups["j"].Success
                ? $"{prefix}-cookie-{entry.Groups["j"].Value}-{(entry.Groups["cookieField"].Value == "name" ? "name" : "days")}"
                : $"{prefix}-{Field(entry.Groups["field"].Value)}";
        }

        if (Text().Match(rule) is { Success: true } text)
        {
            return text.Groups["key"].Success ? $"text-{text.Groups["locale"].Value}-{text.Groups["key"].Value}" : $"text-{text.Groups["locale"].Value}";
        }

        return rule switch
        {
            _ when starting => "settings-locales",
            "locales" or "definition" => "settings-locales",
            "defaultLocale" => "settings-default",
            "renewAfterDays" => "settings-renew",
            "privacyPolicyUrl" => "settings-privacy",
            "categories" => "cat-new-key",
            "services" => "svc-new-key",
            _ => "publish",
        };
    }

    private static string Field(string rule) => rule switch
    {
        "privacyPolicyUrl" => "privacy",
        "googleConsent" => "google",
        _ => rule,
    };

    [GeneratedRegex(@"^(?<list>categories|services)\[(?<i>\d+)\]\.(?:cookies\[(?<j>\d+)\]\.(?<cookieField>name|lifetimeDays)|(?<field>\w+))$")]
    private static partial Regex Entry();

    [GeneratedRegex(@"^texts\.(?<locale>[^.]+)(?:\.(?<key>\w+))?$")]
    private static partial Regex Text();
}
