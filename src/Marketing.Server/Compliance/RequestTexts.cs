using Marketing.Compliance;

namespace Marketing.Server.Compliance;

/// <summary>The words of the DSR queue and a ticket's page, in each language.</summary>
public sealed class RequestTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required Func<int, string> QueueCaption { get; init; }
    public required string Request { get; init; }
    public required string Type { get; init; }
    public required string Channel { get; init; }
    public required string Status { get; init; }
    public required string Received { get; init; }
    public required string Due { get; init; }
    public required string Deadline { get; init; }
    public required string NoRequests { get; init; }
    public required string OpenHeading { get; init; }
    public required string Email { get; init; }
    public required string EmailHint { get; init; }
    public required string IdentityMethod { get; init; }
    public required string Details { get; init; }
    public required string Optional { get; init; }
    public required string ReceivedOn { get; init; }
    public required string ReceivedHint { get; init; }
    public required string Open { get; init; }
    public required Func<string, string> Opened { get; init; }
    public required string LogHeading { get; init; }
    public required string LogIntro { get; init; }
    public required string DownloadCsv { get; init; }
    public required string DownloadJson { get; init; }
    public required Func<string, string> TicketTitle { get; init; }
    public required string Summary { get; init; }
    public required string Person { get; init; }
    public required string NoPerson { get; init; }
    public required string ActHint { get; init; }
    public required Func<string, string> ActLink { get; init; }
    public required string Identity { get; init; }
    public required string Extension { get; init; }
    public required string Outcome { get; init; }
    public required string Archive { get; init; }
    public required Func<string, string, string> ArchiveDone { get; init; }
    public required string DownloadArchive { get; init; }
    public required string ArchiveHint { get; init; }
    public required string History { get; init; }
    public required string When { get; init; }
    public required string Who { get; init; }
    public required string What { get; init; }
    public required string ExtendHeading { get; init; }
    public required string ExtendHint { get; init; }
    public required string Months { get; init; }
    public required string Reason { get; init; }
    public required string ExtensionReasonHint { get; init; }
    public required string Extend { get; init; }
    public required string Extended { get; init; }
    public required string CompleteHeading { get; init; }
    public required string OutcomeReasonHint { get; init; }
    public required string ComplaintRight { get; init; }
    public required string Complete { get; init; }
    public required string Completed { get; init; }
    public required string NotFound { get; init; }
    public required string Back { get; init; }
    public required string None { get; init; }
    public required Func<string, string> TypeName { get; init; }
    public required Func<string, string> ChannelName { get; init; }
    public required Func<string, string> StatusName { get; init; }
    public required Func<string, string> IdentityName { get; init; }
    public required Func<string, string> OutcomeName { get; init; }
    public required Func<DeadlineState, string> DeadlineName { get; init; }
    public required Func<int, string> MonthsName { get; init; }
    public required Func<string, string> Problem { get; init; }

    public static readonly RequestTexts English = new()
    {
        Title = "Data-subject requests",
        Intro = "Requests of people about their data (R36): each is due one calendar month after it was received. Tickets due within 7 days and overdue ones are marked.",
        QueueCaption = n => n == 1 ? "1 request" : $"{n} requests",
        Request = "Request",
        Type = "Type",
        Channel = "Channel",
        Status = "Status",
        Received = "Received",
        Due = "Due",
        Deadline = "Deadline",
        NoRequests = "No requests yet.",
        OpenHeading = "Enter a request received by email, letter, phone or in person",
        Email = "Requester's email address",
        EmailHint = "Where the extension notice and the answer go; the person with this address is linked to the ticket.",
        IdentityMethod = "How the identity was checked",
        Details = "What was asked",
        Optional = "Optional",
        ReceivedOn = "Received on",
        ReceivedHint = "Leave empty for today. For example, 2027-03-10.",
        Open = "Open the request",
        Opened = due => $"The request is open, due {due}.",
        LogHeading = "DSR log (E4)",
        LogIntro = "Every request with its deadline, extension, history and outcome, with a manifest of SHA-256 hashes.",
        DownloadCsv = "Download the log as CSV",
        DownloadJson = "Download the log as JSON",
        TicketTitle = type => $"{type} request",
        Summary = "The request",
        Person = "Person",
        NoPerson = "No person of the lead store has this address.",
        ActHint = "This request is fulfilled by the act itself: do it first, then close the request as fulfilled.",
        ActLink = type => type switch { RequestTypes.Erasure => "Erase this person", RequestTypes.Restriction => "Restrict this person", _ => "Record the objection" },
        Identity = "Identity check",
        Extension = "Extension",
        Outcome = "Outcome",
        Archive = "Archive",
        ArchiveDone = (at, sha) => $"Generated {at}, manifest SHA-256 {sha}",
        DownloadArchive = "Download the archive (ZIP)",
        ArchiveHint = "The person's data as the request asks (R37); its generation is logged on this ticket.",
        History = "History",
        When = "When",
        Who = "Who",
        What = "What",
        ExtendHeading = "Extend the deadline",
        ExtendHint = "Once, before the first due date, for a complex or numerous request: the requester is emailed the reason and the new date.",
        Months = "By",
        Reason = "Reason",
        ExtensionReasonHint = "Told to the requester in the notice.",
        Extend = "Extend and notify the requester",
        Extended = "The deadline is extended and the notice is on its way.",
        CompleteHeading = "Close the request",
        OutcomeReasonHint = "Required to refuse or to answer in part.",
        ComplaintRight = "The answer told the requester of their right to complain to the supervisory authority",
        Complete = "Close the request",
        Completed = "The request is closed.",
        NotFound = "There is no such request.",
        Back = "All requests",
        None = "—",
        TypeName = t => t switch
        {
            RequestTypes.Access => "Access", RequestTypes.Portability => "Portability", RequestTypes.Rectification => "Rectification",
            RequestTypes.Erasure => "Erasure", RequestTypes.Restriction => "Restriction", RequestTypes.Objection => "Objection",
            RequestTypes.Withdrawal => "Withdrawal of consent", _ => t,
        },
        ChannelName = c => c switch
        {
            RequestChannels.Form => "Web form", RequestChannels.Email => "Email", RequestChannels.Letter => "Letter", RequestChannels.Phone => "Phone",
            RequestChannels.InPerson => "In person", _ => "Other",
        },
        StatusName = s => s switch
        {
            RequestStatuses.AwaitingConfirmation => "Awaiting the requester's confirmation", RequestStatuses.Open => "Open", _ => "Closed",
        },
        IdentityName = m => m switch
        {
            IdentityMethods.EmailConfirmation => "Confirmed from their mailbox", IdentityMethods.KnownAddress => "Came from the address on file",
            IdentityMethods.Document => "Identity document", _ => "Other",
        },
        OutcomeName = o => o switch
        {
            RequestOutcomes.Fulfilled => "Fulfilled", RequestOutcomes.Partially => "Partially fulfilled", RequestOutcomes.Refused => "Refused", _ => o,
        },
        DeadlineName = d => d switch { DeadlineState.Overdue => "Overdue", DeadlineState.DueSoon => "Due within 7 days", _ => "On time" },
        MonthsName = n => n == 1 ? "1 month" : $"{n} months",
        Problem = code => code == "received" ? "Enter a date as YYYY-MM-DD, not in the future"
            : RequestProblems.Describe(code) is var text && text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text,
    };

    public static readonly RequestTexts French = new()
    {
        Title = "Demandes des personnes",
        Intro = "Les demandes des personnes sur leurs données (R36) : chacune est due un mois calendaire après sa réception. Les demandes dues sous 7 jours et celles en retard sont signalées.",
        QueueCaption = n => n <= 1 ? $"{n} demande" : $"{n} demandes",
        Request = "Demande",
        Type = "Type",
        Channel = "Canal",
        Status = "État",
        Received = "Reçue",
        Due = "Échéance",
        Deadline = "Délai",
        NoRequests = "Aucune demande pour l'instant.",
        OpenHeading = "Saisir une demande reçue par e-mail, courrier, téléphone ou en personne",
        Email = "Adresse e-mail du demandeur",
        EmailHint = "Où partent l'avis de prolongation et la réponse ; la personne qui a cette adresse est liée à la demande.",
        IdentityMethod = "Vérification de l'identité",
        Details = "Ce qui est demandé",
        Optional = "Facultatif",
        ReceivedOn = "Reçue le",
        ReceivedHint = "Laissez vide pour aujourd'hui. Par exemple, 2027-03-10.",
        Open = "Ouvrir la demande",
        Opened = due => $"La demande est ouverte, échéance le {due}.",
        LogHeading = "Registre des demandes (E4)",
        LogIntro = "Chaque demande avec son échéance, sa prolongation, son historique et sa réponse, avec un manifeste d'empreintes SHA-256.",
        DownloadCsv = "Télécharger le registre en CSV",
        DownloadJson = "Télécharger le registre en JSON",
        TypeName = t => t switch
        {
            RequestTypes.Access => "Accès", RequestTypes.Portability => "Portabilité", RequestTypes.Rectification => "Rectification",
            RequestTypes.Erasure => "Effacement", RequestTypes.Restriction => "Limitation", RequestTypes.Objection => "Opposition",
            RequestTypes.Withdrawal => "Retrait du consentement", _ => t,
        },
        TicketTitle = type => $"Demande : {type}",
        Summary = "La demande",
        Person = "Personne",
        NoPerson = "Aucune personne du fichier n'a cette adresse.",
        ActHint = "Cette demande est satisfaite par l'acte lui-même : faites-le d'abord, puis clôturez la demande comme satisfaite.",
        ActLink = type => type switch { RequestTypes.Erasure => "Effacer cette personne", RequestTypes.Restriction => "Limiter le traitement", _ => "Enregistrer l'opposition" },
        Identity = "Vérification de l'identité",
        Extension = "Prolongation",
        Outcome = "Réponse",
        Archive = "Archive",
        ArchiveDone = (at, sha) => $"Générée le {at}, SHA-256 du manifeste {sha}",
        DownloadArchive = "Télécharger l'archive (ZIP)",
        ArchiveHint = "Les données de la personne selon la demande (R37) ; sa génération est consignée sur cette demande.",
        History = "Historique",
        When = "Quand",
        Who = "Qui",
        What = "Quoi",
        ExtendHeading = "Prolonger le délai",
        ExtendHint = "Une fois, avant la première échéance, pour une demande complexe ou nombreuse : le demandeur reçoit par e-mail la raison et la nouvelle date.",
        Months = "De",
        Reason = "Raison",
        ExtensionReasonHint = "Communiquée au demandeur dans l'avis.",
        Extend = "Prolonger et prévenir le demandeur",
        Extended = "Le délai est prolongé et l'avis est en route.",
        CompleteHeading = "Clore la demande",
        OutcomeReasonHint = "Obligatoire pour refuser ou répondre en partie.",
        ComplaintRight = "La réponse a informé le demandeur de son droit d'introduire une réclamation auprès de l'autorité de contrôle",
        Complete = "Clore la demande",
        Completed = "La demande est close.",
        NotFound = "Cette demande n'existe pas.",
        Back = "Toutes les demandes",
        None = "—",
        ChannelName = c => c switch
        {
            RequestChannels.Form => "Formulaire web", RequestChannels.Email => "E-mail", RequestChannels.Letter => "Courrier", RequestChannels.Phone => "Téléphone",
            RequestChannels.InPerson => "En personne", _ => "Autre",
        },
        StatusName = s => s switch
        {
            RequestStatuses.AwaitingConfirmation => "En attente de confirmation du demandeur", RequestStatuses.Open => "Ouverte", _ => "Close",
        },
        IdentityName = m => m switch
        {
            IdentityMethods.EmailConfirmation => "Confirmée depuis sa boîte mail", IdentityMethods.KnownAddress => "Venue de l'adresse connue",
            IdentityMethods.Document => "Pièce d'identité", _ => "Autre",
        },
        OutcomeName = o => o switch
        {
            RequestOutcomes.Fulfilled => "Satisfaite", RequestOutcomes.Partially => "Satisfaite en partie", RequestOutcomes.Refused => "Refusée", _ => o,
        },
        DeadlineName = d => d switch { DeadlineState.Overdue => "En retard", DeadlineState.DueSoon => "Due sous 7 jours", _ => "Dans les délais" },
        MonthsName = n => n == 1 ? "1 mois" : $"{n} mois",
        Problem = code => code switch
        {
            RequestProblems.TypeInvalid => "Choisissez un type de demande",
            RequestProblems.ChannelInvalid => "Choisissez un canal",
            RequestProblems.EmailInvalid => "Saisissez une adresse e-mail valide",
            RequestProblems.IdentityInvalid => "Choisissez comment l'identité a été vérifiée",
            RequestProblems.NoSubject => "Saisissez l'adresse e-mail du demandeur",
            RequestProblems.TextTooLong => $"Le texte doit faire au plus {DataSubjectRequest.MaxTextLength} caractères",
            RequestProblems.NotOpen => "La demande n'est pas ouverte",
            RequestProblems.AlreadyExtended => "La demande a déjà été prolongée une fois",
            RequestProblems.ExtensionMonths => $"La prolongation est de 1 à {RequestDeadlines.MaxExtensionMonths} mois",
            RequestProblems.ExtensionTooLate => "La première échéance est passée : une prolongation doit être notifiée dans le premier mois (R36)",
            RequestProblems.ReasonRequired => "Saisissez une raison",
            RequestProblems.ReasonTooLong => $"La raison doit faire au plus {DataSubjectRequest.MaxReasonLength} caractères",
            RequestProblems.NoAddressForNotice => "La demande n'a pas d'adresse e-mail pour l'avis de prolongation",
            RequestProblems.OutcomeInvalid => "Choisissez une réponse",
            RequestProblems.ComplaintRightRequired => "Un refus ou une réponse partielle doit mentionner le droit de réclamation auprès de l'autorité (R36)",
            RequestProblems.ActNotDone => "Une demande d'effacement, de limitation ou d'opposition est satisfaite par l'acte lui-même : effacez, limitez ou enregistrez l'opposition d'abord (R38, R39, R17)",
            "received" => "Saisissez une date au format AAAA-MM-JJ, pas dans le futur",
            _ => code,
        },
    };
}
