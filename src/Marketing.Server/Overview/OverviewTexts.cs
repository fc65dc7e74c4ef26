namespace Marketing.Server.Overview;

/// <summary>The words of the home page, in each language.</summary>
public sealed class OverviewTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string Today { get; init; }
    public required string Last30Days { get; init; }
    public required string Captures { get; init; }
    public required string Confirmations { get; init; }
    public required string Sent { get; init; }
    public required string Blocked { get; init; }
    public required string Bounces { get; init; }
    public required string Complaints { get; init; }
    public required string FailedJobs { get; init; }
    public required Func<int, string> InLast30Days { get; init; }
    public required string CapturesPerDay { get; init; }
    public required string ConfirmationsPerDay { get; init; }
    public required Func<string, int, int, string> ChartSummary { get; init; }
    public required string ShowFigures { get; init; }
    public required string Date { get; init; }
    public required string Count { get; init; }
    public required string SendsByOutcome { get; init; }
    public required string Outcome { get; init; }
    public required string BlocksByReason { get; init; }
    public required string Reason { get; init; }
    public required string NoBlocks { get; init; }
    public required string NoSends { get; init; }
    public required string BouncesAndComplaints { get; init; }
    public required string Kind { get; init; }
    public required string Domains { get; init; }
    public required string Domain { get; init; }
    public required string Status { get; init; }
    public required string CheckedAt { get; init; }
    public required string DomainPassed { get; init; }
    public required Func<string, string> DomainFailed { get; init; }
    public required string DomainRegressed { get; init; }
    public required string NoDomains { get; init; }
    public required string MarketingPaused { get; init; }
    public required string LedgerBroken { get; init; }
    public required string LedgerLink { get; init; }
    public required string JobsLink { get; init; }
    public required Func<string, string> StatusName { get; init; }
    public required Func<string, string> KindName { get; init; }

    public static OverviewTexts English { get; } = new()
    {
        Title = "Home",
        Intro = "Today and the last 30 days (UTC).",
        Today = "Today",
        Last30Days = "Last 30 days",
        Captures = "Captures",
        Confirmations = "Confirmations",
        Sent = "Messages sent",
        Blocked = "Blocked by the gate",
        Bounces = "Bounces",
        Complaints = "Complaints",
        FailedJobs = "Failed jobs",
        InLast30Days = n => $"{n} in the last 30 days",
        CapturesPerDay = "Captures per day",
        ConfirmationsPerDay = "Confirmations per day",
        ChartSummary = (what, total, max) => $"{what}, last 30 days: {total} in all, at most {max} in a day.",
        ShowFigures = "Show the figures",
        Date = "Date",
        Count = "Number",
        SendsByOutcome = "Messages by outcome",
        Outcome = "Outcome",
        BlocksByReason = "Gate blocks by reason",
        Reason = "Reason",
        NoBlocks = "The gate blocked no message.",
        NoSends = "No message was asked for.",
        BouncesAndComplaints = "Bounces and complaints",
        Kind = "Kind",
        Domains = "Sending domains",
        Domain = "Domain",
        Status = "Status",
        CheckedAt = "Last checked",
        DomainPassed = "SPF, DKIM and DMARC pass",
        DomainFailed = items => $"Failing: {items}",
        DomainRegressed = "Failing since its last good check: marketing is held back",
        NoDomains = "No sending domain has been checked yet.",
        MarketingPaused = "Marketing email is paused: the complaint rate went over its limit. An admin must acknowledge it.",
        LedgerBroken = "The consent ledger's last verification found its chain broken: proof of consent may have been altered.",
        LedgerLink = "See the ledger on the compliance page",
        JobsLink = "Open the jobs dashboard",
        StatusName = status => status switch
        {
            "queued" => "Waiting",
            "sending" => "Being sent",
            "sent" => "Sent",
            "blocked" => "Blocked by the gate",
            "failed" => "Failed",
            "interrupted" => "Interrupted",
            _ => status,
        },
        KindName = kind => kind switch
        {
            "hard_bounce" => "Hard bounces",
            "soft_bounce" => "Soft bounces",
            "complaint" => "Complaints",
            _ => kind,
        },
    };

    public static OverviewTexts French { get; } = new()
    {
        Title = "Accueil",
        Intro = "Aujourd'hui et les 30 derniers jours (UTC).",
        Today = "Aujourd'hui",
        Last30Days = "30 derniers jours",
        Captures = "Inscriptions",
        Confirmations = "Confirmations",
        Sent = "Messages envoyés",
        Blocked = "Bloqués par le contrôle",
        Bounces = "Rebonds",
        Complaints = "Plaintes",
        FailedJobs = "Tâches en échec",
        InLast30Days = n => $"{n} sur les 30 derniers jours",
        CapturesPerDay = "Inscriptions par jour",
        ConfirmationsPerDay = "Confirmations par jour",
        ChartSummary = (what, total, max) => $"{what}, 30 derniers jours : {total} au total, au plus {max} en un jour.",
        ShowFigures = "Afficher les chiffres",
        Date = "Date",
        Count = "Nombre",
        SendsByOutcome = "Messages par résultat",
        Outcome = "Résultat",
        BlocksByReason = "Blocages du contrôle par motif",
        Reason = "Motif",
        NoBlocks = "Le contrôle n'a bloqué aucun message.",
        NoSends = "Aucun message n'a été demandé.",
        BouncesAndComplaints = "Rebonds et plaintes",
        Kind = "Type",
        Domains = "Domaines d'envoi",
        Domain = "Domaine",
        Status = "État",
        CheckedAt = "Dernière vérification",
        DomainPassed = "SPF, DKIM et DMARC valides",
        DomainFailed = items => $"En échec : {items}",
        DomainRegressed = "En échec depuis sa dernière vérification réussie : le marketing est retenu",
        NoDomains = "Aucun domaine d'envoi n'a encore été vérifié.",
        MarketingPaused = "L'e-mail marketing est suspendu : le taux de plaintes a dépassé sa limite. Un administrateur doit en prendre acte.",
        LedgerBroken = "La dernière vérification du registre des consentements a trouvé sa chaîne cassée : des preuves de consentement ont peut-être été altérées.",
        LedgerLink = "Voir le registre sur la page Conformité",
        JobsLink = "Ouvrir le tableau des tâches",
        StatusName = status => status switch
        {
            "queued" => "En attente",
            "sending" => "En cours d'envoi",
            "sent" => "Envoyés",
            "blocked" => "Bloqués par le contrôle",
            "failed" => "En échec",
            "interrupted" => "Interrompus",
            _ => status,
        },
        KindName = kind => kind switch
        {
            "hard_bounce" => "Rebonds définitifs",
            "soft_bounce" => "Rebonds temporaires",
            "complaint" => "Plaintes",
            _ => kind,
        },
    };
}
