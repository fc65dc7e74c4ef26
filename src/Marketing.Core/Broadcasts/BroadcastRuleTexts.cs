namespace Marketing.Broadcasts;

/// <summary>What the broadcast rules' codes say, in English (the API's words) and in French.</summary>
public static class BroadcastRuleTexts
{
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["broadcast.key"] = "must be 2 to 64 lower-case letters, digits, '_' or '-', starting with a letter",
        ["broadcast.name"] = "is required, at most {max} characters",
        ["broadcast.reference"] = "must be a key: lower-case letters, digits, '_' or '-', starting with a letter",
        ["broadcast.channel"] = "must be one of: {channels}",
        ["broadcast.schedule_kind"] = "must be now, at or local",
        ["broadcast.schedule_at"] = "is required for a schedule at a time: an instant with its offset",
        ["broadcast.schedule_local"] = "is required for a local-time schedule: yyyy-MM-ddTHH:mm",
        ["broadcast.schedule_only"] = "is given only with the schedule kind '{kind}'",
        ["broadcast.schedule_past"] = "is in the past",
        ["broadcast.throttle_count"] = "must be a number of messages from 1 to {max}",
        ["broadcast.throttle_per"] = "must be hour or minute",
        ["broadcast.test_same"] = "must differ from the broadcast's template",
        ["broadcast.test_percent"] = "must be a percentage per variant from 1 to {max}",
        ["broadcast.test_wait"] = "must be a number of minutes from 1 to {max}",
        ["broadcast.segment_unknown"] = "names no segment",
        ["broadcast.segment_channel"] = "names a segment of another channel",
        ["broadcast.purpose_unknown"] = "names no purpose",
        ["broadcast.template_unknown"] = "names no marketing template of this channel",
        ["broadcast.not_draft"] = "only a draft can be changed or scheduled",
        ["broadcast.finished"] = "the broadcast is already sent or cancelled",
    };

    public static IReadOnlyDictionary<string, string> French { get; } = new Dictionary<string, string>
    {
        ["broadcast.key"] = "doit compter 2 à 64 lettres minuscules, chiffres, « _ » ou « - », et commencer par une lettre",
        ["broadcast.name"] = "est obligatoire, {max} caractères au plus",
        ["broadcast.reference"] = "doit être une clé : lettres minuscules, chiffres, « _ » ou « - », commençant par une lettre",
        ["broadcast.channel"] = "doit être l’un de : {channels}",
        ["broadcast.schedule_kind"] = "doit être now, at ou local",
        ["broadcast.schedule_at"] = "est obligatoire pour un envoi à une heure donnée : un instant avec son décalage",
        ["broadcast.schedule_local"] = "est obligatoire pour un envoi à l’heure locale : aaaa-MM-jjTHH:mm",
        ["broadcast.schedule_only"] = "ne se donne qu’avec le type d’envoi « {kind} »",
        ["broadcast.schedule_past"] = "est dans le passé",
        ["broadcast.throttle_count"] = "doit être un nombre de messages de 1 à {max}",
        ["broadcast.throttle_per"] = "doit être hour ou minute",
        ["broadcast.test_same"] = "doit différer du modèle de la campagne",
        ["broadcast.test_percent"] = "doit être un pourcentage par variante de 1 à {max}",
        ["broadcast.test_wait"] = "doit être un nombre de minutes de 1 à {max}",
        ["broadcast.segment_unknown"] = "ne désigne aucun segment",
        ["broadcast.segment_channel"] = "désigne un segment d’un autre canal",
        ["broadcast.purpose_unknown"] = "ne désigne aucune finalité",
        ["broadcast.template_unknown"] = "ne désigne aucun modèle marketing de ce canal",
        ["broadcast.not_draft"] = "seul un brouillon peut être modifié ou programmé",
        ["broadcast.finished"] = "la campagne est déjà envoyée ou annulée",
    };
}
