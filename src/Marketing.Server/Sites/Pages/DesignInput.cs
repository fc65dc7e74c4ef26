using Marketing.Server.Web.Forms;
using System.Globalization;
using Marketing.Capture;

namespace Marketing.Server.Sites.Pages;

/// <summary>
/// A form's draft as the designer posts it: plain inputs (lists one per line, numbers as typed), turned into the
/// <see cref="FormDefinition"/> that <see cref="SaveFormDraft"/> checks. A number that is not one becomes a value
/// out of the rule's range, so that the rule names it.
/// </summary>
public sealed class DesignInput
{
    public string? Name { get; set; }
    public string? Locales { get; set; }
    public string? Region { get; set; }
    public string? Audience { get; set; }
    /// <summary>The widget's look (<see cref="FormThemes"/>), previewed beside the designer.</summary>
    public string? Theme { get; set; }
    public string? PrivacyNotice { get; set; }
    public Dictionary<string, string>? Success { get; set; }
    public string? RedirectUrl { get; set; }
    public string? Origins { get; set; }
    public string? MinFill { get; set; }
    // A post without any field or box binds null: it is an empty list.
    public List<FieldInput> Fields { get => field; set => field = value ?? []; } = [];
    public List<ConsentInput> Consents { get => field; set => field = value ?? []; } = [];

    public sealed class FieldInput
    {
        public string? Name { get; set; }
        public string? Type { get; set; }
        public Dictionary<string, string>? Label { get; set; }
        public bool Required { get; set; }
        public string? MaxLength { get; set; }
        public string? Options { get; set; }
    }

    public sealed class ConsentInput
    {
        public string? Purpose { get; set; }
        public string? Channel { get; set; }
        public string? Notice { get; set; }
        public bool DoubleOptIn { get; set; }
    }

    /// <summary>
    /// The designer's form as posted (<c>Design.Name</c>, <c>Design.Fields[0].Label[en]</c>…), read where the page's
    /// binding is not at hand: the live preview's endpoint reads what a save would bind.
    /// </summary>
    public static DesignInput Of(IFormCollection form)
    {
        string? Text(string name) => form.TryGetValue($"Design.{name}", out var v) ? v.ToString() : null;
        bool Checked(string name) => Text(name) is "true" or "on";
        Dictionary<string, string>? Texts(string name)
        {
            var prefix = $"Design.{name}[";
            var texts = form.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.EndsWith(']'))
                .ToDictionary(k => k[prefix.Length..^1], k => form[k].ToString());
            return texts.Count == 0 ? null : texts;
        }

        int Count(string list) => form.Keys.Select(k => k.StartsWith($"Design.{list}[", StringComparison.Ordinal)
                && int.TryParse(k[($"Design.{list}[".Length)..k.IndexOf(']', StringComparison.Ordinal)], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i + 1 : 0)
            .DefaultIfEmpty(0).Max();

        return new()
        {
            Name = Text("Name"), Locales = Text("Locales"), Region = Text("Region"), Audience = Text("Audience"), Theme = Text("Theme"),
            PrivacyNotice = Text("PrivacyNotice"), Success = Texts("Success"), RedirectUrl = Text("RedirectUrl"), Origins = Text("Origins"), MinFill = Text("MinFill"),
            Fields = [.. Enumerable.Range(0, Math.Min(Count("Fields"), 200)).Select(i => new FieldInput
            {
                Name = Text($"Fields[{i}].Name"), Type = Text($"Fields[{i}].Type"), Label = Texts($"Fields[{i}].Label"), Required = Checked($"Fields[{i}].Required"),
                MaxLength = Text($"Fields[{i}].MaxLength"), Options = Text($"Fields[{i}].Options"),
            })],
            Consents = [.. Enumerable.Range(0, Math.Min(Count("Consents"), 200)).Select(i => new ConsentInput
            {
                Purpose = Text($"Consents[{i}].Purpose"), Channel = Text($"Consents[{i}].Channel"), Notice = Text($"Consents[{i}].Notice"),
                DoubleOptIn = Checked($"Consents[{i}].DoubleOptIn"),
            })],
        };
    }

    /// <summary>The locales as typed, the default first.</summary>
    public IReadOnlyList<string> LocaleList =>
        [.. (Locales ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>What a new form starts with: an email field in the reader's language.</summary>
    public static DesignInput Start(string locale) => new()
    {
        Locales = locale,
        Region = locale == "fr" ? "FR" : "GB",
        Audience = "b2c",
        Theme = FormThemes.Auto,
        Fields = [new FieldInput { Name = "email", Type = FieldTypes.Email, Required = true, Label = new() { [locale] = locale == "fr" ? "Adresse e-mail" : "Email address" } }],
    };

    public static DesignInput From(FormDefinition d)
    {
        var locales = (d.Locales ?? []).OrderBy(l => l == d.DefaultLocale ? 0 : 1).ToList();
        return new()
        {
            Name = d.Name,
            Locales = string.Join(' ', locales),
            Region = d.DefaultRegion,
            Audience = d.Audience ?? "b2c",
            Theme = d.Theme ?? FormThemes.Auto,
            PrivacyNotice = d.PrivacyNotice,
            Success = d.Success?.Message is { } message ? new(message) : null,
            RedirectUrl = d.Success?.RedirectUrl,
            Origins = string.Join('\n', d.AllowedOrigins ?? []),
            MinFill = d.MinFillSeconds?.ToString(CultureInfo.InvariantCulture),
            Fields = [.. (d.Fields ?? []).Select(f => new FieldInput
            {
                Name = f.Name, Type = f.Type, Label = f.Label is null ? null : new(f.Label), Required = f.Required,
                MaxLength = f.MaxLength?.ToString(CultureInfo.InvariantCulture), Options = string.Join('\n', f.Options ?? []),
            })],
            Consents = [.. (d.Consents ?? []).Select(c => new ConsentInput
            {
                Purpose = c.BoundPurposes() is [var purpose, ..] ? purpose : null, Channel = c.Channel, Notice = c.Notice, DoubleOptIn = c.DoubleOptIn,
            })],
        };
    }

    public FormDefinition ToDefinition()
    {
        var locales = LocaleList.ToList();
        var success = Texts(Success, locales);
        return new FormDefinition
        {
            Name = FormText.Blank(Name),
            Locales = locales,
            DefaultLocale = locales.FirstOrDefault(),
            DefaultRegion = FormText.Blank(Region)?.ToUpperInvariant(),
            Audience = FormText.Blank(Audience),
            Theme = FormText.Blank(Theme),
            Fields = [.. Fields.Select(f => new FormField
            {
                Name = FormText.Blank(f.Name), Type = FormText.Blank(f.Type), Label = Texts(f.Label, locales), Required = f.Required, MaxLength = Number(f.MaxLength),
                Options = Lines(f.Options) is { Count: > 0 } options ? options : null,
            })],
            Consents = [.. Consents.Select(c => new ConsentBox { Purpose = FormText.Blank(c.Purpose), Channel = FormText.Blank(c.Channel), Notice = FormText.Blank(c.Notice), DoubleOptIn = c.DoubleOptIn })],
            PrivacyNotice = FormText.Blank(PrivacyNotice),
            Success = new FormSuccess { Message = success, RedirectUrl = FormText.Blank(RedirectUrl) },
            AllowedOrigins = Lines(Origins),
            MinFillSeconds = Number(MinFill),
        };
    }

    /// <summary>Structural edits, done on the posted state (nothing is saved until the draft is).</summary>
    public bool Apply(string? action)
    {
        var (verb, index) = action?.Split(':') is [var v, var i] && int.TryParse(i, CultureInfo.InvariantCulture, out var n) ? (v, n) : (action, -1);
        switch (verb)
        {
            case "add-field":
                Fields.Add(new FieldInput { Type = FieldTypes.Text });
                return true;
            case "add-consent":
                Consents.Add(new ConsentInput());
                return true;
            case "remove-field":
                return Remove(Fields, index);
            case "remove-consent":
                return Remove(Consents, index);
            case "up-field":
                return Swap(Fields, index, index - 1);
            case "down-field":
                return Swap(Fields, index, index + 1);
            case "up-consent":
                return Swap(Consents, index, index - 1);
            case "down-consent":
                return Swap(Consents, index, index + 1);
            default:
                return false;
        }
    }

    /// <summary>
    /// The id of the input a problem of <see cref="SaveFormDraft"/> or <see cref="PublishForm"/> concerns (its path in the
    /// definition, <c>definition.</c> or not), so that the page shows it on that input.
    /// </summary>
    public string InputFor(string path)
    {
        var key = path.StartsWith("definition.", StringComparison.Ordinal) ? path["definition.".Length..] : path;
        var locales = LocaleList;
        var first = locales.Count > 0 ? locales[0] : "en";
        if (Indexed(key, "fields", out var i, out var member))
        {
            return member switch
            {
                "type" => $"field-{i}-type",
                "options" => $"field-{i}-options",
                "maxLength" => $"field-{i}-maxlength",
                "label" => $"field-{i}-label-{locales.FirstOrDefault(l => i < Fields.Count && string.IsNullOrWhiteSpace(Fields[i].Label?.GetValueOrDefault(l))) ?? first}",
                _ => $"field-{i}-name",
            };
        }

        if (Indexed(key, "consents", out var c, out var part))
        {
            return part switch
            {
                "channel" => $"consent-{c}-channel",
                "notice" => $"consent-{c}-notice",
                _ => $"consent-{c}-purpose",
            };
        }

        return key switch
        {
            "locales" or "defaultLocale" => "locales",
            "defaultRegion" => "region",
            "audience" => "audience",
            "theme" => "theme",
            "privacyNotice" => "privacy",
            "success" => $"success-{first}",
            "success.redirectUrl" => "redirect",
            "minFillSeconds" => "minfill",
            "fields" => "add-field",
            "consents" => "add-consent",
            _ when key.StartsWith("allowedOrigins", StringComparison.Ordinal) => "origins",
            _ => "name",
        };
    }

    private static bool Indexed(string key, string list, out int index, out string member)
    {
        index = -1;
        member = "";
        var end = key.IndexOf(']', StringComparison.Ordinal);
        if (!key.StartsWith(list + "[", StringComparison.Ordinal) || end < 0)
        {
            return false;
        }

        member = key.Length > end + 2 ? key[(end + 2)..] : "";
        return int.TryParse(key[(list.Length + 1)..end], CultureInfo.InvariantCulture, out index);
    }

    private static bool Remove<T>(List<T> list, int index)
    {
        if (index < 0 || index >= list.Count)
        {
            return false;
        }

        list.RemoveAt(index);
        return true;
    }

    private static bool Swap<T>(List<T> list, int from, int to)
    {
        if (from < 0 || to < 0 || from >= list.Count || to >= list.Count)
        {
            return false;
        }

        (list[from], list[to]) = (list[to], list[from]);
        return true;
    }


    private static List<string> Lines(string? value) => [.. (value ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    // Empty is "not given"; anything else that is not a number is out of every range.
    private static int? Number(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static Dictionary<string, string>? Texts(Dictionary<string, string>? texts, IReadOnlyList<string> locales)
    {
        var kept = (texts ?? []).Where(t => locales.Contains(t.Key) && !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => t.Value.Trim());
        return kept.Count == 0 ? null : kept;
    }
}
