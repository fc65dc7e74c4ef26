using Marketing.Compliance;
using Marketing.Consent;

namespace Marketing.Server.Compliance;

/// <summary>The words of a person's restriction and objection page, and of the state line on their timeline, in each language.</summary>
public sealed class RestrictionTexts
{
    public required Func<string, string> Title { get; init; }
    public required string Intro { get; init; }
    public required string BackToPerson { get; init; }
    public required string OpenPage { get; init; }
    public required Func<DateTimeOffset, string?, string?, string> RestrictedState { get; init; }
    public required string NotRestricted { get; init; }
    /// <summary>R40: the person is in retention_expiring since this date.</summary>
    public required Func<DateTimeOffset, string> RetentionExpiring { get; init; }
    public required string RestrictHeading { get; init; }
    public required string RestrictHint { get; init; }
    public required string LiftHeading { get; init; }
    public required string LiftHint { get; init; }
    public required string Reason { get; init; }
    public required string ReasonHint { get; init; }
    public required string Restrict { get; init; }
    public required string Lift { get; init; }
    public required string Restricted { get; init; }
    public required string Lifted { get; init; }
    public required string LiftedNoEmail { get; init; }
    public required string ObjectHeading { get; init; }
    public required string ObjectHint { get; init; }
    public required string Scope { get; init; }
    public required string AllMarketing { get; init; }
    public required Func<string, string> ChannelScope { get; init; }
    public required Func<string, string> PurposeScope { get; init; }
    public required string ReceivedVia { get; init; }
    public required Func<string, string> ViaName { get; init; }
    public required string RecordObjection { get; init; }
    public required Func<int, string> Objected { get; init; }
    public required Func<string, string> Problem { get; init; }
    public required string SuppressionListHeading { get; init; }
    public required string SuppressionListHint { get; init; }
    public required string DownloadSuppressionList { get; init; }
    public required string SendListHeading { get; init; }
    public required string SendListHint { get; init; }
    public required string DownloadSendList { get; init; }
    public required string SendListFromSequences { get; init; }

    public static RestrictionTexts English { get; } = new()
    {
        Title = who => $"Restriction and objection: {who}",
        Intro = "Restriction (GDPR art. 18) keeps the person's data stored and nothing else: no message of any kind, no sequence, no export but the DPO's. An objection (art. 21) stops direct marketing in its scope, whatever the lawful basis. Both are in the audit log.",
        BackToPerson = "Back to the person",
        OpenPage = "Restrict or record an objection",
        RestrictedState = (since, reason, by) => $"Processing restricted since {since:yyyy-MM-dd HH:mm} UTC by {by ?? "unknown"}: {reason}",
        NotRestricted = "Processing is not restricted.",
        RetentionExpiring = since => $"Retention period ended on {since:yyyy-MM-dd}: one re-permission message was asked for. Without an answer (a click, a reply, an order, a confirmed consent), the person is erased or archived as their purposes say.",
        RestrictHeading = "Restrict processing",
        RestrictHint = "For a contested accuracy, a pending objection or a legal claim. The person's messages, queued or due, are blocked until it is lifted.",
        LiftHeading = "Lift the restriction",
        LiftHint = "The person is told by email that the restriction is lifted, in their language.",
        Reason = "Reason",
        ReasonHint = "Kept in the audit log. At most 500 characters.",
        Restrict = "Restrict processing",
        Lift = "Lift the restriction and tell the person",
        Restricted = "Processing is restricted.",
        Lifted = "The restriction is lifted and the person's notice is queued.",
        LiftedNoEmail = "The restriction is lifted. The person has no email address: tell them another way.",
        ObjectHeading = "Record an objection",
        ObjectHint = "An objection the person made by reply, phone, letter or chat. It is written to the consent ledger and the suppression list and blocks marketing in its scope, whatever the basis.",
        Scope = "What the person objects to",
        AllMarketing = "All direct marketing",
        ChannelScope = channel => channel == ChannelKeys.Sms ? "All marketing by SMS" : "All marketing by email",
        PurposeScope = purpose => $"Purpose: {purpose}",
        ReceivedVia = "Received by",
        ViaName = via => via switch
        {
            "email" => "Email reply",
            "phone" => "Phone call",
            "letter" => "Letter",
            "chat" => "Chat",
            "in_person" => "In person",
            "form" => "A form",
            _ => via,
        },
        RecordObjection = "Record the objection",
        Objected = count => count == 0 ? "The objection is recorded (it was already on file for each purpose)." : $"The objection is recorded for {count} purpose and channel pairs.",
        Problem = message => message switch
        {
            RestrictionRules.Messages.ReasonRequired => "Enter a reason: why processing is restricted or why the restriction ends",
            RestrictionRules.Messages.ReasonTooLong => "The reason must be at most 500 characters",
            RestrictionRules.Messages.AlreadyRestricted => "This person's processing is already restricted",
            RestrictionRules.Messages.NotRestricted => "This person's processing is not restricted",
            _ => message,
        },
        SuppressionListHeading = "Suppression list (E5)",
        SuppressionListHint = "Every entry with its keyed hash (never the address), channel, scope, reason and source, as a ZIP with a manifest.",
        DownloadSuppressionList = "Download the suppression list",
        SendListHeading = "Send list with the basis used (E2)",
        SendListHint = "A sequence's messages, one row per recipient, with the basis each relied on.",
        DownloadSendList = "Download the send list",
        SendListFromSequences = "Open a sequence to download its list, whole or per step.",
    };

    public static RestrictionTexts French { get; } = new()
    {
        Title = who => $"Limitation et opposition : {who}",
        Intro = "La limitation (RGPD art. 18) garde les données de la personne, sans rien en faire : aucun message, aucune séquence, aucun export sauf ceux du DPO. Une opposition (art. 21) arrête la prospection dans sa portée, quelle que soit la base légale. Les deux sont au journal d'audit.",
        BackToPerson = "Retour à la personne",
        OpenPage = "Limiter ou enregistrer une opposition",
        RestrictedState = (since, reason, by) => $"Traitement limité depuis le {since:yyyy-MM-dd HH:mm} UTC par {by ?? "inconnu"} : {reason}",
        NotRestricted = "Le traitement n'est pas limité.",
        RetentionExpiring = since => $"Durée de conservation échue le {since:yyyy-MM-dd} : un message de renouvellement du consentement a été demandé. Sans réponse (un clic, une réponse, une commande, un consentement confirmé), la personne est effacée ou archivée selon ses finalités.",
        RestrictHeading = "Limiter le traitement",
        RestrictHint = "Pour une exactitude contestée, une opposition en cours d'examen ou un litige. Les messages de la personne, en file ou à venir, sont bloqués jusqu'à la levée.",
        LiftHeading = "Lever la limitation",
        LiftHint = "La personne est prévenue par e-mail, dans sa langue, que la limitation est levée.",
        Reason = "Motif",
        ReasonHint = "Gardé au journal d'audit. 500 caractères au plus.",
        Restrict = "Limiter le traitement",
        Lift = "Lever la limitation et prévenir la personne",
        Restricted = "Le traitement est limité.",
        Lifted = "La limitation est levée et l'avis à la personne est en file.",
        LiftedNoEmail = "La limitation est levée. La personne n'a pas d'adresse e-mail : prévenez-la autrement.",
        ObjectHeading = "Enregistrer une opposition",
        ObjectHint = "Une opposition faite par réponse, téléphone, courrier ou chat. Elle est inscrite au registre des consentements et à la liste d'exclusion, et bloque la prospection dans sa portée, quelle que soit la base.",
        Scope = "Ce à quoi la personne s'oppose",
        AllMarketing = "Toute la prospection",
        ChannelScope = channel => channel == ChannelKeys.Sms ? "Toute la prospection par SMS" : "Toute la prospection par e-mail",
        PurposeScope = purpose => $"Finalité : {purpose}",
        ReceivedVia = "Reçue par",
        ViaName = via => via switch
        {
            "email" => "Réponse par e-mail",
            "phone" => "Appel téléphonique",
            "letter" => "Courrier",
            "chat" => "Chat",
            "in_person" => "En personne",
            "form" => "Un formulaire",
            _ => via,
        },
        RecordObjection = "Enregistrer l'opposition",
        Objected = count => count == 0 ? "L'opposition est enregistrée (elle l'était déjà pour chaque finalité)." : $"L'opposition est enregistrée pour {count} couples finalité et canal.",
        Problem = message => message switch
        {
            RestrictionRules.Messages.ReasonRequired => "Indiquez un motif : pourquoi le traitement est limité ou pourquoi la limitation prend fin",
            RestrictionRules.Messages.ReasonTooLong => "Le motif doit faire 500 caractères au plus",
            RestrictionRules.Messages.AlreadyRestricted => "Le traitement de cette personne est déjà limité",
            RestrictionRules.Messages.NotRestricted => "Le traitement de cette personne n'est pas limité",
            _ => message,
        },
        SuppressionListHeading = "Liste d'exclusion (E5)",
        SuppressionListHint = "Chaque entrée avec son empreinte à clé (jamais l'adresse), son canal, sa portée, son motif et sa source, en ZIP avec un manifeste.",
        DownloadSuppressionList = "Télécharger la liste d'exclusion",
        SendListHeading = "Liste d'envoi avec la base utilisée (E2)",
        SendListHint = "Les messages d'une séquence, une ligne par destinataire, avec la base sur laquelle chacun reposait.",
        DownloadSendList = "Télécharger la liste d'envoi",
        SendListFromSequences = "Ouvrez une séquence pour télécharger sa liste, entière ou par étape.",
    };
}

/// <summary>The field labels of the E5 and E2 download forms.</summary>
public sealed class ExportFieldTexts
{
    public required string Channel { get; init; }
    public required string Reason { get; init; }
    public required string Format { get; init; }
    public required string Any { get; init; }

    public static ExportFieldTexts English { get; } = new() { Channel = "Channel", Reason = "Reason", Format = "Format", Any = "Any" };

    public static ExportFieldTexts French { get; } = new() { Channel = "Canal", Reason = "Motif", Format = "Format", Any = "Tous" };
}
