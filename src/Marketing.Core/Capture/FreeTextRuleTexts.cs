namespace Marketing.Capture;

/// <summary>What <see cref="FreeText"/>'s codes say, in English (the API's words) and in French.</summary>
public static class FreeTextRuleTexts
{
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["text.surrogate"] = "holds a broken character (half of a surrogate pair)",
        ["text.oneLine"] = "must be on one line",
        ["text.control"] = "holds a control character ({character})",
        ["text.direction"] = "holds a text-direction control ({character})",
    };

    public static IReadOnlyDictionary<string, string> French { get; } = new Dictionary<string, string>
    {
        ["text.surrogate"] = "contient un caractère cassé (une moitié de paire de substitution)",
        ["text.oneLine"] = "doit tenir sur une ligne",
        ["text.control"] = "contient un caractère de contrôle ({character})",
        ["text.direction"] = "contient un contrôle du sens du texte ({character})",
    };
}
