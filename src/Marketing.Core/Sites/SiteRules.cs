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
    /// Anything else could never match, so it is refused rather than stored.
    /// </summary>
    public static bool TryNormalizeOrigin(string? value, out string origin, out string error)
    {
        origin = "";
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            error = "must be an absolute URL such as https://www.example.com";
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            error = "must use http or https";
            return false;
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            error = "must be scheme, host and port only, with no path, query or credentials";
            return false;
        }

        origin = uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
        error = "";
        return true;
    }
}
