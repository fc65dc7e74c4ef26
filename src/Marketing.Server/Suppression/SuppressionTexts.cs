using Marketing.Suppression;

namespace Marketing.Server.Suppression;

/// <summary>The words of the suppression page, in each language.</summary>
public sealed class SuppressionTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string LookupHeading { get; init; }
    public required string Address { get; init; }
    public required string AddressHint { get; init; }
    public required string Region { get; init; }
    public required string RegionHint { get; init; }
    public required string LookUp { get; init; }
    public required string ClearLookup { get; init; }
    public required Func<string, int, string> FoundCaption { get; init; }
    public required string LatestCaption { get; init; }
    public required Func<string, string> NotSuppressed { get; init; }
    public required string Empty { get; init; }
    public required string Reason { get; init; }
    public required string Channel { get; init; }
    public required string Scope { get; init; }
    public required string ScopeHint { get; init; }
    public required string Source { get; init; }
    public required string Added { get; init; }
    public required string Hash { get; init; }
    public required string Actions { get; init; }
    public required Func<string, string> Remove { get; init; }
    public required string OnlyThePerson { get; init; }
    public required string AddHeading { get; init; }
    public required string Add { get; init; }
    public required string AnyChannel { get; init; }
    public required string AnyPurpose { get; init; }
    public required string AddedNotice { get; init; }
    public required string AlreadyThere { get; init; }
    public required string RemovedNotice { get; init; }
    public required string Gone { get; init; }
    public required string Unsubscribe { get; init; }
    public required string ImportHeading { get; init; }
    public required string ImportIntro { get; init; }
    public required string File { get; init; }
    public required string FileHint { get; init; }
    public required string Import { get; init; }
    public required string Uploading { get; init; }
    public required Func<int, int, int, string> Imported { get; init; }
    public required string BadLinesCaption { get; init; }
    public required string Line { get; init; }
    public required string Problem { get; init; }
    public required string NoFile { get; init; }
    public required string NoHeader { get; init; }
    public required Func<string, string> FieldProblem { get; init; }
    public required Func<IReadOnlyList<string>, string> LineProblem { get; init; }
    public required Func<string, string> ReasonName { get; init; }

    public static SuppressionTexts English { get; } = new()
    {
        Title = "Suppression list",
        Intro = "Addresses that must receive nothing, or nothing of a purpose. The list holds no address: each line is a keyed hash of one, so an address is looked up by hashing it the same way.",
        LookupHeading = "Look up an address",
        Address = "Email address or phone number",
        AddressHint = "An email address, or a number with its country code (+33 6 12 34 56 78).",
        Region = "Country of a national number",
        RegionHint = "Two letters, such as FR, for a number written without its country code. Leave empty otherwise.",
        LookUp = "Look up",
        ClearLookup = "Show the latest entries",
        FoundCaption = (address, count) => $"Entries for {address}: {count}",
        LatestCaption = "Latest entries, newest first",
        NotSuppressed = address => $"{address} is not on the suppression list.",
        Empty = "The list is empty.",
        Reason = "Reason",
        Channel = "Channel",
        Scope = "Purpose",
        ScopeHint = "A purpose key, or * for every purpose.",
        Source = "Source",
        Added = "Added (UTC)",
        Hash = "Address hash",
        Actions = "Actions",
        Remove = hash => $"Remove entry {hash}",
        OnlyThePerson = "Only the person lifts an unsubscribe",
        AddHeading = "Add an address",
        Add = "Add to the list",
        AnyChannel = "Every channel",
        AnyPurpose = "*",
        AddedNotice = "The address is on the suppression list.",
        AlreadyThere = "The address was already on the list with this reason.",
        RemovedNotice = "The entry was removed.",
        Gone = "This entry is no longer on the list.",
        Unsubscribe = "An unsubscribe cannot be removed: only a new consent of the person, confirmed by double opt-in, lifts it.",
        ImportHeading = "Import a list",
        ImportIntro = "A CSV file with a header line: address (required), and optionally channel, scope, reason (manual by default) and region. Good lines are added together; bad lines are listed and change nothing.",
        File = "CSV file",
        FileHint = "UTF-8, comma-separated, first line the header.",
        Import = "Import",
        Uploading = "Upload progress",
        Imported = (added, present, rejected) => $"Import done: {added} added, {present} already on the list, {rejected} bad lines.",
        BadLinesCaption = "Bad lines, not imported",
        Line = "Line",
        Problem = "Problem",
        NoFile = "Choose a CSV file to import",
        NoHeader = "The file’s first line must be a header naming at least the column address",
        FieldProblem = field => field switch
        {
            "address" => "Enter an email address, or a phone number with its country code (or its country below)",
            "channel" => "Choose a channel from the list",
            "scope" => "Enter a purpose key, or * for every purpose",
            "reason" => "Choose a reason from the list",
            _ => "Enter two letters, such as FR",
        },
        LineProblem = fields => string.Join("; ", fields.Select(f => f switch
        {
            "address" => "address: not an email address or phone number",
            "channel" => "channel: must be email, sms or *",
            "scope" => "scope: must be a purpose key or *",
            "reason" => $"reason: must be one of {string.Join(", ", SuppressionReasons.Addable)}",
            _ => f,
        })),
        ReasonName = reason => reason switch
        {
            SuppressionReasons.Unsubscribe => "Unsubscribed",
            SuppressionReasons.HardBounce => "Hard bounce",
            SuppressionReasons.Complaint => "Complaint",
            SuppressionReasons.SoftBounces => "Repeated soft bounces",
            SuppressionReasons.Erasure => "Erasure",
            SuppressionReasons.Manual => "Added by hand",
            SuppressionReasons.Objection => "Objection",
            _ => reason,
        },
    };

    public static SuppressionTexts French { get; } = new()
    {
        Title = "Liste d’exclusion",
        Intro = "Les adresses qui ne doivent rien recevoir, ou rien d’une finalité. La liste ne contient aucune adresse : chaque ligne en est une empreinte à clé, et une adresse se recherche en calculant la même empreinte.",
        LookupHeading = "Rechercher une adresse",
        Address = "Adresse e-mail ou numéro de téléphone",
        AddressHint = "Une adresse e-mail, ou un numéro avec son indicatif (+33 6 12 34 56 78).",
        Region = "Pays d’un numéro national",
        RegionHint = "Deux lettres, par exemple FR, pour un numéro écrit sans indicatif. Sinon, laissez vide.",
        LookUp = "Rechercher",
        ClearLookup = "Afficher les dernières entrées",
        FoundCaption = (address, count) => $"Entrées pour {address} : {count}",
        LatestCaption = "Dernières entrées, de la plus récente à la plus ancienne",
        NotSuppressed = address => $"{address} n’est pas sur la liste d’exclusion.",
        Empty = "La liste est vide.",
        Reason = "Raison",
        Channel = "Canal",
        Scope = "Finalité",
        ScopeHint = "Une clé de finalité, ou * pour toutes.",
        Source = "Origine",
        Added = "Ajoutée le (UTC)",
        Hash = "Empreinte de l’adresse",
        Actions = "Actions",
        Remove = hash => $"Retirer l’entrée {hash}",
        OnlyThePerson = "Seule la personne lève une désinscription",
        AddHeading = "Ajouter une adresse",
        Add = "Ajouter à la liste",
        AnyChannel = "Tous les canaux",
        AnyPurpose = "*",
        AddedNotice = "L’adresse est sur la liste d’exclusion.",
        AlreadyThere = "L’adresse était déjà sur la liste pour cette raison.",
        RemovedNotice = "L’entrée a été retirée.",
        Gone = "Cette entrée n’est plus sur la liste.",
        Unsubscribe = "Une désinscription ne peut pas être retirée : seul un nouveau consentement de la personne, confirmé par double opt-in, la lève.",
        ImportHeading = "Importer une liste",
        ImportIntro = "Un fichier CSV avec une ligne d’en-tête : address (obligatoire), et au choix channel, scope, reason (manual par défaut) et region. Les bonnes lignes sont ajoutées ensemble ; les mauvaises sont listées et ne changent rien.",
        File = "Fichier CSV",
        FileHint = "UTF-8, séparé par des virgules, en-tête en première ligne.",
        Import = "Importer",
        Uploading = "Progression de l’envoi",
        Imported = (added, present, rejected) => $"Import terminé : {added} ajoutées, {present} déjà sur la liste, {rejected} lignes erronées.",
        BadLinesCaption = "Lignes erronées, non importées",
        Line = "Ligne",
        Problem = "Problème",
        NoFile = "Choisissez un fichier CSV à importer",
        NoHeader = "La première ligne du fichier doit être un en-tête nommant au moins la colonne address",
        FieldProblem = field => field switch
        {
            "address" => "Saisissez une adresse e-mail, ou un numéro avec son indicatif (ou son pays ci-dessous)",
            "channel" => "Choisissez un canal dans la liste",
            "scope" => "Saisissez une clé de finalité, ou * pour toutes",
            "reason" => "Choisissez une raison dans la liste",
            _ => "Saisissez deux lettres, par exemple FR",
        },
        LineProblem = fields => string.Join(" ; ", fields.Select(f => f switch
        {
            "address" => "address : ni une adresse e-mail ni un numéro de téléphone",
            "channel" => "channel : doit être email, sms ou *",
            "scope" => "scope : doit être une clé de finalité ou *",
            "reason" => $"reason : doit être l’une de {string.Join(", ", SuppressionReasons.Addable)}",
            _ => f,
        })),
        ReasonName = reason => reason switch
        {
            SuppressionReasons.Unsubscribe => "Désinscription",
            SuppressionReasons.HardBounce => "Rejet définitif",
            SuppressionReasons.Complaint => "Plainte",
            SuppressionReasons.SoftBounces => "Rejets temporaires répétés",
            SuppressionReasons.Erasure => "Effacement",
            SuppressionReasons.Manual => "Ajout manuel",
            SuppressionReasons.Objection => "Opposition",
            _ => reason,
        },
    };
}
