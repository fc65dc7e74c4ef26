namespace Marketing.Capture;

/// <summary>
/// How the evidence a browser sends along with a submission is kept (R14). The person does not type it (the page's
/// address, the referrer, UTM tags, the user agent), so a bad value does not refuse their sign-up: a page URL or referrer
/// that is not an absolute http(s) URL, or any value with control characters, is dropped; an over-long one is cut.
/// Either way the submission's notes say so, and nothing unusable (<c>javascript:</c>, CR/LF, NUL) is stored, exported
/// or ever placed in a header.
/// </summary>
public static class EvidenceRules
{
    public const int MaxUrlLength = 2000;
    public const int MaxUserAgentLength = 512;
    public const int MaxUtmLength = 200;

    /// <param name="Note">What happened to the value, when it was not kept as sent.</param>
    public sealed record Kept(string? Value, string? Note);

    public static Kept Url(string name, string? raw)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return new(null, null);
        }

        if (FreeText.Problem(value) is { } problem)
        {
            return new(null, $"{name}: {problem}; not kept");
        }

        if (AbsoluteHttp(value) is null)
        {
            return new(null, $"{name}: not an absolute http(s) URL; not kept");
        }

        return value.Length <= MaxUrlLength
            ? new(value, null)
            : new(FreeText.Cut(value, MaxUrlLength), $"{name}: cut to {MaxUrlLength} of its {value.Length} characters");
    }

    public static Kept Text(string name, string? raw, int maxLength)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return new(null, null);
        }

        if (FreeText.Problem(raw) is { } problem)
        {
            return new(null, $"{name}: {problem}; not kept");
        }

        return raw.Length <= maxLength
            ? new(raw, null)
            : new(FreeText.Cut(raw, maxLength), $"{name}: cut to {maxLength} of its {raw.Length} characters");
    }

    /// <summary>The URL when it is absolute http or https with a host, else null.</summary>
    public static Uri? AbsoluteHttp(string? value) =>
        value is not null && FreeText.Problem(value) is null && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0
            ? uri
            : null;

    /// <summary>
    /// The page a submission came from, when a link back to it is safe to show: an absolute http(s) URL on one of
    /// the site's or form's allowed origins. A page on any other origin gets no link: the engine is nobody's open redirect.
    /// </summary>
    public static Uri? AllowedPage(string? pageUrl, IEnumerable<string> allowedOrigins) =>
        AbsoluteHttp(pageUrl) is { } page && allowedOrigins.Contains(page.GetLeftPart(UriPartial.Authority), StringComparer.OrdinalIgnoreCase)
            ? page
            : null;
}
