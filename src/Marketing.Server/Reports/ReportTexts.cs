namespace Marketing.Server.Reports;

/// <summary>The words of the report pages, in each language.</summary>
public sealed class ReportTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string Sequences { get; init; }
    public required string Forms { get; init; }
    public required string Purposes { get; init; }
    public required string NoSequences { get; init; }
    public required string NoForms { get; init; }
    public required string NoPurposes { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string AllReports { get; init; }
    public required Func<string, string> SequenceTitle { get; init; }
    public required Func<string, string> FormTitle { get; init; }
    public required Func<string, string> PurposeTitle { get; init; }
    public required Func<int, int, string> SequenceIntro { get; init; }
    public required string SequenceHint { get; init; }
    public required string StepsCaption { get; init; }
    public required string Step { get; init; }
    public required string Type { get; init; }
    public required string Sent { get; init; }
    public required string Delivered { get; init; }
    public required string Bounced { get; init; }
    public required string Complaints { get; init; }
    public required string Unsubscribes { get; init; }
    public required string PersonClicks { get; init; }
    public required string AggregateClicks { get; init; }
    public required string Opens { get; init; }
    public required string GoalsReached { get; init; }
    public required string DeliveryRate { get; init; }
    public required string DeliveredChart { get; init; }
    public required string NoRate { get; init; }
    public required string DownloadCsv { get; init; }
    public required string PeriodHeading { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string DateHint { get; init; }
    public required string Show { get; init; }
    public required string FromError { get; init; }
    public required string ToError { get; init; }
    public required Func<string, string, string> PeriodIntro { get; init; }
    public required string Submissions { get; init; }
    public required string Confirmations { get; init; }
    public required string SubmissionsPerDay { get; init; }
    public required string ConfirmationsPerDay { get; init; }
    public required string Asked { get; init; }
    public required string Confirmed { get; init; }
    public required string ConfirmationRate { get; init; }
    public required string FormHint { get; init; }
    public required string Granted { get; init; }
    public required string Withdrawn { get; init; }
    public required string Objected { get; init; }
    public required string GrantedPerDay { get; init; }
    public required string WithdrawnPerDay { get; init; }
    public required string StandingNow { get; init; }
    public required string PurposeHint { get; init; }
    public required string InPeriod { get; init; }
    public required Func<string, int, int, string> ChartSummary { get; init; }
    public required string ShowFigures { get; init; }
    public required string Date { get; init; }

    public static ReportTexts English { get; } = new()
    {
        Title = "Reports",
        Intro = "What each sequence's messages did, each form's sign-ups and each purpose's consents. Counts only: no person is named.",
        Sequences = "Sequences",
        Forms = "Forms",
        Purposes = "Purposes",
        NoSequences = "No sequence is published yet.",
        NoForms = "No form yet.",
        NoPurposes = "No purpose yet.",
        Key = "Key",
        Name = "Name",
        AllReports = "All reports",
        SequenceTitle = key => $"Report: sequence {key}",
        FormTitle = id => $"Report: form {id}",
        PurposeTitle = name => $"Report: purpose {name}",
        SequenceIntro = (version, enrolled) => $"Version {version}; {enrolled} people enrolled in all. Each step counts the messages of every version at the step of the same id.",
        SequenceHint = "Clicks per person and opens are recorded only for people who consent to click or open tracking; everyone else's clicks are counted per link, without a person.",
        StepsCaption = "Messages and goals per step",
        Step = "Step",
        Type = "Type",
        Sent = "Sent",
        Delivered = "Delivered",
        Bounced = "Bounced",
        Complaints = "Complaints",
        Unsubscribes = "Unsubscribes",
        PersonClicks = "Clicks (per person, with consent)",
        AggregateClicks = "Clicks (counted per link)",
        Opens = "Opens (with consent)",
        GoalsReached = "Goals reached",
        DeliveryRate = "Delivered (%)",
        DeliveredChart = "Sent and delivered per step",
        NoRate = "–",
        DownloadCsv = "Download as CSV",
        PeriodHeading = "Period",
        From = "First day",
        To = "Last day",
        DateHint = "A date (UTC), for example 2026-11-01.",
        Show = "Show",
        FromError = "Enter the first day as a date, at most 366 days before the last day",
        ToError = "Enter the last day as a date, not before the first day",
        PeriodIntro = (from, to) => $"From {from} to {to} (UTC days).",
        Submissions = "Submissions",
        Confirmations = "Confirmations",
        SubmissionsPerDay = "Submissions per day",
        ConfirmationsPerDay = "Confirmations per day",
        Asked = "Submissions asking for a confirmation",
        Confirmed = "of them confirmed",
        ConfirmationRate = "Confirmation rate",
        FormHint = "The confirmation rate is the share of the period's submissions that asked for an email confirmation and whose confirmation came.",
        Granted = "Granted",
        Withdrawn = "Withdrawn",
        Objected = "Objections",
        GrantedPerDay = "Consents granted per day",
        WithdrawnPerDay = "Consents withdrawn per day",
        StandingNow = "Consents standing now",
        PurposeHint = "From the consent ledger: a double opt-in counts on the day it is confirmed.",
        InPeriod = "In the period",
        ChartSummary = (what, total, max) => $"{what}: {total} in the period, at most {max} in a day.",
        ShowFigures = "Show the figures",
        Date = "Date",
    };

    public static ReportTexts French { get; } = new()
    {
        Title = "Rapports",
        Intro = "Ce qu'ont donné les messages de chaque séquence, les inscriptions de chaque formulaire et les consentements de chaque finalité. Des comptes seulement : aucune personne n'est nommée.",
        Sequences = "Séquences",
        Forms = "Formulaires",
        Purposes = "Finalités",
        NoSequences = "Aucune séquence publiée pour l'instant.",
        NoForms = "Aucun formulaire pour l'instant.",
        NoPurposes = "Aucune finalité pour l'instant.",
        Key = "Clé",
        Name = "Nom",
        AllReports = "Tous les rapports",
        SequenceTitle = key => $"Rapport : séquence {key}",
        FormTitle = id => $"Rapport : formulaire {id}",
        PurposeTitle = name => $"Rapport : finalité {name}",
        SequenceIntro = (version, enrolled) => $"Version {version} ; {enrolled} personnes inscrites en tout. Chaque étape compte les messages de toutes les versions à l'étape de même identifiant.",
        SequenceHint = "Les clics par personne et les ouvertures ne sont enregistrés que pour les personnes qui consentent à la mesure des clics ou des ouvertures ; les clics des autres sont comptés par lien, sans personne.",
        StepsCaption = "Messages et objectifs par étape",
        Step = "Étape",
        Type = "Type",
        Sent = "Envoyés",
        Delivered = "Remis",
        Bounced = "Rejetés",
        Complaints = "Plaintes",
        Unsubscribes = "Désinscriptions",
        PersonClicks = "Clics (par personne, avec consentement)",
        AggregateClicks = "Clics (comptés par lien)",
        Opens = "Ouvertures (avec consentement)",
        GoalsReached = "Objectifs atteints",
        DeliveryRate = "Remis (%)",
        DeliveredChart = "Envoyés et remis par étape",
        NoRate = "–",
        DownloadCsv = "Télécharger en CSV",
        PeriodHeading = "Période",
        From = "Premier jour",
        To = "Dernier jour",
        DateHint = "Une date (UTC), par exemple 2026-11-01.",
        Show = "Afficher",
        FromError = "Saisissez le premier jour sous forme de date, au plus 366 jours avant le dernier jour",
        ToError = "Saisissez le dernier jour sous forme de date, pas avant le premier jour",
        PeriodIntro = (from, to) => $"Du {from} au {to} (jours UTC).",
        Submissions = "Envois du formulaire",
        Confirmations = "Confirmations",
        SubmissionsPerDay = "Envois du formulaire par jour",
        ConfirmationsPerDay = "Confirmations par jour",
        Asked = "Envois demandant une confirmation",
        Confirmed = "dont confirmés",
        ConfirmationRate = "Taux de confirmation",
        FormHint = "Le taux de confirmation est la part des envois de la période qui demandaient une confirmation par e-mail et dont la confirmation est arrivée.",
        Granted = "Accordés",
        Withdrawn = "Retirés",
        Objected = "Oppositions",
        GrantedPerDay = "Consentements accordés par jour",
        WithdrawnPerDay = "Consentements retirés par jour",
        StandingNow = "Consentements en vigueur",
        PurposeHint = "D'après le registre des consentements : un double opt-in compte le jour où il est confirmé.",
        InPeriod = "Sur la période",
        ChartSummary = (what, total, max) => $"{what} : {total} sur la période, au plus {max} en un jour.",
        ShowFigures = "Afficher les chiffres",
        Date = "Date",
    };
}
