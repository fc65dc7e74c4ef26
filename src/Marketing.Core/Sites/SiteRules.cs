using System.Text.RegularExpressions;

namespace Marketing.Sites;

public static partial class SiteRules
{
    public const int MaxIdLength = 64;
    public const int MaxOrigins = 50;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>
    /// An origin is exactly what a browser sends in its Origin header: scheme, host and port, no path.
    /// Anything else could never match, so it is refused rather than stored. <paramref name="code"/> names the problem
    /// (<see cref="SiteRuleTexts"/>).
    /// </summary>
    public static bool TryNormalizeOrigin(string? value, out string origin, out string code)
    {
        origin = "";
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            code = "origin.absolute";
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            code = "origin.scheme";
            return false;
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            code = "origin.bare";
            return false;
        }

        origin = uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
        code = "";
        return true;
    }
}
