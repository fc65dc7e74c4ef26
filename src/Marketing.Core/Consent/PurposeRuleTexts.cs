namespace Marketing.Consent;

/// <summary>What the purpose rules' codes say, in English (the API's words) and in French.</summary>
public static class PurposeRuleTexts
{
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["purpose.key"] = "must be 2 to 64 lowercase letters, digits or underscores, starting with a letter",
        ["purpose.channels"] = "at least one of: {channels}",
        ["purpose.channel"] = "must be one of: {channels}",
        ["purpose.bases"] = "declare the lawful basis for at least one regime",
        ["purpose.regime"] = "unknown regime; use one of: {regimes}",
        ["purpose.basis"] = "must be one of: {bases}",
        ["purpose.balancingTest"] = "legitimate interest needs a reference to its balancing test (R1)",
        ["purpose.retentionDays"] = "is required, between 1 and {max}",
        ["purpose.texts"] = "give at least one locale, e.g. {\"en\": \"Newsletter\"}",
        ["purpose.locale"] = "is not a locale such as en or fr-FR",
        ["purpose.text"] = "must be 1 to {max} characters",
    };

    public static IReadOnlyDictionary<string, string> French { get; } = new Dictionary<string, string>
    {
        ["purpose.key"] = "doit faire 2 à 64 lettres minuscules, chiffres ou tirets bas, et commencer par une lettre",
        ["purpose.channels"] = "au moins un canal parmi : {channels}",
        ["purpose.channel"] = "doit être l’un de : {channels}",
        ["purpose.bases"] = "déclarez la base légale pour au moins un régime",
        ["purpose.regime"] = "régime inconnu ; utilisez l’un de : {regimes}",
        ["purpose.basis"] = "doit être l’une de : {bases}",
        ["purpose.balancingTest"] = "l’intérêt légitime a besoin de la référence de sa mise en balance (R1)",
        ["purpose.retentionDays"] = "est obligatoire, entre 1 et {max}",
        ["purpose.texts"] = "donnez au moins une langue, par exemple {\"fr\": \"Lettre d’information\"}",
        ["purpose.locale"] = "n’est pas une langue telle que en ou fr-FR",
        ["purpose.text"] = "doit faire de 1 à {max} caractères",
    };
}
