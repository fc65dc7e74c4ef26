using System.Text.RegularExpressions;

namespace Marketing.Data;

/// <summary>
/// The one rule for text the engine accepts and stores: no NUL, no other C0 control character but tab, line feed
/// and carriage return, and no lone UTF-16 surrogate. PostgreSQL cannot store a NUL at all and SQLite would keep
/// one silently, so both providers must refuse the same text before it reaches either (invariant 6).
/// </summary>
public static partial class StoredText
{
    /// <summary>The index of the first character the rule refuses, or -1.</summary>
    public static int FirstRefused(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c is not ('\t' or '\n' or '\r'))
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether JSON text escapes a control character the rule refuses (an odd run of backslashes, then u00XX).</summary>
    public static bool HasEscapedControl(string json) => json.Contains(@"\u00", StringComparison.Ordinal) && EscapedControl().IsMatch(json);

    [GeneratedRegex(@"(?<!\\)(?:\\\\)*\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F])")]
    private static partial Regex EscapedControl();

    public static bool IsAcceptable(ReadOnlySpan<char> text) => FirstRefused(text) < 0;

    /// <summary>Why a text is refused, said the same way wherever it is found.</summary>
    public static string Describe(ReadOnlySpan<char> text)
    {
        var at = FirstRefused(text);
        if (at < 0)
        {
            return "is acceptable";
        }

        var c = text[at];
        return char.IsSurrogate(c)
            ? $"holds an unpaired UTF-16 surrogate at character {at}: send valid Unicode text"
            : $"holds the control character U+{(int)c:X4} at character {at}: remove it (only tab, line feed and carriage return are accepted)";
    }
}

/// <summary>A value that <see cref="StoredText"/> refuses reached a save: the last line of defence, on both providers.</summary>
public sealed class UnstorableTextException : InvalidOperationException
{
    public UnstorableTextException()
    {
    }

    public UnstorableTextException(string message) : base(message)
    {
    }

    public UnstorableTextException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public UnstorableTextException(string entity, string property, string reason)
        : base($"{entity}.{property} {reason}")
    {
        Field = property.Length > 0 ? char.ToLowerInvariant(property[0]) + property[1..] : property;
    }

    /// <summary>The property, as an API names it (camelCase).</summary>
    public string Field { get; } = "body";
}
