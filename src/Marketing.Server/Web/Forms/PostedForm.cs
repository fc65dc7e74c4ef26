namespace Marketing.Server.Web.Forms;

/// <summary>
/// The fields of a posted form whose names the page makes up as it draws it (one per locale, per cookie…), where a
/// bound model would need one property per name. Read after the framework checked the antiforgery token.
/// </summary>
public sealed class PostedForm(IFormCollection form)
{
    public static PostedForm Of(HttpContext context) => new(context.Request.HasFormContentType ? context.Request.Form : FormCollection.Empty);

    /// <summary>The field's value, trimmed; null when absent or blank.</summary>
    public string? Text(string name) => form.TryGetValue(name, out var value) && value.ToString().Trim() is { Length: > 0 } text ? text : null;

    /// <summary>The field's value exactly as sent (a wording whose hash is kept); null when absent.</summary>
    public string? Raw(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;

    public bool Checked(string name) => form.TryGetValue(name, out var value) && value.ToString() is "true" or "on";

    /// <summary>A number, or null when absent; a value that is no number comes back as <paramref name="notANumber"/>, for the rules to refuse.</summary>
    public int? Number(string name, int notANumber = -1) =>
        Text(name) is not { } text ? null : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : notANumber;

    /// <summary>Every field named <c>prefix.x</c>, by x, blank ones left out.</summary>
    public Dictionary<string, string> Under(string prefix) =>
        form.Keys.Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal))
            .Select(k => (Key: k[(prefix.Length + 1)..], Value: Text(k)))
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!);
}
