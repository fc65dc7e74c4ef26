namespace Marketing.Suppression;

/// <summary>What the suppression rules' codes say (add, import), in English (the API's words) and in French.</summary>
public static class SuppressionRuleTexts
{
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["suppression.address"] = "must be an email address or a phone number (international, or national with 'region')",
        ["suppression.channel"] = "must be email, sms or *",
        ["suppression.scope"] = "must be a purpose key or *",
        ["suppression.reason"] = "must be one of: {reasons}",
        ["suppression.objection"] = "an objection is recorded on the person (POST /api/admin/people/{id}/objections), not as a bare suppression",
        ["suppression.header"] = "the first line must be a header naming at least the column 'address'",
    };

    public static IReadOnlyDictionary<string, string> French { get; } = new Dictionary<string, string>
    {
        ["suppression.address"] = "doit être une adresse e-mail ou un numéro de téléphone (international, ou national avec « region »)",
        ["suppression.channel"] = "doit être email, sms ou *",
        ["suppression.scope"] = "doit être la clé d’une finalité ou *",
        ["suppression.reason"] = "doit être l’un de : {reasons}",
        ["suppression.objection"] = "une opposition s’enregistre sur la personne (POST /api/admin/people/{id}/objections), pas comme une simple exclusion",
        ["suppression.header"] = "la première ligne doit être un en-tête nommant au moins la colonne « address »",
    };
}
