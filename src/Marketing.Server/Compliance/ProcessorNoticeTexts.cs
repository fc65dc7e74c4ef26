namespace Marketing.Server.Compliance;

/// <summary>The words of the processors' notices of erasure and objection (R18, R35, R38), on the processors and erasure pages.</summary>
public sealed record ProcessorNoticeTexts(
    string Caption, string Intro, string None, string Processor, string Person, string Reason, string Since, string Status, string Acknowledge,
    Func<string, string> AcknowledgeLabel, Func<string, string> Acknowledged, Func<string, string> ReasonName, Func<string, string> StatusName, string Gone)
{
    public static ProcessorNoticeTexts English { get; } = new(
        "Processors to tell of an erasure or objection",
        "Each processor entry receives personal data, so each is told when a person is erased or objects (GDPR art. 19, R35). Mark a notice acknowledged once the processor confirmed it.",
        "No notice is waiting.", "Processor", "Person", "Why", "Since", "Status", "Mark acknowledged",
        key => $"Mark the notice to {key} acknowledged", key => $"The notice to {key} is marked acknowledged.",
        reason => reason switch { "erasure" => "erasure", "objection" => "objection", _ => reason },
        status => status switch { "pending" => "pending", "acknowledged" => "acknowledged", _ => status },
        "That notice does not exist.");

    public static ProcessorNoticeTexts French { get; } = new(
        "Sous-traitants à informer d'un effacement ou d'une opposition",
        "Chaque sous-traitant saisi reçoit des données personnelles : chacun est informé lorsqu'une personne est effacée ou s'oppose (RGPD art. 19, R35). Marquez une notification reçue une fois que le sous-traitant l'a confirmée.",
        "Aucune notification en attente.", "Sous-traitant", "Personne", "Motif", "Depuis", "État", "Marquer comme reçue",
        key => $"Marquer comme reçue la notification à {key}", key => $"La notification à {key} est marquée comme reçue.",
        reason => reason switch { "erasure" => "effacement", "objection" => "opposition", _ => reason },
        status => status switch { "pending" => "en attente", "acknowledged" => "reçue", _ => status },
        "Cette notification n'existe pas.");
}
