using System.Text.RegularExpressions;
using Marketing.Consent;
using Marketing.Sites;
using PhoneNumbers;

namespace Marketing.Capture;

/// <summary>
/// Checks of a form: its own structure, run when a draft is saved and again when it is published, and at publication its
/// consent boxes and privacy notice against what they refer to, read by <see cref="PublishForm"/>.
/// </summary>
public static partial class FormRules
{
    public const int MaxFields = 50;
    public const int DefaultMinFillSeconds = 3;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex FieldNamePattern();

    public static bool IsKnownRegion(string? region) =>
        region is { Length: 2 } && PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(region);

    public static Dictionary<string, string[]> ValidateStructure(FormDefinition form, bool requireEveryLabel)
    {
        var errors = new Dictionary<string, string[]>();
        var locales = form.Locales ?? [];
        if (locales.Count == 0 || locales.Any(l => !PurposeRules.IsValidLocale(l)))
        {
            errors["locales"] = ["list the locales the form is shown in, e.g. [\"en\", \"fr\"]"];
        }

        if (form.DefaultLocale is not null && !locales.Contains(form.DefaultLocale))
        {
            errors["defaultLocale"] = ["must be one of the form's locales"];
        }

        if (!IsKnownRegion(form.DefaultRegion))
        {
            errors["defaultRegion"] = ["is required: an ISO 3166 region such as FR or DE, used to read phone numbers"];
        }

        if (form.Audience is not (null or "b2c" or "b2b"))
        {
            errors["audience"] = ["must be b2c or b2b"];
        }

        ValidateFields(form.Fields ?? [], locales, requireEveryLabel, errors);

        var success = form.Success;
        if (success?.RedirectUrl is { } redirect)
        {
            if (!Uri.TryCreate(redirect, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors["success.redirectUrl"] = ["must be an absolute http(s) URL"];
            }
        }
        else if (success?.Message is not { Count: > 0 })
        {
            errors["success"] = ["give a message per locale or a redirectUrl"];
        }

        var origins = form.AllowedOrigins ?? [];
        for (var i = 0; i < origins.Count; i++)
        {
            if (!SiteRules.TryNormalizeOrigin(origins[i], out _, out var problem))
            {
                errors[$"allowedOrigins[{i}]"] = [problem];
            }
        }

        if (form.Theme is { } theme && !FormThemes.All.Contains(theme))
        {
            errors["theme"] = [$"must be one of {string.Join(", ", FormThemes.All)}"];
        }

        if (form.MinFillSeconds is < 0 or > 600)
        {
            errors["minFillSeconds"] = ["must be between 0 and 600"];
        }

        return errors;
    }

    /// <summary>
    /// What a consent box says of itself: it starts unticked (R9) and binds one purpose (R10). The key of the purpose to
    /// check it against, or null when it binds none or several.
    /// </summary>
    public static string? CheckConsentBox(ConsentBox box, string at, Dictionary<string, string[]> errors)
    {
        if (box.Checked)
        {
            errors[$"{at}.checked"] = ["a consent box must start unticked: a pre-ticked box is not consent (R9)"];
        }

        var bound = box.BoundPurposes();
        if (bound.Count == 1)
        {
            return bound[0];
        }

        errors[$"{at}.purposes"] = [bound.Count == 0
            ? "bind the box to one purpose"
            : $"one box is bound to {bound.Count} purposes ({string.Join(", ", bound)}): ask for each purpose separately (R10)"];
        return null;
    }

    /// <summary>
    /// A consent box against the purpose it binds (null when the registry has none by <paramref name="key"/>): one box
    /// per purpose on a form, one channel of the purpose's (R10), a lawful basis in the form's regime (R1), the notice
    /// whose wording it shows (R11). <paramref name="boxed"/> collects the purposes already boxed. The channel the box
    /// consents to, or null when it names none.
    /// </summary>
    public static string? CheckConsentPurpose(ConsentBox box, string at, string key, Purpose? purpose, string regime, ISet<string> boxed,
        Dictionary<string, string[]> errors)
    {
        if (purpose is null)
        {
            errors[$"{at}.purpose"] = [$"no purpose '{key}'"];
            return null;
        }

        if (!boxed.Add(purpose.Key))
        {
            errors[$"{at}.purpose"] = [$"purpose '{purpose.Key}' already has a box on this form"];
        }

        var channel = box.Channel ?? (purpose.Channels.Count == 1 ? purpose.Channels[0] : null);
        if (channel is null)
        {
            errors[$"{at}.channel"] = [$"purpose '{purpose.Key}' covers {string.Join(", ", purpose.Channels)}: one box may consent to one channel (R10)"];
        }
        else if (!purpose.Channels.Contains(channel))
        {
            errors[$"{at}.channel"] = [$"purpose '{purpose.Key}' does not use channel '{channel}'"];
        }

        if (!purpose.Bases.ContainsKey(regime))
        {
            errors[$"{at}.purpose"] = [$"purpose '{purpose.Key}' has no lawful basis for regime '{regime}' (R1)"];
        }

        if (box.Notice is null)
        {
            errors[$"{at}.notice"] = ["a consent box needs the notice whose wording it shows (R11)"];
        }

        return channel;
    }

    /// <summary>A form is published with a privacy notice (R12), each locale's version at a URL a person can open.</summary>
    public static void CheckPrivacyNotice(string? key, IReadOnlyDictionary<string, PinnedNotice>? pinned, Dictionary<string, string[]> errors)
    {
        if (key is null)
        {
            errors["privacyNotice"] = ["a form cannot be published without a privacy notice (R12)"];
        }
        else if (pinned is not null && pinned.Values.Any(v => string.IsNullOrWhiteSpace(v.Url)))
        {
            errors["privacyNotice"] = ["every locale's privacy notice version needs the URL where it is published"];
        }
    }

    private static void ValidateFields(List<FormField> fields, List<string> locales, bool requireEveryLabel, Dictionary<string, string[]> errors)
    {
        if (fields.Count is 0 or > MaxFields)
        {
            errors["fields"] = [$"give 1 to {MaxFields} fields"];
            return;
        }

        var seen = new HashSet<string>();
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var at = $"fields[{i}]";
            if (field.Name is null || !FieldNamePattern().IsMatch(field.Name))
            {
                errors[$"{at}.name"] = ["must be 1 to 40 lowercase letters, digits or underscores, starting with a letter"];
            }
            else if (!seen.Add(field.Name))
            {
                errors[$"{at}.name"] = ["is used by another field"];
            }

            if (field.Type is null || !FieldTypes.All.Contains(field.Type))
            {
                errors[$"{at}.type"] = [$"must be one of: {string.Join(", ", FieldTypes.All)}"];
            }
            else if (field.Type == FieldTypes.Select && field.Options is not { Count: > 0 })
            {
                errors[$"{at}.options"] = ["a select needs options"];
            }

            if (field.MaxLength is < 1 or > 10_000)
            {
                errors[$"{at}.maxLength"] = ["must be between 1 and 10000"];
            }

            var missing = locales.Where(l => field.Label is null || !field.Label.TryGetValue(l, out var text) || string.IsNullOrWhiteSpace(text)).ToList();
            if (field.Label is not { Count: > 0 } || (requireEveryLabel && missing.Count > 0))
            {
                errors[$"{at}.label"] = [$"needs a label in every locale of the form (missing: {string.Join(", ", missing)})"];
            }
        }

        var emails = fields.Count(f => f.Type == FieldTypes.Email);
        var phones = fields.Count(f => f.Type == FieldTypes.Phone);
        if (emails + phones == 0)
        {
            errors["fields"] = ["a form needs an email or a phone field: it is how the person is identified"];
        }
        else if (emails > 1 || phones > 1)
        {
            errors["fields"] = ["at most one email field and one phone field"];
        }
    }
}
