using System.Globalization;
using Marketing.Compliance;

namespace Marketing.Server.Compliance;

/// <summary>The words of Compliance → Breach register and an incident's page, in each language.</summary>
public sealed record IncidentTexts(
    string Title, string Intro, string Caption, string Record, string NoIncidents, string Incident, string AwareAt, string DueAt, string State, string TimeLeft,
    Func<NotificationState, string> StateName, Func<TimeSpan, string> Left, string Download, string Csv, string Json,
    string NewTitle, string Back, string NotFound, string Saved, string Facts, string TitleField, string Description, string DescriptionHint,
    string UtcHint, string Scope, string ScopeHint, string ScopeKind, Func<string, string> ScopeName, string NoScope, string ScopeKey, string ScopeKeyHint,
    string ScopeFrom, string ScopeTo, string DataCategories, string SubjectCategories, string OnePerLine, string Consequences, string Measures, string HighRisk,
    string Decision, string NotifiedAt, string AuthorityReference, string LateReason, string LateReasonHint, string NotRequiredReason, string NotRequiredHint,
    string SubjectsInformedAt, string Optional, string Save, string Counts, string CountsIntro, string People, string ErasedSince, string Records,
    string Category, string Count, string NoScopeDeclared, string Drafts, string AuthorityDraft, string NoticeDraft, string NoticeHint, string Subject,
    string Body, string InEnglish, string InFrench)
{
    public static IncidentTexts English { get; } = new(
        "Breach register", "Every personal-data breach, notified or not (R50, GDPR art. 33(5)). The supervisory authority must be notified within 72 hours of awareness unless the breach is unlikely to result in a risk; a later notification gives the reasons for the delay.",
        "Incidents, newest first", "Record an incident", "No incident is recorded.", "Incident", "Aware at", "Notify by", "Notification", "Time left",
        state => state switch
        {
            NotificationState.Running => "to decide",
            NotificationState.Overdue => "OVERDUE",
            NotificationState.Notified => "notified",
            NotificationState.NotifiedLate => "notified late",
            _ => "not required",
        },
        left => left <= TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"{(int)(-left).TotalHours} h {(-left).Minutes} min over")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalHours} h {left.Minutes} min"),
        "Download the breach register (E8)", "CSV", "JSON",
        "Record an incident", "Back to the breach register", "No incident has that id.", "The incident was saved.", "What happened",
        "Title", "Description", "The nature of the breach: what happened, how, which systems.",
        "Date and time in UTC.", "Affected scope", "The engine counts the people and data categories present in it.", "Kind of scope",
        kind => kind switch { IncidentScopes.Form => "A form", IncidentScopes.Channel => "A channel", IncidentScopes.Window => "A time window", _ => kind },
        "None yet", "Form id or channel", "For a form its id, for a channel email or sms; nothing for a time window.",
        "From", "To", "Categories of personal data", "Categories of people", "One per line; optional.", "Likely consequences", "Measures taken or proposed",
        "The risk to people is high: they must be told (art. 34)",
        "Notification decision", "Notified to the authority at", "Authority's reference", "Reasons for the delay", "Required when notified more than 72 hours after awareness.",
        "Why no notification is owed", "Only when the breach is unlikely to result in a risk to people; leave empty otherwise.",
        "People told at", "Optional", "Save the incident", "Scope counts", "What the engine found in the affected scope (art. 33(3)(a)).", "People", "Erased since",
        "Records", "Category of data", "People or records", "No scope is declared: add one to count the people concerned.", "Drafts (never sent by the engine)",
        "Notification to the supervisory authority (art. 33)", "Message to the people concerned (art. 34)",
        "From the breach-notice template: send it yourself once the risk is judged high.", "Subject", "Body", "In English", "In French");

    public static IncidentTexts French { get; } = new(
        "Registre des violations", "Chaque violation de données personnelles, notifiée ou non (R50, RGPD art. 33(5)). L'autorité de contrôle doit être notifiée dans les 72 heures après en avoir pris connaissance, sauf si la violation n'est pas susceptible d'engendrer un risque ; une notification plus tardive donne les motifs du retard.",
        "Incidents, les plus récents d'abord", "Enregistrer un incident", "Aucun incident n'est enregistré.", "Incident", "Connu le", "À notifier avant", "Notification", "Temps restant",
        state => state switch
        {
            NotificationState.Running => "à décider",
            NotificationState.Overdue => "EN RETARD",
            NotificationState.Notified => "notifiée",
            NotificationState.NotifiedLate => "notifiée en retard",
            _ => "non requise",
        },
        left => left <= TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"dépassé de {(int)(-left).TotalHours} h {(-left).Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalHours} h {left.Minutes} min"),
        "Télécharger le registre des violations (E8)", "CSV", "JSON",
        "Enregistrer un incident", "Retour au registre des violations", "Aucun incident n'a cet identifiant.", "L'incident a été enregistré.", "Ce qui s'est passé",
        "Intitulé", "Description", "La nature de la violation : ce qui s'est passé, comment, quels systèmes.",
        "Date et heure en UTC.", "Périmètre touché", "Le moteur compte les personnes et les catégories de données qui s'y trouvent.", "Type de périmètre",
        kind => kind switch { IncidentScopes.Form => "Un formulaire", IncidentScopes.Channel => "Un canal", IncidentScopes.Window => "Une période", _ => kind },
        "Aucun pour l'instant", "Identifiant du formulaire ou canal", "Pour un formulaire son identifiant, pour un canal email ou sms ; rien pour une période.",
        "Du", "Au", "Catégories de données personnelles", "Catégories de personnes", "Une par ligne ; facultatif.", "Conséquences probables", "Mesures prises ou envisagées",
        "Le risque pour les personnes est élevé : elles doivent être informées (art. 34)",
        "Décision de notification", "Notifiée à l'autorité le", "Référence de l'autorité", "Motifs du retard", "Requis pour une notification plus de 72 heures après la prise de connaissance.",
        "Pourquoi aucune notification n'est due", "Seulement si la violation n'est pas susceptible d'engendrer un risque pour les personnes ; sinon laissez vide.",
        "Personnes informées le", "Facultatif", "Enregistrer l'incident", "Comptages du périmètre", "Ce que le moteur a trouvé dans le périmètre touché (art. 33(3)(a)).", "Personnes", "Effacées depuis",
        "Enregistrements", "Catégorie de données", "Personnes ou enregistrements", "Aucun périmètre n'est déclaré : ajoutez-en un pour compter les personnes concernées.", "Brouillons (jamais envoyés par le moteur)",
        "Notification à l'autorité de contrôle (art. 33)", "Message aux personnes concernées (art. 34)",
        "Issu du modèle breach-notice : envoyez-le vous-même une fois le risque jugé élevé.", "Objet", "Corps", "En anglais", "En français");
}
