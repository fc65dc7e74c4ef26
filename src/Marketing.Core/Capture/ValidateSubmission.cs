using System.Text.RegularExpressions;
using Marketing.Consent;
using Marketing.Leads;

namespace Marketing.Capture;

/// <summary>A submission as received, before any check: raw strings from JSON or a posted HTML form.</summary>
public sealed record RawSubmission(
    string? ClientSubmissionId,
    IReadOnlyDictionary<string, string?> Fields,
    IReadOnlyList<string> Consents,
    string? Locale,
    string? TimeZone);

public static partial class ValidateSubmission
{
    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex ClientIdPattern();

    public static bool IsValidClientId(string? id) => id is not null && ClientIdPattern().IsMatch(id);

    /// <summary>
    /// Checks every field against the published version and normalises identifiers. Every problem is
    /// named, so the form can show each beside its field; with any problem, nothing is accepted.
    /// </summary>
    public static (AcceptedSubmission? Accepted, Dictionary<string, string[]> Errors) Handle(
        PublishedForm form, RawSubmission raw, SubmissionEvidence evidence)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsValidClientId(raw.ClientSubmissionId))
        {
            errors["submissionId"] = ["is required: 8 to 64 letters, digits, '-' or '_', the same on every retry"];
        }

        string? email = null, phone = null, country = null;
        var attributes = new Dictionary<string, string>();
        foreach (var field in form.Fields)
        {
            var name = field.Name!;
            var at = $"fields.{name}";
            raw.Fields.TryGetValue(name, out var given);
            var value = given?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                if (field.Required && field.Type != FieldTypes.Checkbox)
                {
                    errors[at] = ["is required"];
                }

                continue;
            }

            // One rule for every typed value: what reaches the store, a template or a mail client is text (no NUL, no controls).
            if (FreeText.Problem(value, multiline: field.Type == FieldTypes.Textarea) is { } textProblem)
            {
                errors[at] = [textProblem];
                continue;
            }

            if (value.Length > (field.MaxLength ?? FieldTypes.DefaultMaxLength(field.Type!)))
            {
                errors[at] = [$"is longer than {field.MaxLength ?? FieldTypes.DefaultMaxLength(field.Type!)} characters"];
                continue;
            }

            switch (field.Type)
            {
                case FieldTypes.Email when Identifiers.TryNormalizeEmail(value, out var normalized):
                    email = normalized;
                    break;
                case FieldTypes.Email when Identifiers.MixedScriptLabel(value) is { } mixed:
                    // UTS #39: a look-alike of another address ("pаypal" with a Cyrillic "а") is refused, a single-script one is not.
                    errors[at] = [$"mixes letters of different scripts in '{mixed}' (for example Latin and Cyrillic look-alikes)"];
                    break;
                case FieldTypes.Email:
                    errors[at] = ["is not a valid email address"];
                    break;
                case FieldTypes.Phone when Identifiers.TryNormalizePhone(value, form.DefaultRegion, out var e164):
                    phone = e164;
                    break;
                case FieldTypes.Phone:
                    errors[at] = [$"is not a valid phone number (numbers without a country code are read as {form.DefaultRegion})"];
                    break;
                case FieldTypes.Select when !(field.Options ?? []).Contains(value):
                    errors[at] = ["is not one of the offered options"];
                    break;
                case FieldTypes.Checkbox:
                    attributes[name] = value is "on" or "true" or "1" ? "true" : "false";
                    break;
                default:
                    attributes[name] = value;
                    break;
            }

            if (name == "country" && field.Type != FieldTypes.Email && field.Type != FieldTypes.Phone)
            {
                if (FormRules.IsKnownRegion(value.ToUpperInvariant()))
                {
                    country = value.ToUpperInvariant();
                }
                else
                {
                    errors[at] = ["is not an ISO 3166 country code such as FR"];
                }
            }
        }

        if (email is null && phone is null && !errors.Keys.Any(k => IsIdentifierField(form, k)))
        {
            var identifier = form.Fields.First(f => f.Type is FieldTypes.Email or FieldTypes.Phone);
            errors[$"fields.{identifier.Name}"] = ["give an email address or a phone number"];
        }

        var offered = form.Consents.ToDictionary(c => c.PurposeKey);
        foreach (var consent in raw.Consents)
        {
            if (!offered.TryGetValue(consent, out var box))
            {
                errors[$"consents.{consent}"] = ["this form does not ask for consent to that purpose"];
            }
            else if (box.Channel is ChannelKeys.Sms or ChannelKeys.Phone && phone is null && !errors.ContainsKey(PhoneKey(form)))
            {
                // Consent to texts or calls is consent for a number: without one there is nothing to record it against.
                errors[PhoneKey(form)] = [$"is needed for consent to '{consent}' ({box.Channel})"];
            }
            else if (box.Channel is ChannelKeys.Email && email is null && !errors.ContainsKey(EmailKey(form)))
            {
                errors[EmailKey(form)] = [$"is needed for consent to '{consent}' (email)"];
            }
        }

        if (raw.TimeZone is { } zone && (zone.Length > 64 || FreeText.Problem(zone) is not null || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
        {
            errors["context.timeZone"] = ["is not an IANA time zone such as Europe/Paris"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var accepted = new AcceptedSubmission(form, raw.ClientSubmissionId!, email, phone, attributes,
            [.. raw.Consents.Distinct()], form.LocaleFor(raw.Locale), raw.TimeZone, country, evidence);
        return (accepted, errors);
    }

    private static string PhoneKey(PublishedForm form) => $"fields.{form.Fields.FirstOrDefault(f => f.Type == FieldTypes.Phone)?.Name ?? "phone"}";

    private static string EmailKey(PublishedForm form) => $"fields.{form.Fields.FirstOrDefault(f => f.Type == FieldTypes.Email)?.Name ?? "email"}";

    private static bool IsIdentifierField(PublishedForm form, string errorKey) =>
        form.Fields.Any(f => f.Type is FieldTypes.Email or FieldTypes.Phone && errorKey == $"fields.{f.Name}");
}
