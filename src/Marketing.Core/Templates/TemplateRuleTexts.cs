namespace Marketing.Templates;

/// <summary>What the template rules' codes say, in English (the API's words) and in French.</summary>
public static class TemplateRuleTexts
{
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["template.channel"] = "must be email or sms",
        ["template.key"] = "must be 2 to 64 lowercase letters, digits or hyphens, starting with a letter",
        ["template.smsKey"] = "must be 2 to 64 lowercase letters, digits or hyphens, starting with a letter (and not 'layout')",
        ["template.locale"] = "is not a locale such as en or fr-FR",
        ["template.messageType"] = "must be one of: {types}",
        ["template.required"] = "is required",
        ["template.promotional"] = "a {type} template cannot contain promotional blocks (data-promotional)",
        ["template.parse"] = "{part} line {line}, column {column}: {message}",
        ["template.smsBodyOnly"] = "an SMS template has a body only: no subject, no html",
        ["template.smsFrance"] = "a French marketing SMS must name its sender and say how to stop for free (R58): it lacks {missing}",
        ["template.render"] = "does not render with sample data: {message}",
        ["template.recipientImage"] = "a remote image or other content loaded by the mail client (<{element}>) cannot have an address that differs per recipient (R30): {expression}; only sender, message and purpose values may appear there",
    };

    public static IReadOnlyDictionary<string, string> French { get; } = new Dictionary<string, string>
    {
        ["template.channel"] = "doit être email ou sms",
        ["template.key"] = "doit faire 2 à 64 lettres minuscules, chiffres ou tirets, et commencer par une lettre",
        ["template.smsKey"] = "doit faire 2 à 64 lettres minuscules, chiffres ou tirets, commencer par une lettre (et ne pas être « layout »)",
        ["template.locale"] = "n’est pas une langue comme en ou fr-FR",
        ["template.messageType"] = "doit être l’un de : {types}",
        ["template.required"] = "est obligatoire",
        ["template.promotional"] = "un modèle {type} ne peut pas contenir de blocs promotionnels (data-promotional)",
        ["template.parse"] = "{part}, ligne {line}, colonne {column} : {message}",
        ["template.smsBodyOnly"] = "un modèle SMS n’a qu’un corps : ni objet, ni HTML",
        ["template.smsFrance"] = "un SMS marketing en France doit nommer son expéditeur et dire comment s’arrêter gratuitement (R58) : il manque {missing}",
        ["template.render"] = "ne s’affiche pas avec les données d’exemple : {message}",
        ["template.recipientImage"] = "une image distante ou un autre contenu chargé par la messagerie (<{element}>) ne peut pas avoir une adresse propre à chaque destinataire (R30) : {expression} ; seules les valeurs sender, message et purpose y sont permises",
    };
}
