using Marketing.Common;
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

    public static RuleErrors ValidateStructure(FormDefinition form, bool requireEveryLabel)
    {
        var errors = new RuleErrors();
        var locales = form.Locales ?? [];
        if (locales.Count == 0 || locales.Any(l => !PurposeRules.IsValidLocale(l)))
        {
            errors.Set("locales", "form.locales");
        }

        if (form.DefaultLocale is not null && !locales.Contains(form.DefaultLocale))
        {
            errors.Set("defaultLocale", "form.defaultLocale");
        }

        if (!IsKnownRegion(form.DefaultRegion))
        {
            errors.Set("defaultRegion", "form.defaultRegion");
        }

        if (form.Audience is not (null or "b2c" or "b2b"))
        {
            errors.Set("audience", "form.audience");
        }

        ValidateFields(form.Fields ?? [], locales, requireEveryLabel, errors);

        var success = form.Success;
        if (success?.RedirectUrl is { } redirect)
        {
            if (!Uri.TryCreate(redirect, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Set("success.redirectUrl", "form.redirectUrl");
            }
        }
        else if (success?.Message is not { Count: > 0 })
        {
            errors.Set("success", "form.success");
        }

        var origins = form.AllowedOrigins ?? [];
        for (var i = 0; i < origins.Count; i++)
        {
            if (!SiteRules.TryNormalizeOrigin(origins[i], out _, out var problem))
            {
                errors.Set($"allowedOrigins[{i}]", problem);
            }
        }

        if (form.Theme is { } theme && !FormThemes.All.Contains(theme))
        {
            errors.Set("theme", "form.theme", ("themes", FormThemes.All));
        }

        if (form.MinFillSeconds is < 0 or > 600)
        {
            errors.Set("minFillSeconds", "form.minFillSeconds", ("min", 0), ("max", 600));
        }

        return errors;
    }

    /// <summary>
    /// What a consent box says of itself: it starts unticked (R9) and binds one purpose (R10). The key of the purpose to
    /// check it against, or null when it binds none or several.
    /// </summary>
    public static string? CheckConsentBox(ConsentBox box, string at, RuleErrors errors)
    {
        if (box.Checked)
        {
            errors.Set($"{at}.checked", "form.consent.preTicked");
        }

        var bound = box.BoundPurposes();
        if (bound.Count == 1)
        {
            return bound[0];
        }

        if (bound.Count == 0)
        {
            errors.Set($"{at}.purposes", "form.consent.noPurpose");
        }
        else
        {
            errors.Set($"{at}.purposes", "form.consent.bundled", ("count", bound.Count), ("purposes", bound));
        }


        return null;
    }

    /// <summary>
    /// A consent box against the purpose it binds (null when the registry has none by <paramref name="key"/>): one box
    /// per purpose on a form, one channel of the purpose's (R10), a lawful basis in the form's regime (R1), the notice
    /// whose wording it shows (R11). <paramref name="boxed"/> collects the purposes already boxed. The channel the box
    /// consents to, or null when it names none.
    /// </summary>
    public static string? CheckConsentPurpose(ConsentBox box, string at, string key, Purpose? purpose, string regime, ISet<string> boxed,
        RuleErrors errors)
    {
        if (purpose is null)
        {
            errors.Set($"{at}.purpose", "form.consent.unknownPurpose", ("purpose", key));
            return null;
        }

        if (!boxed.Add(purpose.Key))
        {
            errors.Set($"{at}.purpose", "form.consent.purposeTwice", ("purpose", purpose.Key));
        }

        var channel = box.Channel ?? (purpose.Channels.Count == 1 ? purpose.Channels[0] : null);
        if (channel is null)
        {
            errors.Set($"{at}.channel", "form.consent.oneChannel", ("purpose", purpose.Key), ("channels", purpose.Channels));
        }
        else if (!purpose.Channels.Contains(channel))
        {
            errors.Set($"{at}.channel", "form.consent.channelNotUsed", ("purpose", purpose.Key), ("channel", channel));
        }

        if (!purpose.Bases.ContainsKey(regime))
        {
            errors.Set($"{at}.purpose", "form.consent.noBasis", ("purpose", purpose.Key), ("regime", regime));
        }

        if (box.Notice is null)
        {
            errors.Set($"{at}.notice", "form.consent.noNotice");
        }

        return channel;
    }

    /// <summary>A form is published with a privacy notice (R12), each locale's version at a URL a person can open.</summary>
    public static void CheckPrivacyNotice(string? key, IReadOnlyDictionary<string, PinnedNotice>? pinned, RuleErrors errors)
    {
        if (key is null)
        {
            errors.Set("privacyNotice", "form.privacyNotice.missing");
        }
        else if (pinned is not null && pinned.Values.Any(v => string.IsNullOrWhiteSpace(v.Url)))
        {
            errors.Set("privacyNotice", "form.privacyNotice.url");
        }
    }

    private static void ValidateFields(List<FormField> fields, List<string> locales, bool requireEveryLabel, RuleErrors errors)
    {
        if (fields.Count is 0 or > MaxFields)
        {
            errors.Set("fields", "form.fields.count", ("max", MaxFields));
            return;
        }

        var seen = new HashSet<string>();
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var at = $"fields[{i}]";
            if (field.Name is null || !FieldNamePattern().IsMatch(field.Name))
            {
                errors.Set($"{at}.name", "form.field.name");
            }
            else if (!seen.Add(field.Name))
            {
                errors.Set($"{at}.name", "form.field.nameTwice");
            }

            if (field.Type is null || !FieldTypes.All.Contains(field.Type))
            {
                errors.Set($"{at}.type", "form.field.type", ("types", FieldTypes.All));
            }
            else if (field.Type == FieldTypes.Select && field.Options is not { Count: > 0 })
            {
                errors.Set($"{at}.options", "form.field.options");
            }

            if (field.MaxLength is < 1 or > 10_000)
            {
                errors.Set($"{at}.maxLength", "form.field.maxLength", ("min", 1), ("max", 10000));
            }

            var missing = locales.Where(l => field.Label is null || !field.Label.TryGetValue(l, out var text) || string.IsNullOrWhiteSpace(text)).ToList();
            if (field.Label is not { Count: > 0 } || (requireEveryLabel && missing.Count > 0))
            {
                errors.Set($"{at}.label", "form.field.label", ("missing", missing));
            }
        }

        var emails = fields.Count(f => f.Type == FieldTypes.Email);
        var phones = fields.Count(f => f.Type == FieldTypes.Phone);
        if (emails + phones == 0)
        {
            errors.Set("fields", "form.fields.identifier");
        }
        else if (emails > 1 || phones > 1)
        {
            errors.Set("fields", "form.fields.oneEach");
        }
    }
}
