namespace Marketing.Server.Compliance;

/// <summary>The words of the compliance page, in each language.</summary>
public sealed class ComplianceTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string ProofHeading { get; init; }
    public required string ProofIntro { get; init; }
    public required string CookiesHeading { get; init; }
    public required string CookiesIntro { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string DateHint { get; init; }
    public required string FormId { get; init; }
    public required string Purpose { get; init; }
    public required string SiteId { get; init; }
    public required string ConsentId { get; init; }
    public required string Optional { get; init; }
    public required string Format { get; init; }
    public required string Download { get; init; }
    public required string LedgerHeading { get; init; }
    public required string LedgerIntro { get; init; }
    public required string Verify { get; init; }
    public required Func<long, long, string> Intact { get; init; }
    public required Func<string, Guid, long, string> Broken { get; init; }
    public required Func<string, string> BreakReason { get; init; }
    public required string AuditHeading { get; init; }
    public required string Action { get; init; }
    public required string ActionHint { get; init; }
    public required string Actor { get; init; }
    public required string ActorHint { get; init; }
    public required string Filter { get; init; }
    public required string ClearFilter { get; init; }
    public required Func<int, string> AuditCaption { get; init; }
    public required string When { get; init; }
    public required string Target { get; init; }
    public required string Detail { get; init; }
    public required string NoEntries { get; init; }
    public required string Pages { get; init; }
    public required string NextPage { get; init; }
    public required string PreviousPage { get; init; }
    public required Func<string, string> Problem { get; init; }
    public required string AuditIntro { get; init; }
    public required string ObjectId { get; init; }
    public required string ObjectHint { get; init; }
    public required string Role { get; init; }
    public required string Source { get; init; }
    public required string Export { get; init; }
    public required Func<string, string, string> LastIntact { get; init; }
    public required Func<string, string, string> LastBroken { get; init; }
    public required string NeverVerified { get; init; }

    public static ComplianceTexts English { get; } = new()
    {
        Title = "Compliance",
        Intro = "Exports for a supervisory authority or a person’s request, the ledger’s verification, and the audit log. Each export and verification is recorded in the audit log with your name.",
        ProofHeading = "Proof of consent (E1)",
        ProofIntro = "A ZIP: each ledger event with the wording the person saw, the sends with the basis each relied on, and a manifest with each file’s SHA-256.",
        CookiesHeading = "Cookie-consent log (E7)",
        CookiesIntro = "A ZIP: every choice made on a banner, with the configuration of each banner version it names, and a manifest.",
        From = "From (UTC)",
        To = "Until (UTC, not included)",
        DateHint = "A date, such as 2026-12-01. Leave empty for no limit.",
        FormId = "Form",
        Purpose = "Purpose key",
        SiteId = "Site",
        ConsentId = "Consent id",
        Optional = "Optional.",
        Format = "File format",
        Download = "Download",
        LedgerHeading = "Consent ledger",
        LedgerIntro = "Recomputes every event’s hash and link, person by person, and says where the chain first fails to hold, if anywhere.",
        Verify = "Verify the ledger",
        Intact = (events, people) => $"The ledger holds: {events} events of {people} people verified.",
        Broken = (eventId, person, sequence) => $"The ledger is broken at event {eventId} (person {person}, sequence {sequence}).",
        BreakReason = reason => reason,
        AuditHeading = "Audit log",
        Action = "Action",
        ActionHint = "Exactly, such as suppression.added, or a family ending with a dot, such as consent_proof.",
        Actor = "Actor",
        ActorHint = "Exactly, such as user:ada@acme.example, key:ops or cli.",
        Filter = "Filter",
        ClearFilter = "Clear the filter",
        AuditCaption = page => page == 1 ? "Audit log, newest first" : $"Audit log, newest first, page {page}",
        When = "When (UTC)",
        Target = "Target",
        Detail = "Detail",
        NoEntries = "No entry matches this filter.",
        Pages = "Pages of the audit log",
        NextPage = "Next page",
        PreviousPage = "Previous page",
        Problem = field => field switch
        {
            "from" => "Enter a date such as 2026-12-01",
            "to" => "Enter a date after the start, such as 2026-12-31",
            "format" => "Choose CSV or JSON",
            "action" => "Enter at most 80 characters",
            "actor" => "Enter at most 120 characters",
            "object" => "Enter at most 200 characters",
            _ => "Go back to the first page",
        },
        AuditIntro = "Who did what, in which role, from which address, to which object: every export, consent, suppression and configuration change, and every read of a person’s record (R49). Kept 12 months; nobody can change an entry.",
        ObjectId = "Object",
        ObjectHint = "An id exactly, such as a person’s id, to see every read and change of that object.",
        Role = "Role",
        Source = "Source",
        Export = "Export as CSV (E9)",
        LastIntact = (when, actor) => $"Last verification {when} UTC by {actor}: the ledger holds.",
        LastBroken = (when, actor) => $"Last verification {when} UTC by {actor}: the ledger is BROKEN. Verify it again to see where, and investigate.",
        NeverVerified = "The ledger has not been verified yet; the engine verifies it every day.",
    };

    public static ComplianceTexts French { get; } = new()
    {
        Title = "Conformité",
        Intro = "Les exports pour une autorité de contrôle ou la demande d’une personne, la vérification du registre et le journal d’audit. Chaque export et chaque vérification est inscrit au journal d’audit à votre nom.",
        ProofHeading = "Preuve du consentement (E1)",
        ProofIntro = "Un ZIP : chaque événement du registre avec le texte que la personne a vu, les envois avec la base de chacun, et un manifeste avec l’empreinte SHA-256 de chaque fichier.",
        CookiesHeading = "Journal des choix de cookies (E7)",
        CookiesIntro = "Un ZIP : chaque choix fait sur un bandeau, avec la configuration de chaque version de bandeau citée, et un manifeste.",
        From = "Du (UTC)",
        To = "Jusqu’au (UTC, exclu)",
        DateHint = "Une date, par exemple 2026-12-01. Laissez vide pour ne pas limiter.",
        FormId = "Formulaire",
        Purpose = "Clé de finalité",
        SiteId = "Site",
        ConsentId = "Identifiant de consentement",
        Optional = "Facultatif.",
        Format = "Format des fichiers",
        Download = "Télécharger",
        LedgerHeading = "Registre des consentements",
        LedgerIntro = "Recalcule l’empreinte et le chaînage de chaque événement, personne par personne, et indique où la chaîne casse pour la première fois, le cas échéant.",
        Verify = "Vérifier le registre",
        Intact = (events, people) => $"Le registre est intègre : {events} événements de {people} personnes vérifiés.",
        Broken = (eventId, person, sequence) => $"Le registre est cassé à l’événement {eventId} (personne {person}, rang {sequence}).",
        BreakReason = reason => reason,
        AuditHeading = "Journal d’audit",
        Action = "Action",
        ActionHint = "Exactement, par exemple suppression.added, ou une famille finissant par un point, par exemple consent_proof.",
        Actor = "Auteur",
        ActorHint = "Exactement, par exemple user:ada@acme.example, key:ops ou cli.",
        Filter = "Filtrer",
        ClearFilter = "Effacer le filtre",
        AuditCaption = page => page == 1 ? "Journal d’audit, du plus récent au plus ancien" : $"Journal d’audit, du plus récent au plus ancien, page {page}",
        When = "Quand (UTC)",
        Target = "Cible",
        Detail = "Détail",
        NoEntries = "Aucune entrée ne correspond à ce filtre.",
        Pages = "Pages du journal d’audit",
        NextPage = "Page suivante",
        PreviousPage = "Page précédente",
        Problem = field => field switch
        {
            "from" => "Saisissez une date, par exemple 2026-12-01",
            "to" => "Saisissez une date après le début, par exemple 2026-12-31",
            "format" => "Choisissez CSV ou JSON",
            "action" => "Saisissez au plus 80 caractères",
            "actor" => "Saisissez au plus 120 caractères",
            "object" => "Saisissez au plus 200 caractères",
            _ => "Revenez à la première page",
        },
        AuditIntro = "Qui a fait quoi, avec quel rôle, depuis quelle adresse, sur quel objet : chaque export, chaque changement de consentement, d’opposition ou de configuration, et chaque consultation de la fiche d’une personne (R49). Conservé 12 mois ; personne ne peut modifier une entrée.",
        ObjectId = "Objet",
        ObjectHint = "Un identifiant exact, par exemple celui d’une personne, pour voir chaque consultation et modification de cet objet.",
        Role = "Rôle",
        Source = "Source",
        Export = "Exporter en CSV (E9)",
        LastIntact = (when, actor) => $"Dernière vérification le {when} UTC par {actor} : le registre est intègre.",
        LastBroken = (when, actor) => $"Dernière vérification le {when} UTC par {actor} : le registre est CASSÉ. Vérifiez-le à nouveau pour voir où, et enquêtez.",
        NeverVerified = "Le registre n’a pas encore été vérifié ; le moteur le vérifie chaque jour.",
    };
}
