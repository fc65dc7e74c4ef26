using System.Globalization;
using System.Text;

namespace Marketing.Leads;

/// <summary>
/// A person's name as the people page searches it: the <c>first_name</c> and <c>last_name</c> attributes (or <c>name</c>),
/// lowercased, without accents, spaces collapsed, so that "Élodie  Dupont" is found by "elodie d" and by "Élo".
/// Kept in <see cref="Person.NameKey"/>; a search folds its words the same way.
/// </summary>
public static class PersonNames
{
    public const int MaxLength = 200;

    private static readonly string[] NameParts = ["first_name", "last_name"];

    public static string? Key(IReadOnlyDictionary<string, string> attributes) => Fold(Display(attributes));

    /// <summary>The name as the person gave it: first and last name, else <c>name</c>; null without one.</summary>
    public static string? Display(IReadOnlyDictionary<string, string> attributes)
    {
        var name = string.Join(' ', NameParts.Select(attributes.GetValueOrDefault).OfType<string>());
        return name.Length > 0 ? name : attributes.GetValueOrDefault("name");
    }

    /// <summary>Folds a name or the beginning of one; null when nothing is left.</summary>
    public static string? Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (folded.Length > 0 && folded[^1] != ' ')
                {
                    folded.Append(' ');
                }

                continue;
            }

            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            var accented = Accented.IndexOf(lower, StringComparison.Ordinal);
            folded.Append(lower switch
            {
                'æ' => "ae",
                'œ' => "oe",
                'ß' => "ss",
                'ø' => "o",
                'đ' => "d",
                'ł' => "l",
                'ħ' => "h",
                'ŧ' => "t",
                _ when accented >= 0 => Plain[accented].ToString(),
                _ => lower.ToString(),
            });
        }

        var key = folded.ToString().TrimEnd();
        return key.Length == 0 ? null : key.Length > MaxLength ? key[..MaxLength] : key;
    }

    // The engine runs with invariant globalization, where String.Normalize cannot take accents apart: Latin letters with
    // a diacritic (Latin-1 and Latin Extended-A, lowercase) and their plain letter, position by position.
    private const string Accented = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżž";
    private const string Plain = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzz";
}
