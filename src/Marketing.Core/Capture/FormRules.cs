using System.Text.RegularExpressions;
using Marketing.Consent;
using Marketing.Sites;
using PhoneNumbers;

namespace Marketing.Capture;

/// <summary>Checks of a form's own structure, run when a draft is saved and again when it is published.</summary>
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

        if (form.MinFillSeconds is < 0 or > 600)
        {
            errors["minFillSeconds"] = ["must be between 0 and 600"];
        }

        return errors;
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
