using Marketing.Sending;

namespace Marketing.Server.Sending;

/// <summary>The words of the sends page, in each language.</summary>
public sealed class SendsTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string Status { get; init; }
    public required string AnyStatus { get; init; }
    public required string MessageType { get; init; }
    public required string AnyType { get; init; }
    public required string Reason { get; init; }
    public required string ReasonHint { get; init; }
    public required string Filter { get; init; }
    public required string ClearFilter { get; init; }
    public required Func<int, string> Caption { get; init; }
    public required string Created { get; init; }
    public required string Recipient { get; init; }
    public required string Channel { get; init; }
    public required string Template { get; init; }
    public required string Decision { get; init; }
    public required string StaffMember { get; init; }
    /// <summary>A person whose identifiers are gone (erased): their sends stay, as records of what was decided.</summary>
    public required string Erased { get; init; }
    public required string NoneFound { get; init; }
    public required string Pages { get; init; }
    public required string NextPage { get; init; }
    public required string PreviousPage { get; init; }
    public required Func<string, string> StatusName { get; init; }
    public required Func<string, string> TypeName { get; init; }
    public required Func<string, string> Problem { get; init; }

    public static SendsTexts English { get; } = new()
    {
        Title = "Sends",
        Intro = "Every message asked for, with what the send gate decided and why. Filter by status and by the gate's reason.",
        Status = "Status",
        AnyStatus = "Any status",
        MessageType = "Kind of message",
        AnyType = "Any kind",
        Reason = "Gate reason",
        ReasonHint = "Its beginning, such as “no consent” or “quiet hours”.",
        Filter = "Filter",
        ClearFilter = "Clear the filter",
        Caption = page => page == 1 ? "Sends, newest first" : $"Sends, newest first, page {page}",
        Created = "Asked for (UTC)",
        Recipient = "Recipient",
        Channel = "Channel",
        Template = "Template",
        Decision = "Gate decision and reason",
        StaffMember = "A user of the app",
        Erased = "A person without address",
        NoneFound = "No send matches this filter.",
        Pages = "Pages of sends",
        NextPage = "Next page",
        PreviousPage = "Previous page",
        StatusName = status => status switch
        {
            SendStatuses.Queued => "Queued",
            SendStatuses.Sending => "Sending",
            SendStatuses.HandingOver => "Handing over",
            SendStatuses.Sent => "Sent",
            SendStatuses.Blocked => "Blocked",
            SendStatuses.Failed => "Failed",
            SendStatuses.Interrupted => "Interrupted",
            SendStatuses.Cancelled => "Cancelled",
            _ => status,
        },
        TypeName = type => type switch
        {
            MessageTypes.Marketing => "Marketing",
            MessageTypes.Transactional => "Transactional",
            MessageTypes.DoubleOptIn => "Confirmation (double opt-in)",
            _ => type,
        },
        Problem = field => field switch
        {
            FindSends.ProblemCodes.Status => "Choose a status from the list",
            FindSends.ProblemCodes.MessageType => "Choose a kind of message from the list",
            FindSends.ProblemCodes.Reason => $"Enter at most {FindSends.MaxReasonLength} characters",
            _ => "Go back to the first page",
        },
    };

    public static SendsTexts French { get; } = new()
    {
        Title = "Envois",
        Intro = "Chaque message demandé, avec la décision du contrôle d’envoi et sa raison. Filtrez par état et par raison.",
        Status = "État",
        AnyStatus = "Tous les états",
        MessageType = "Type de message",
        AnyType = "Tous les types",
        Reason = "Raison du contrôle",
        ReasonHint = "Son début, par exemple « no consent » ou « quiet hours ».",
        Filter = "Filtrer",
        ClearFilter = "Effacer le filtre",
        Caption = page => page == 1 ? "Envois, du plus récent au plus ancien" : $"Envois, du plus récent au plus ancien, page {page}",
        Created = "Demandé le (UTC)",
        Recipient = "Destinataire",
        Channel = "Canal",
        Template = "Modèle",
        Decision = "Décision du contrôle et raison",
        StaffMember = "Un utilisateur de l’application",
        Erased = "Une personne sans adresse",
        NoneFound = "Aucun envoi ne correspond à ce filtre.",
        Pages = "Pages d’envois",
        NextPage = "Page suivante",
        PreviousPage = "Page précédente",
        StatusName = status => status switch
        {
            SendStatuses.Queued => "En attente",
            SendStatuses.Sending => "En cours",
            SendStatuses.HandingOver => "En remise",
            SendStatuses.Sent => "Envoyé",
            SendStatuses.Blocked => "Bloqué",
            SendStatuses.Failed => "Échoué",
            SendStatuses.Interrupted => "Interrompu",
            SendStatuses.Cancelled => "Annulé",
            _ => status,
        },
        TypeName = type => type switch
        {
            MessageTypes.Marketing => "Marketing",
            MessageTypes.Transactional => "Transactionnel",
            MessageTypes.DoubleOptIn => "Confirmation (double opt-in)",
            _ => type,
        },
        Problem = field => field switch
        {
            FindSends.ProblemCodes.Status => "Choisissez un état dans la liste",
            FindSends.ProblemCodes.MessageType => "Choisissez un type de message dans la liste",
            FindSends.ProblemCodes.Reason => $"Saisissez au plus {FindSends.MaxReasonLength} caractères",
            _ => "Revenez à la première page",
        },
    };
}
