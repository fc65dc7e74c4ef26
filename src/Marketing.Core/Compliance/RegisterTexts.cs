namespace Marketing.Compliance;

/// <summary>The register's headings and generated sentences, in English and French (R42: the register is read by the CNIL in French).</summary>
public sealed record RegisterTexts(
    string Language,
    string Title,
    IReadOnlyList<string> Columns,
    string NotSet,
    string NoRepresentative,
    string DefaultDataSubjects,
    string NoForm,
    string ConsentEvidence,
    string Staff,
    string NoProcessor,
    string NoTransfer,
    Func<string, string, string, string> Transfer,
    Func<int, int, string> Retention,
    string Security,
    string NoDpia,
    string NotReviewed,
    Func<string, string> Generated)
{
    public static RegisterTexts English { get; } = new(
        "en",
        "Register of processing activities (GDPR art. 30)",
        ["Activity", "Name", "Controller (a)", "DPO (a)", "Representative (a)", "Purpose (b)", "Legal basis (b)", "Data subjects (c)", "Personal data (c)",
            "Recipients (d)", "Transfers (e)", "Retention (f)", "Security measures (g)", "Processors", "DPIA", "Created", "Last reviewed", "Reviewer"],
        "N/A: not set in the settings (Marketing:Email:LegalName, PostalAddress)",
        "N/A: no representative; art. 27 applies only to a controller established outside the EU",
        "People who gave their details through the site's forms, the API or an import (prospects and customers)",
        "N/A: no published form collects data for this purpose yet",
        "consent evidence (time, wording seen, IP address, user agent)",
        "the controller's marketing and compliance staff, by role",
        "no processor receives this purpose's data",
        "N/A: no transfer outside the EEA; every recipient stores and accesses the data in the EEA",
        (country, recipient, ground) => $"{country}: {recipient}, {ground}",
        (days, proofYears) => $"{days} days after the last qualifying activity (the purpose's retention); proof of consent {proofYears} years after processing ends; sign-ups never confirmed are purged",
        "Access by role with a second factor for admin, compliance and DPO; HTTPS; TLS to the mail relay; tamper-evident consent ledger (hash chain) verified on demand; suppression list kept as keyed hashes; audit log of exports and changes; bad input changes nothing",
        "N/A: no DPIA recorded; the DPO records its reference here when one is required (R45)",
        "N/A: not reviewed yet",
        text => $"{text} (generated from the configuration)");

    public static RegisterTexts French { get; } = new(
        "fr",
        "Registre des activités de traitement (RGPD art. 30)",
        ["Activité", "Nom", "Responsable du traitement (a)", "DPO (a)", "Représentant (a)", "Finalité (b)", "Base légale (b)", "Personnes concernées (c)", "Données personnelles (c)",
            "Destinataires (d)", "Transferts (e)", "Durée de conservation (f)", "Mesures de sécurité (g)", "Sous-traitants", "AIPD", "Créée le", "Revue le", "Revue par"],
        "N/A : non renseigné dans les réglages (Marketing:Email:LegalName, PostalAddress)",
        "N/A : pas de représentant ; l'art. 27 ne concerne qu'un responsable établi hors de l'UE",
        "Personnes ayant donné leurs coordonnées par les formulaires du site, l'API ou un import (prospects et clients)",
        "N/A : aucun formulaire publié ne collecte encore de données pour cette finalité",
        "preuve du consentement (heure, texte vu, adresse IP, navigateur)",
        "les équipes marketing et conformité du responsable, selon leur rôle",
        "aucun sous-traitant ne reçoit les données de cette finalité",
        "N/A : aucun transfert hors de l'EEE ; chaque destinataire conserve et consulte les données dans l'EEE",
        (country, recipient, ground) => $"{country} : {recipient}, {ground}",
        (days, proofYears) => $"{days} jours après la dernière activité significative (durée de la finalité) ; preuve du consentement {proofYears} ans après la fin du traitement ; inscriptions jamais confirmées purgées",
        "Accès par rôle avec second facteur pour admin, conformité et DPO ; HTTPS ; TLS vers le relais de messagerie ; registre des consentements chaîné par empreintes, vérifiable ; liste d'opposition conservée en empreintes à clé ; journal d'audit des exports et des modifications ; une entrée invalide ne modifie rien",
        "N/A : aucune AIPD enregistrée ; le DPO en note ici la référence lorsqu'elle est requise (R45)",
        "N/A : pas encore revue",
        text => $"{text} (généré à partir de la configuration)");

    public static RegisterTexts For(string? language) => language == "fr" ? French : English;
}
