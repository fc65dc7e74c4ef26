namespace Marketing.Server.Hosting;

/// <summary>
/// The check every feature's settings use: a value the engine cannot use stops the start with one line naming the
/// setting (and <c>marketing</c> exits with 2), never a stack trace or a silent default.
/// </summary>
public static class Setting
{
    public static void Require(bool condition, string key, string problem)
    {
        if (!condition)
        {
            throw new StartupException($"invalid setting {key}: {problem}");
        }
    }

    public static bool IsRegex(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern);
            return !string.IsNullOrEmpty(pattern);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static bool IsSqlIdentifier(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 63 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(value[0]);
}
