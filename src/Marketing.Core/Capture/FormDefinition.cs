using System.Text.Json.Serialization;

namespace Marketing.Capture;

/// <summary>A form as a marketer writes it (the draft). Publishing checks it and pins what it refers to.</summary>
public sealed record FormDefinition
{
    public string? Name { get; init; }
    public List<string>? Locales { get; init; }
    public string? DefaultLocale { get; init; }
    /// <summary>ISO 3166 region used to read phone numbers written without a country code, and the default country.</summary>
    public string? DefaultRegion { get; init; }
    /// <summary><c>b2c</c> (default) or <c>b2b</c>: the audience decides the regime (R4).</summary>
    public string? Audience { get; init; }
    public List<FormField>? Fields { get; init; }
    public List<ConsentBox>? Consents { get; init; }
    /// <summary>Key of the privacy notice the form links to (R12).</summary>
    public string? PrivacyNotice { get; init; }
    public FormSuccess? Success { get; init; }
    public List<string>? AllowedOrigins { get; init; }
    public int? MinFillSeconds { get; init; }
    /// <summary>The widget's look: <c>auto</c> (default: light, dark when the visitor's system is), <c>light</c>, <c>dark</c>, or <c>none</c> (the site styles it).</summary>
    public string? Theme { get; init; }
}

public sealed record FormField
{
    public string? Name { get; init; }
    public string? Type { get; init; }
    public Dictionary<string, string>? Label { get; init; }
    public bool Required { get; init; }
    public int? MaxLength { get; init; }
    public List<string>? Options { get; init; }
}

/// <summary>One consent checkbox. It must bind exactly one purpose (R10) and start unticked (R9).</summary>
public sealed record ConsentBox
{
    public string? Purpose { get; init; }
    /// <summary>Only to be refused: a box bound to several purposes is bundled consent (R10).</summary>
    public List<string>? Purposes { get; init; }
    /// <summary>Needed when the purpose has several channels: one box, one channel (R10).</summary>
    public string? Channel { get; init; }
    public string? Notice { get; init; }
    [JsonPropertyName("checked")]
    public bool Checked { get; init; }
    public bool DoubleOptIn { get; init; }

    public IReadOnlyList<string> BoundPurposes() =>
        [.. (Purposes ?? []).Concat(Purpose is null ? [] : [Purpose]).Where(p => !string.IsNullOrWhiteSpace(p)).Distinct()];
}

public sealed record FormSuccess
{
    public Dictionary<string, string>? Message { get; init; }
    public string? RedirectUrl { get; init; }
}

public static class FormThemes
{
    public const string Auto = "auto";

    public static IReadOnlyList<string> All { get; } = [Auto, "light", "dark", "none"];
}

public static class FieldTypes
{
    public const string Text = "text";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Textarea = "textarea";
    public const string Select = "select";
    public const string Checkbox = "checkbox";

    public static IReadOnlyList<string> All { get; } = [Text, Email, Phone, Textarea, Select, Checkbox];

    public static int DefaultMaxLength(string type) => type == Textarea ? 2000 : 200;
}
