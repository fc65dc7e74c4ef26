namespace Marketing.Server.Compliance;

/// <summary>The words of Compliance → Processors and Compliance → Register, and the processor line of Settings → Channels, in each language.</summary>
public sealed record ProcessorsTexts(
    string Title, string Intro, string Caption, string Key, string LegalName, string Role, string Service, string DataCategories, string DataCategoriesHint,
    string StorageCountries, string AccessCountries, string CountriesHint, string Transfers, string Mechanism, string MechanismHint, string NoMechanism,
    string TransferDocument, string DpaDate, string DpaReference, string SubProcessorsUrl, string DpfCertified, string DpfVerifiedOn, string Channels,
    string None, string Add, string Edit, string Save, string Remove, string Optional, string NoEntries, string AddTitle, Func<string, string> EditTitle,
    Func<string, string> Saved, Func<string, string> Removed, string Covered, string Uncovered, string ReviewDue, string NotFound, string Back,
    Func<string, string> RoleName, string KeyHint,
    string ChannelProcessor, Func<string, string, string> ChannelProcessorMissing,
    string RegisterTitle, string RegisterIntro, string Download, string InEnglish, string InFrench, string EditDpoFields, string DataSubjects,
    string Recipients, string SecurityMeasures, string DpiaReference, string Notes, string RegisterSaved, Func<string, string> RegisterEditTitle, string NoPurposes)
{
    public static ProcessorsTexts English { get; } = new(
        "Processors", "Every processor that receives personal data, where it stores and reads it, and the ground of each transfer outside the EEA (R43, R44). A channel that sends data to a processor starts only once its entry exists.",
        "Processor entries", "Key", "Legal name", "Role", "Service", "Data categories", "One per line, e.g. email address.",
        "Storage countries", "Access countries", "ISO codes separated by commas, e.g. IE, DE.", "Transfers outside the EEA", "Transfer mechanism",
        "Needed for a country outside the EEA without an adequacy decision, when data must stay in the EU.", "None",
        "Transfer document reference", "Data processing agreement date", "Data processing agreement reference", "Sub-processor list address",
        "Certified under the EU-US Data Privacy Framework", "DPF certification last checked on", "Channels naming it",
        "none", "Add a processor", "Edit", "Save the entry", "Remove the entry", "Optional", "No processor is entered yet. The local outbox needs none.",
        "Add a processor", key => $"Processor {key}", key => $"The entry {key} was saved.", key => $"The entry {key} was removed.",
        "covered", "NOT COVERED", "DPF check due", "No processor has that key.", "Back to the processors",
        role => role switch { "processor" => "Processor", "joint_controller" => "Joint controller", "independent_controller" => "Independent controller", _ => role },
        "What a channel's setting names it by, e.g. twilio for Marketing:Sms:Processor.",
        "Processor", (key, setting) => $"Before this channel is switched on, enter the processor '{key}' (named by {setting}) on Compliance → Processors.",
        "Register of processing", "The register of processing activities (GDPR art. 30, R42): one row per purpose, generated from the configuration, with the DPO's own fields.",
        "Download the register (CSV, JSON and printable HTML)", "in English", "in French", "Edit the DPO's fields", "Data subjects",
        "Other recipients", "Further security measures", "DPIA reference", "Notes", "The register row was saved as reviewed.", key => $"Register row {key}",
        "No purpose is declared yet: each purpose gets its row.");

    public static ProcessorsTexts French { get; } = new(
        "Sous-traitants", "Chaque sous-traitant qui reçoit des données personnelles, où il les conserve et les consulte, et le fondement de chaque transfert hors de l'EEE (R43, R44). Un canal qui envoie des données à un sous-traitant ne démarre qu'une fois son entrée créée.",
        "Entrées des sous-traitants", "Clé", "Raison sociale", "Rôle", "Service", "Catégories de données", "Une par ligne, par ex. adresse e-mail.",
        "Pays de stockage", "Pays d'accès", "Codes ISO séparés par des virgules, par ex. IE, DE.", "Transferts hors de l'EEE", "Mécanisme de transfert",
        "Requis pour un pays hors de l'EEE sans décision d'adéquation, lorsque les données doivent rester dans l'UE.", "Aucun",
        "Référence du document de transfert", "Date du contrat de sous-traitance", "Référence du contrat de sous-traitance", "Adresse de la liste des sous-traitants ultérieurs",
        "Certifié au titre du Data Privacy Framework UE-États-Unis", "Certification DPF vérifiée le", "Canaux qui le désignent",
        "aucun", "Ajouter un sous-traitant", "Modifier", "Enregistrer l'entrée", "Supprimer l'entrée", "Facultatif", "Aucun sous-traitant n'est encore saisi. Le dossier d'envoi local n'en demande aucun.",
        "Ajouter un sous-traitant", key => $"Sous-traitant {key}", key => $"L'entrée {key} a été enregistrée.", key => $"L'entrée {key} a été supprimée.",
        "couvert", "NON COUVERT", "Vérification DPF à faire", "Aucun sous-traitant n'a cette clé.", "Retour aux sous-traitants",
        role => role switch { "processor" => "Sous-traitant", "joint_controller" => "Responsable conjoint", "independent_controller" => "Responsable indépendant", _ => role },
        "Le nom que lui donne le réglage d'un canal, par ex. twilio pour Marketing:Sms:Processor.",
        "Sous-traitant", (key, setting) => $"Avant d'activer ce canal, saisissez le sous-traitant « {key} » (désigné par {setting}) dans Conformité → Sous-traitants.",
        "Registre des traitements", "Le registre des activités de traitement (RGPD art. 30, R42) : une ligne par finalité, générée à partir de la configuration, avec les champs propres au DPO.",
        "Télécharger le registre (CSV, JSON et HTML imprimable)", "en anglais", "en français", "Modifier les champs du DPO", "Personnes concernées",
        "Autres destinataires", "Mesures de sécurité complémentaires", "Référence de l'AIPD", "Notes", "La ligne du registre a été enregistrée comme revue.", key => $"Ligne du registre {key}",
        "Aucune finalité n'est encore déclarée : chaque finalité aura sa ligne.");
}
