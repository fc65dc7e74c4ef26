namespace Marketing.Channels.Sms;

/// <summary>How an SMS body travels: its encoding and how many billed parts it is split into.</summary>
public sealed record SmsEncoding(string Encoding, int Units, int Segments)
{
    public const string Gsm7 = "GSM-7";
    public const string Ucs2 = "UCS-2";
}

/// <summary>
/// Counts segments as the network does (3GPP TS 23.038): a body made only of the GSM 03.38 alphabet goes as
/// GSM-7, 160 septets in one part or 153 per part once split, an extension character (€, [, …) costing two;
/// anything else forces UCS-2, 70 UTF-16 units in one part or 67 per part. A character is never cut across two parts.
/// </summary>
public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    public static bool IsGsm7(string text) => text.All(c => Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal));

    public static SmsEncoding Count(string text)
    {
        if (IsGsm7(text))
        {
            var units = text.Select(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1).ToList();
            return new SmsEncoding(SmsEncoding.Gsm7, units.Sum(), Pack(units, 160, 153));
        }

        var ucs = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            ucs.Add(pair ? 2 : 1);
            i += pair ? 1 : 0;
        }

        return new SmsEncoding(SmsEncoding.Ucs2, ucs.Sum(), Pack(ucs, 70, 67));
    }

    private static int Pack(List<int> units, int single, int perPart)
    {
        var total = units.Sum();
        if (total <= single)
        {
            return total == 0 ? 0 : 1;
        }

        int parts = 1, used = 0;
        foreach (var unit in units)
        {
            if (used + unit > perPart)
            {
                parts++;
                used = 0;
            }

            used += unit;
        }

        return parts;
    }
}
