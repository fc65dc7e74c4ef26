namespace Marketing.Server.Webhooks;

/// <summary>The words of Settings → Webhooks and an endpoint's page, in each language.</summary>
public sealed class WebhooksTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string Caption { get; init; }
    public required string Url { get; init; }
    public required string UrlHint { get; init; }
    public required string Description { get; init; }
    public required string DescriptionHint { get; init; }
    public required string Events { get; init; }
    public required string EventsHint { get; init; }
    public required string Status { get; init; }
    public required string Failures { get; init; }
    public required string Created { get; init; }
    public required string Actions { get; init; }
    public required string Active { get; init; }
    public required Func<string, string> DisabledBecause { get; init; }
    public required string NoEndpoints { get; init; }
    public required Func<string, string> Open { get; init; }
    public required string CreateHeading { get; init; }
    public required string Create { get; init; }
    public required Func<string, string> CreatedNotice { get; init; }
    public required string ShownOnce { get; init; }
    public required string NewSecretLabel { get; init; }
    public required Func<string, string> EndpointTitle { get; init; }
    public required string Back { get; init; }
    public required string Summary { get; init; }
    public required string None { get; init; }
    public required string SaveEvents { get; init; }
    public required string EventsSaved { get; init; }
    public required string SwitchHeading { get; init; }
    public required string Disable { get; init; }
    public required string Enable { get; init; }
    public required string DisableHint { get; init; }
    public required string Disabled { get; init; }
    public required string Enabled { get; init; }
    public required string SecretHeading { get; init; }
    public required string SecretHint { get; init; }
    public required string Rotate { get; init; }
    public required string Rotated { get; init; }
    public required string DeleteHeading { get; init; }
    public required string DeleteHint { get; init; }
    public required string Delete { get; init; }
    public required Func<string, string> Deleted { get; init; }
    public required string LogHeading { get; init; }
    public required string LogCaption { get; init; }
    public required string NoDeliveries { get; init; }
    public required string EventType { get; init; }
    public required string Attempts { get; init; }
    public required string LastAttempt { get; init; }
    public required string LastAnswer { get; init; }
    public required string NextAttempt { get; init; }
    public required Func<string, string> Replay { get; init; }
    public required string Replayed { get; init; }
    public required Func<string, string> DeliveryStatus { get; init; }
    public required string Never { get; init; }
    public required string Gone { get; init; }
    public required string Busy { get; init; }
    public required Func<string, string, string> Problem { get; init; }

    public static WebhooksTexts English { get; } = new()
    {
        Title = "Webhooks",
        Intro = "Other systems (a CRM, your email or SMS processor) learn of consents, suppressions, erasures, captured leads, send outcomes and completed requests within a minute. Each message is signed with the endpoint’s secret (Standard Webhooks) and carries ids only.",
        Caption = "Webhook endpoints, newest first",
        Url = "URL",
        UrlHint = "Where the events are posted, such as https://crm.example/hooks/marketing. It must not point to this machine or a private network.",
        Description = "Description",
        DescriptionHint = "Optional: what receives them. At most 200 characters.",
        Events = "Events",
        EventsHint = "The event types posted to this endpoint.",
        Status = "Status",
        Failures = "Failed attempts in a row",
        Created = "Created (UTC)",
        Actions = "Actions",
        Active = "Active",
        DisabledBecause = reason => $"Disabled: {reason}",
        NoEndpoints = "No endpoint yet.",
        Open = url => $"Settings and delivery log of {url}",
        CreateHeading = "Add an endpoint",
        Create = "Add the endpoint",
        CreatedNotice = url => $"The endpoint {url} was added.",
        ShownOnce = "Copy its signing secret now and give it to the receiver: it is shown only this once.",
        NewSecretLabel = "The signing secret",
        EndpointTitle = url => $"Webhook endpoint {url}",
        Back = "All webhook endpoints",
        Summary = "Summary",
        None = "none",
        SaveEvents = "Save the events",
        EventsSaved = "The events were saved: new events of these types are posted to this endpoint.",
        SwitchHeading = "Deliveries",
        Disable = "Disable the endpoint",
        Enable = "Enable the endpoint",
        DisableHint = "A disabled endpoint is posted nothing; its pending deliveries wait, and new events are not queued for it. Enabling clears its failure count.",
        Disabled = "The endpoint was disabled.",
        Enabled = "The endpoint was enabled.",
        SecretHeading = "Signing secret",
        SecretHint = "A new secret replaces the old one at once, retries and replays included: give it to the receiver straight away.",
        Rotate = "Make a new secret",
        Rotated = "A new signing secret was made.",
        DeleteHeading = "Delete",
        DeleteHint = "Deletes the endpoint and its delivery log. A processor’s acknowledgements are kept.",
        Delete = "Delete the endpoint",
        Deleted = url => $"The endpoint {url} was deleted.",
        LogHeading = "Delivery log",
        LogCaption = "The last 100 deliveries, newest first",
        NoDeliveries = "Nothing was delivered to this endpoint yet.",
        EventType = "Event",
        Attempts = "Attempts",
        LastAttempt = "Last attempt (UTC)",
        LastAnswer = "Last answer",
        NextAttempt = "Next attempt (UTC)",
        Replay = type => $"Replay this {type}",
        Replayed = "The delivery was queued again: it is posted within a minute, with the same webhook-id.",
        DeliveryStatus = status => status switch { "pending" => "Pending", "delivered" => "Delivered", _ => "Failed" },
        Never = "—",
        Gone = "This endpoint or delivery no longer exists.",
        Busy = "The delivery is being attempted right now: try again once this attempt has ended.",
        Problem = (field, message) => field switch
        {
            "url" when message.Contains("private", StringComparison.Ordinal) => "Enter a URL that does not point to this machine or a private network",
            "url" when message.Contains("resolve", StringComparison.Ordinal) => "Enter a URL whose host name resolves",
            "url" when message.Contains("credentials", StringComparison.Ordinal) => "Enter a URL without a user name, password or #fragment",
            "url" => "Enter an absolute http or https URL of at most 2000 characters",
            "eventTypes" => "Choose one or more events",
            "description" => "Enter a description of at most 200 characters",
            _ => "Choose a processor from the processor list",
        },
    };

    public static WebhooksTexts French { get; } = new()
    {
        Title = "Webhooks",
        Intro = "D’autres systèmes (un CRM, votre prestataire d’email ou de SMS) apprennent en moins d’une minute les consentements, oppositions, effacements, prospects captés, résultats d’envoi et demandes traitées. Chaque message est signé avec le secret du point de réception (Standard Webhooks) et ne porte que des identifiants.",
        Caption = "Points de réception des webhooks, les plus récents d’abord",
        Url = "URL",
        UrlHint = "Où les événements sont envoyés, par exemple https://crm.example/hooks/marketing. Elle ne doit pas désigner cette machine ni un réseau privé.",
        Description = "Description",
        DescriptionHint = "Facultatif : ce qui les reçoit. 200 caractères au plus.",
        Events = "Événements",
        EventsHint = "Les types d’événements envoyés à ce point de réception.",
        Status = "État",
        Failures = "Échecs d’affilée",
        Created = "Créé le (UTC)",
        Actions = "Actions",
        Active = "Actif",
        DisabledBecause = reason => $"Désactivé : {reason}",
        NoEndpoints = "Aucun point de réception pour l’instant.",
        Open = url => $"Réglages et journal des envois de {url}",
        CreateHeading = "Ajouter un point de réception",
        Create = "Ajouter le point de réception",
        CreatedNotice = url => $"Le point de réception {url} a été ajouté.",
        ShownOnce = "Copiez maintenant son secret de signature et transmettez-le au destinataire : il n’est affiché que cette fois.",
        NewSecretLabel = "Le secret de signature",
        EndpointTitle = url => $"Point de réception {url}",
        Back = "Tous les points de réception",
        Summary = "Résumé",
        None = "aucune",
        SaveEvents = "Enregistrer les événements",
        EventsSaved = "Les événements ont été enregistrés : les nouveaux événements de ces types sont envoyés à ce point de réception.",
        SwitchHeading = "Envois",
        Disable = "Désactiver le point de réception",
        Enable = "Activer le point de réception",
        DisableHint = "Rien n’est envoyé à un point de réception désactivé ; ses envois en attente patientent et les nouveaux événements ne lui sont pas destinés. L’activer remet son compteur d’échecs à zéro.",
        Disabled = "Le point de réception a été désactivé.",
        Enabled = "Le point de réception a été activé.",
        SecretHeading = "Secret de signature",
        SecretHint = "Un nouveau secret remplace l’ancien immédiatement, y compris pour les nouvelles tentatives et les rejeux : transmettez-le sans attendre.",
        Rotate = "Créer un nouveau secret",
        Rotated = "Un nouveau secret de signature a été créé.",
        DeleteHeading = "Supprimer",
        DeleteHint = "Supprime le point de réception et son journal des envois. Les accusés de réception d’un sous-traitant sont conservés.",
        Delete = "Supprimer le point de réception",
        Deleted = url => $"Le point de réception {url} a été supprimé.",
        LogHeading = "Journal des envois",
        LogCaption = "Les 100 derniers envois, les plus récents d’abord",
        NoDeliveries = "Rien n’a encore été envoyé à ce point de réception.",
        EventType = "Événement",
        Attempts = "Tentatives",
        LastAttempt = "Dernière tentative (UTC)",
        LastAnswer = "Dernière réponse",
        NextAttempt = "Prochaine tentative (UTC)",
        Replay = type => $"Renvoyer cet événement {type}",
        Replayed = "L’envoi a été remis en file : il part dans la minute, avec le même webhook-id.",
        DeliveryStatus = status => status switch { "pending" => "En attente", "delivered" => "Remis", _ => "Échoué" },
        Never = "—",
        Gone = "Ce point de réception ou cet envoi n’existe plus.",
        Busy = "Une tentative d’envoi est en cours : réessayez une fois qu’elle est terminée.",
        Problem = (field, message) => field switch
        {
            "url" when message.Contains("private", StringComparison.Ordinal) => "Saisissez une URL qui ne désigne ni cette machine ni un réseau privé",
            "url" when message.Contains("resolve", StringComparison.Ordinal) => "Saisissez une URL dont le nom d’hôte se résout",
            "url" when message.Contains("credentials", StringComparison.Ordinal) => "Saisissez une URL sans nom d’utilisateur, mot de passe ni #fragment",
            "url" => "Saisissez une URL http ou https absolue de 2000 caractères au plus",
            "eventTypes" => "Choisissez un ou plusieurs événements",
            "description" => "Saisissez une description de 200 caractères au plus",
            _ => "Choisissez un sous-traitant de la liste des sous-traitants",
        },
    };
}
