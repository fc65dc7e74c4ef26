using System.Globalization;
using Marketing.Leads;

namespace Marketing.Server.Leads;

/// <summary>The words of the imports pages (the list and start form, a batch with its progress), in each language.</summary>
public sealed class ImportsTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string ListCaption { get; init; }
    public required string NoneYet { get; init; }
    public required string Source { get; init; }
    public required string File { get; init; }
    public required string Status { get; init; }
    public required string Started { get; init; }
    public required string RowsRead { get; init; }
    public required string Created { get; init; }
    public required string Updated { get; init; }
    public required string Suppressed { get; init; }
    public required string Refused { get; init; }
    public required string Proof { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required Func<string, string> StatusName { get; init; }
    public required Func<long, string> Number { get; init; }

    public required string StartHeading { get; init; }
    public required string StartIntro { get; init; }
    public required string ProvenanceLegend { get; init; }
    public required string SourceOrganisation { get; init; }
    public required string ContractReference { get; init; }
    public required string Optional { get; init; }
    public required string CollectedFrom { get; init; }
    public required string CollectedTo { get; init; }
    public required string DateHint { get; init; }
    public required string CollectionUrls { get; init; }
    public required string OnePerLine { get; init; }
    public required string OnePartnerPerLine { get; init; }
    public required string ConsentLegend { get; init; }
    public required string ConsentIntro { get; init; }
    public required string ConsentWording { get; init; }
    public required string ConsentWordingHint { get; init; }
    public required string PartnersShown { get; init; }
    public required string Channels { get; init; }
    public required string Purposes { get; init; }
    public required string NoPurposes { get; init; }
    public required string ProofLocation { get; init; }
    public required string ProofLocationHint { get; init; }
    public required string FileLabel { get; init; }
    public required string FileHint { get; init; }
    public required string Uploading { get; init; }
    public required string StartImport { get; init; }
    public required string NoFile { get; init; }
    public required string BadDate { get; init; }
    public required Func<string, string> FieldProblem { get; init; }

    public required string AllImports { get; init; }
    public required Func<string, string> BatchTitle { get; init; }
    public required string Progress { get; init; }
    public required Func<long, long?, string> ProgressText { get; init; }
    public required string Refresh { get; init; }
    public required string NotFound { get; init; }
    public required string Provenance { get; init; }
    public required string ContractLabel { get; init; }
    public required string Collected { get; init; }
    public required string WordingHash { get; init; }
    public required string NoProofWarning { get; init; }
    public required string RefusedCaption { get; init; }
    public required Func<int, string> RefusedTruncated { get; init; }
    public required string Line { get; init; }
    public required string Field { get; init; }
    public required string Reason { get; init; }
    public required string Report { get; init; }
    public required string ReportCsv { get; init; }
    public required string ReportJson { get; init; }
    public required string NotKeptHere { get; init; }
    public required string Started202 { get; init; }

    public static ImportsTexts English { get; } = new()
    {
        Title = "Imports",
        Intro = "Lists of contacts from another organisation, each a batch with its provenance (R51) and its report (E10).",
        ListCaption = "Import batches, newest first",
        NoneYet = "No list has been imported yet.",
        Source = "Source organisation",
        File = "File",
        Status = "Status",
        Started = "Started (UTC)",
        RowsRead = "Rows read",
        Created = "Created",
        Updated = "Updated",
        Suppressed = "Suppressed",
        Refused = "Refused",
        Proof = "Consent proof",
        Yes = "Yes",
        No = "No",
        Number = EnglishNumber,
        StatusName = s => s switch { ImportStatuses.Running => "Running", ImportStatuses.Completed => "Completed", _ => s },
        StartHeading = "Import a list",
        StartIntro = "Say where the list comes from, then attach the CSV file: a header line naming email or phone, then one person a line. The import runs in the background; its page shows the progress.",
        ProvenanceLegend = "Where the list comes from",
        SourceOrganisation = "Source organisation",
        ContractReference = "Contract reference",
        Optional = "Optional",
        CollectedFrom = "Collected from",
        CollectedTo = "Collected until",
        DateHint = "A date, such as 2026-03-31",
        CollectionUrls = "Addresses of the pages where the data was collected",
        OnePerLine = "One address a line, each starting with https://",
        OnePartnerPerLine = "One partner a line, as the list showed them",
        ConsentLegend = "The consent the people gave",
        ConsentIntro = "Without the exact wording, the partners shown, the channels and purposes and where each record's proof lies, the people are imported with no marketing basis.",
        ConsentWording = "Exact consent wording shown",
        ConsentWordingHint = "Word for word, as the people saw it",
        PartnersShown = "Partners shown",
        Channels = "Channels covered",
        Purposes = "Purposes covered",
        NoPurposes = "No purpose is declared yet.",
        ProofLocation = "Where per-record proof can be fetched",
        ProofLocationHint = "A file, an address or an API of the source organisation",
        FileLabel = "CSV file",
        FileHint = "Columns: email, phone, country, locale, consented_at, and attributes (lower-case names)",
        Uploading = "Upload progress",
        StartImport = "Start the import",
        NoFile = "Choose the CSV file to import",
        BadDate = "Enter a date such as 2026-03-31",
        FieldProblem = field => field switch
        {
            "sourceOrganisation" => "Enter the organisation the list comes from (at most 200 characters)",
            "collectedTo" => "The end of the collection must not be before its start",
            "collectionUrls" => "Each address must be a whole http or https address",
            "consentWording" => "Enter the wording as text of at most the allowed length",
            "channels" => "Choose channels from the list",
            "purposes" => "Choose purposes from the list",
            "proofLocation" => "Enter at most 2000 characters",
            _ => "Check this field",
        },
        AllImports = "All imports",
        BatchTitle = source => $"Import from {source}",
        Progress = "Progress",
        ProgressText = (lines, total) => total is { } t ? $"{EnglishNumber(lines)} of about {EnglishNumber(t)} lines read" : $"{EnglishNumber(lines)} lines read",
        Refresh = "Refresh",
        NotFound = "There is no such import.",
        Provenance = "Provenance",
        ContractLabel = "Contract reference",
        Collected = "Collected",
        WordingHash = "Consent wording (SHA-256)",
        NoProofWarning = "This batch carries no consent proof: its people were imported with no marketing basis.",
        RefusedCaption = "Refused lines",
        RefusedTruncated = n => $"Only the first {n:N0} refused lines are kept; the count covers them all.",
        Line = "Line",
        Field = "Field",
        Reason = "Reason",
        Report = "Import report (E10)",
        ReportCsv = "Download the report (CSV)",
        ReportJson = "Download the report (JSON)",
        NotKeptHere = "This batch stopped and its file is not kept on this server: resume it with the same file from the command line.",
        Started202 = "The import has started.",
    };

    public static ImportsTexts French { get; } = new()
    {
        Title = "Imports",
        Intro = "Des listes de contacts venant d’un autre organisme, chacune un lot avec sa provenance (R51) et son rapport (E10).",
        ListCaption = "Lots d’import, du plus récent au plus ancien",
        NoneYet = "Aucune liste n’a encore été importée.",
        Source = "Organisme source",
        File = "Fichier",
        Status = "État",
        Started = "Commencé (UTC)",
        RowsRead = "Lignes lues",
        Created = "Créées",
        Updated = "Mises à jour",
        Suppressed = "Écartées (liste d’opposition)",
        Refused = "Refusées",
        Proof = "Preuve du consentement",
        Yes = "Oui",
        No = "Non",
        Number = FrenchNumber,
        StatusName = s => s switch { ImportStatuses.Running => "En cours", ImportStatuses.Completed => "Terminé", _ => s },
        StartHeading = "Importer une liste",
        StartIntro = "Indiquez d’où vient la liste, puis joignez le fichier CSV : une ligne d’en-tête nommant email ou phone, puis une personne par ligne. L’import se fait en arrière-plan ; sa page en montre l’avancement.",
        ProvenanceLegend = "D’où vient la liste",
        SourceOrganisation = "Organisme source",
        ContractReference = "Référence du contrat",
        Optional = "Facultatif",
        CollectedFrom = "Collecte du",
        CollectedTo = "Collecte jusqu’au",
        DateHint = "Une date, par exemple 2026-03-31",
        CollectionUrls = "Adresses des pages où les données ont été collectées",
        OnePerLine = "Une adresse par ligne, chacune commençant par https://",
        OnePartnerPerLine = "Un partenaire par ligne, tels que la liste les affichait",
        ConsentLegend = "Le consentement donné par les personnes",
        ConsentIntro = "Sans le texte exact, les partenaires affichés, les canaux et finalités et l’endroit où se trouve la preuve de chaque fiche, les personnes sont importées sans base pour le marketing.",
        ConsentWording = "Texte exact du consentement affiché",
        ConsentWordingHint = "Mot pour mot, tel que les personnes l’ont vu",
        PartnersShown = "Partenaires affichés",
        Channels = "Canaux couverts",
        Purposes = "Finalités couvertes",
        NoPurposes = "Aucune finalité n’est encore déclarée.",
        ProofLocation = "Où obtenir la preuve de chaque fiche",
        ProofLocationHint = "Un fichier, une adresse ou une API de l’organisme source",
        FileLabel = "Fichier CSV",
        FileHint = "Colonnes : email, phone, country, locale, consented_at, et des attributs (noms en minuscules)",
        Uploading = "Avancement de l’envoi",
        StartImport = "Lancer l’import",
        NoFile = "Choisissez le fichier CSV à importer",
        BadDate = "Saisissez une date telle que 2026-03-31",
        FieldProblem = field => field switch
        {
            "sourceOrganisation" => "Saisissez l’organisme d’où vient la liste (200 caractères au plus)",
            "collectedTo" => "La fin de la collecte ne peut précéder son début",
            "collectionUrls" => "Chaque adresse doit être une adresse http ou https complète",
            "consentWording" => "Saisissez le texte, dans la longueur permise",
            "channels" => "Choisissez des canaux dans la liste",
            "purposes" => "Choisissez des finalités dans la liste",
            "proofLocation" => "Saisissez 2000 caractères au plus",
            _ => "Vérifiez ce champ",
        },
        AllImports = "Tous les imports",
        BatchTitle = source => $"Import de {source}",
        Progress = "Avancement",
        ProgressText = (lines, total) => total is { } t ? $"{FrenchNumber(lines)} lignes lues sur environ {FrenchNumber(t)}" : $"{FrenchNumber(lines)} lignes lues",
        Refresh = "Actualiser",
        NotFound = "Cet import n’existe pas.",
        Provenance = "Provenance",
        ContractLabel = "Référence du contrat",
        Collected = "Collecte",
        WordingHash = "Texte du consentement (SHA-256)",
        NoProofWarning = "Ce lot ne porte aucune preuve de consentement : ses personnes ont été importées sans base pour le marketing.",
        RefusedCaption = "Lignes refusées",
        RefusedTruncated = n => $"Seules les {n:N0} premières lignes refusées sont conservées ; le total les compte toutes.",
        Line = "Ligne",
        Field = "Champ",
        Reason = "Motif",
        Report = "Rapport d’import (E10)",
        ReportCsv = "Télécharger le rapport (CSV)",
        ReportJson = "Télécharger le rapport (JSON)",
        NotKeptHere = "Ce lot s’est arrêté et son fichier n’est pas conservé sur ce serveur : reprenez-le avec le même fichier en ligne de commande.",
        Started202 = "L’import a commencé.",
    };

    public static string EnglishNumber(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>French groups digits with a narrow no-break space (the server may run without culture data).</summary>
    public static string FrenchNumber(long n) => n.ToString("N0", CultureInfo.InvariantCulture).Replace(',', '\u202F');
}
