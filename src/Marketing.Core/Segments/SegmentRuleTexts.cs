namespace Marketing.Segments;

/// <summary>What the segment rules' codes say, in English (the API's words) and in French.</summary>
public static class SegmentRuleTexts
{
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["segment.key"] = "must be 2 to 64 lower-case letters, digits, '_' or '-', starting with a letter",
        ["segment.name"] = "is required, at most {max} characters",
        ["segment.definition"] = "is required: an object with 'channel' and 'conditions'",
        ["segment.channel"] = "must be one of: {channels}",
        ["segment.conditions"] = "must list 1 to {max} conditions",
        ["segment.type"] = "must be one of: {types}",
        ["segment.attribute_key"] = "must be an attribute name: a letter, then up to 63 letters, digits, '_', '.' or '-'",
        ["segment.operator"] = "must be one of: {operators}",
        ["segment.value"] = "is required, at most {max} characters",
        ["segment.regime"] = "must be one of: {regimes}",
        ["segment.purpose"] = "must be a purpose key",
        ["segment.purpose_unknown"] = "names no purpose",
        ["segment.consent_channel"] = "must be one of: {channels}",
        ["segment.status"] = "must be one of: {statuses}",
        ["segment.activity"] = "must be one of: {activities}",
        ["segment.within_days"] = "must be a number of days from 1 to {max}",
        ["segment.batch"] = "must be an import batch id",
        ["segment.batch_unknown"] = "names no import batch",
    };

    public static IReadOnlyDictionary<string, string> French { get; } = new Dictionary<string, string>
    {
        ["segment.key"] = "doit compter 2 à 64 lettres minuscules, chiffres, « _ » ou « - », et commencer par une lettre",
        ["segment.name"] = "est obligatoire, {max} caractères au plus",
        ["segment.definition"] = "est obligatoire : un objet avec « channel » et « conditions »",
        ["segment.channel"] = "doit être l’un de : {channels}",
        ["segment.conditions"] = "doit compter de 1 à {max} conditions",
        ["segment.type"] = "doit être l’un de : {types}",
        ["segment.attribute_key"] = "doit être un nom d’attribut : une lettre, puis jusqu’à 63 lettres, chiffres, « _ », « . » ou « - »",
        ["segment.operator"] = "doit être l’un de : {operators}",
        ["segment.value"] = "est obligatoire, {max} caractères au plus",
        ["segment.regime"] = "doit être l’un de : {regimes}",
        ["segment.purpose"] = "doit être la clé d’une finalité",
        ["segment.purpose_unknown"] = "ne désigne aucune finalité",
        ["segment.consent_channel"] = "doit être l’un de : {channels}",
        ["segment.status"] = "doit être l’un de : {statuses}",
        ["segment.activity"] = "doit être l’un de : {activities}",
        ["segment.within_days"] = "doit être un nombre de jours de 1 à {max}",
        ["segment.batch"] = "doit être l’identifiant d’un lot d’import",
        ["segment.batch_unknown"] = "ne désigne aucun lot d’import",
    };
}
