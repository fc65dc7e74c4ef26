using System.Globalization;
using System.Text;

namespace Marketing.Leads;

/// <summary>
/// Mixed-script detection of Unicode TS #39 (section 5.1), for one label of an address: the scripts of its letters,
/// each widened to the writing systems it belongs to (Han to Japanese, Korean and Han-with-Bopomofo; Hiragana and
/// Katakana to Japanese; Hangul to Korean; Bopomofo to Han-with-Bopomofo), must have one in common. "pаypal" with a
/// Cyrillic "а" has none and is refused; "東京とうきょう", "서울特別市" and any single-script label pass. Marks, digits and
/// punctuation belong to every script. Ranges are Unicode blocks, which is close to the Scripts property for letters.
/// </summary>
public static class ScriptMixing
{
    private const ulong Japanese = 1UL << 60, Korean = 1UL << 61, HanWithBopomofo = 1UL << 62;

    private enum Script
    {
        Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana, NKo, Devanagari, Bengali, Gurmukhi, Gujarati, Oriya,
        Tamil, Telugu, Kannada, Malayalam, Sinhala, Thai, Lao, Tibetan, Myanmar, Georgian, Hangul, Ethiopic, Cherokee,
        CanadianAboriginal, Ogham, Runic, Khmer, Mongolian, Hiragana, Katakana, Bopomofo, Han, Yi, Other,
    }

    private static readonly (int From, int To, Script Script)[] Ranges =
    [
        (0x0041, 0x00B4, Script.Latin), (0x00B6, 0x02AF, Script.Latin), (0x0370, 0x03FF, Script.Greek), (0x0400, 0x052F, Script.Cyrillic),
        (0x0530, 0x058F, Script.Armenian), (0x0590, 0x05FF, Script.Hebrew), (0x0600, 0x06FF, Script.Arabic), (0x0700, 0x074F, Script.Syriac),
        (0x0750, 0x077F, Script.Arabic), (0x0780, 0x07BF, Script.Thaana), (0x07C0, 0x07FF, Script.NKo), (0x0860, 0x086F, Script.Syriac),
        (0x0870, 0x08FF, Script.Arabic), (0x0900, 0x097F, Script.Devanagari), (0x0980, 0x09FF, Script.Bengali), (0x0A00, 0x0A7F, Script.Gurmukhi),
        (0x0A80, 0x0AFF, Script.Gujarati), (0x0B00, 0x0B7F, Script.Oriya), (0x0B80, 0x0BFF, Script.Tamil), (0x0C00, 0x0C7F, Script.Telugu),
        (0x0C80, 0x0CFF, Script.Kannada), (0x0D00, 0x0D7F, Script.Malayalam), (0x0D80, 0x0DFF, Script.Sinhala), (0x0E00, 0x0E7F, Script.Thai),
        (0x0E80, 0x0EFF, Script.Lao), (0x0F00, 0x0FFF, Script.Tibetan), (0x1000, 0x109F, Script.Myanmar), (0x10A0, 0x10FF, Script.Georgian),
        (0x1100, 0x11FF, Script.Hangul), (0x1200, 0x139F, Script.Ethiopic), (0x13A0, 0x13FF, Script.Cherokee), (0x1400, 0x167F, Script.CanadianAboriginal),
        (0x1680, 0x169F, Script.Ogham), (0x16A0, 0x16FF, Script.Runic), (0x1780, 0x17FF, Script.Khmer), (0x1800, 0x18AF, Script.Mongolian),
        (0x1C80, 0x1C8F, Script.Cyrillic), (0x1C90, 0x1CBF, Script.Georgian), (0x1D00, 0x1DBF, Script.Latin), (0x1E00, 0x1EFF, Script.Latin),
        (0x1F00, 0x1FFF, Script.Greek), (0x2071, 0x2071, Script.Latin), (0x207F, 0x207F, Script.Latin), (0x2090, 0x209C, Script.Latin),
        (0x2C60, 0x2C7F, Script.Latin), (0x2D00, 0x2D2F, Script.Georgian), (0x2D80, 0x2DDF, Script.Ethiopic), (0x2DE0, 0x2DFF, Script.Cyrillic),
        (0x3005, 0x3007, Script.Han), (0x3021, 0x3029, Script.Han), (0x3038, 0x303B, Script.Han), (0x3040, 0x309F, Script.Hiragana),
        (0x30A0, 0x30FF, Script.Katakana), (0x3100, 0x312F, Script.Bopomofo), (0x3130, 0x318F, Script.Hangul), (0x31A0, 0x31BF, Script.Bopomofo),
        (0x31F0, 0x31FF, Script.Katakana), (0x3400, 0x4DBF, Script.Han), (0x4E00, 0x9FFF, Script.Han), (0xA000, 0xA4CF, Script.Yi),
        (0xA640, 0xA69F, Script.Cyrillic), (0xA720, 0xA7FF, Script.Latin), (0xA8E0, 0xA8FF, Script.Devanagari), (0xA960, 0xA97F, Script.Hangul),
        (0xAB30, 0xAB6F, Script.Latin), (0xAB70, 0xABBF, Script.Cherokee), (0xAC00, 0xD7FF, Script.Hangul), (0xF900, 0xFAFF, Script.Han),
        (0xFB00, 0xFB06, Script.Latin), (0xFB13, 0xFB17, Script.Armenian), (0xFB1D, 0xFB4F, Script.Hebrew), (0xFB50, 0xFDFF, Script.Arabic),
        (0xFE70, 0xFEFF, Script.Arabic), (0xFF21, 0xFF3A, Script.Latin), (0xFF41, 0xFF5A, Script.Latin), (0xFF66, 0xFF9F, Script.Katakana),
        (0xFFA0, 0xFFDC, Script.Hangul), (0x1B000, 0x1B0FF, Script.Hiragana), (0x1B100, 0x1B16F, Script.Katakana), (0x20000, 0x3134F, Script.Han),
    ];

    /// <summary>Whether the letters of <paramref name="label"/> share no script (UTS #39: mixed-script).</summary>
    public static bool IsMixed(string label)
    {
        var common = ulong.MaxValue;
        foreach (var rune in label.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                continue;
            }

            common &= Extensions(rune);
            if (common == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static ulong Extensions(Rune rune)
    {
        // The prolonged sound mark (ー) and the halfwidth one are written in both kana.
        if (rune.Value is 0x30FC or 0xFF70)
        {
            return Bit(Script.Hiragana) | Bit(Script.Katakana) | Japanese;
        }

        return Of(rune.Value) is { } script ? Widened(script) : ulong.MaxValue;
    }

    private static ulong Widened(Script script) =>
        script switch
        {
            Script.Han => Bit(script) | Japanese | Korean | HanWithBopomofo,
            Script.Hiragana or Script.Katakana => Bit(script) | Japanese,
            Script.Hangul => Bit(script) | Korean,
            Script.Bopomofo => Bit(script) | HanWithBopomofo,
            _ => Bit(script),
        };

    private static ulong Bit(Script script) => 1UL << (int)script;

    private static Script? Of(int codePoint)
    {
        int low = 0, high = Ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var (from, to, script) = Ranges[middle];
            if (codePoint < from)
            {
                high = middle - 1;
            }
            else if (codePoint > to)
            {
                low = middle + 1;
            }
            else
            {
                return script;
            }
        }

        // A modifier letter outside the table (U+02B0…) is shared by scripts; any other letter of a script the table does
        // not name counts as one script of its own, so that it mixes with every named one.
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.ModifierLetter ? null : Script.Other;
    }
}
