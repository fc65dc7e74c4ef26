using Marketing.Common;

namespace Marketing.Capture;

/// <summary>
/// What text a person types may hold before it is stored, mailed or rendered: no control characters (NUL and the
/// other C0/C1 codes), no lone surrogate halves (not text at all: PostgreSQL refuses them, SQLite stores them), no
/// bidirectional overrides (they make a name read differently in a mail client, "Trojan Source"). A multi-line field
/// keeps its line breaks and tabs; a single-line field has none.
/// </summary>
public static class FreeText
{
    /// <summary>Null when <paramref name="value"/> may be stored; otherwise what is wrong with it, said to the person (in English).</summary>
    public static string? Problem(string value, bool multiline = false) => Check(value, multiline)?.In(RuleTexts.English);

    /// <summary>Null when <paramref name="value"/> may be stored; otherwise its problem as a code (<see cref="FreeTextRuleTexts"/>).</summary>
    public static RuleProblem? Check(string value, bool multiline = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return Coded("text.surrogate");
            }

            if (c is '\n' or '\r' or '\t' or '\u2028' or '\u2029')
            {
                if (!multiline)
                {
                    return Coded("text.oneLine");
                }

                continue;
            }

            if (char.IsControl(c))
            {
                return Coded("text.control", c);
            }

            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return Coded("text.direction", c);
            }
        }

        return null;
    }

    private static RuleProblem Coded(string code, char? character = null) =>
        new(code, character is { } c ? new Dictionary<string, string> { ["character"] = $"U+{(int)c:X4}" } : new Dictionary<string, string>());

    /// <summary>At most <paramref name="length"/> UTF-16 units, never splitting a surrogate pair.</summary>
    public static string Cut(string value, int length)
    {
        if (value.Length <= length)
        {
            return value;
        }

        var end = char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
        return value[..end];
    }
}
