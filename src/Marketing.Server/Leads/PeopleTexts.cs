using Marketing.Leads;

namespace Marketing.Server.Leads;

/// <summary>The words of the people pages (the search and a person's timeline), in each language.</summary>
public sealed class PeopleTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string SearchLabel { get; init; }
    public required string SearchHint { get; init; }
    public required string Purpose { get; init; }
    public required string AnyPurpose { get; init; }
    public required string ConsentState { get; init; }
    public required string AnyState { get; init; }
    public required string Regime { get; init; }
    public required string AnyRegime { get; init; }
    public required string Source { get; init; }
    public required string SourceHint { get; init; }
    public required string Search { get; init; }
    public required string ClearSearch { get; init; }
    public required Func<int, string> ResultsCaption { get; init; }
    public required string Email { get; init; }
    public required string Phone { get; init; }
    public required string Name { get; init; }
    public required string Created { get; init; }
    public required string NoneFound { get; init; }
    public required string Pages { get; init; }
    public required string NextPage { get; init; }
    public required string PreviousPage { get; init; }
    public required Func<string, string> Problem { get; init; }
    public required Func<string, string> StatusName { get; init; }

    public required Func<string, string> PersonTitle { get; init; }
    public required string BackToSearch { get; init; }
    public required string Details { get; init; }
    public required string Locale { get; init; }
    public required string TimeZone { get; init; }
    public required string Country { get; init; }
    public required string Audience { get; init; }
    public required string Business { get; init; }
    public required string Consumer { get; init; }
    public required string Attributes { get; init; }
    public required string None { get; init; }
    /// <summary>R39: shown in place of a restricted person's data to anyone but the DPO.</summary>
    public required string RestrictedRow { get; init; }
    public required string Consents { get; init; }
    public required string Channel { get; init; }
    public required string Since { get; init; }
    public required string ProofExport { get; init; }
    public required string ProofExportHint { get; init; }
    public required string Timeline { get; init; }
    public required string TimelineTruncated { get; init; }
    public required string When { get; init; }
    public required string What { get; init; }
    public required string Outcome { get; init; }
    public required string Detail { get; init; }
    public required Func<string, string> KindName { get; init; }
    public required Func<int, string, string> WordingSummary { get; init; }
    /// <summary>What an order says about refusing marketing (the customer exception's condition).</summary>
    public required Func<string?, string?> OrderDetail { get; init; }
    public required string NoEvents { get; init; }

    public required string CorrectHeading { get; init; }
    public required Func<string, string> CorrectTitle { get; init; }
    public required string Cancel { get; init; }
    public required string CorrectHint { get; init; }
    public required string TimeZoneHint { get; init; }
    public required string LocaleHint { get; init; }
    public required string CountryHint { get; init; }
    public required string AttributesHint { get; init; }
    public required string NewAttributeName { get; init; }
    public required string NewAttributeNameHint { get; init; }
    public required string NewAttributeValue { get; init; }
    public required string NewAttributeNameMissing { get; init; }
    public required string NewAttributeValueMissing { get; init; }
    public required string SaveCorrections { get; init; }
    public required string CorrectionSaved { get; init; }
    /// <summary>A rule of <see cref="CorrectPerson"/>, by its message, in the reader's language.</summary>
    /// <summary>A correction's problem by its rule code, in the page's words; <c>message</c> is the rule's text in the page's language.</summary>
    public required Func<string?, string, string> CorrectionProblem { get; init; }

    public static PeopleTexts English { get; } = new()
    {
        Title = "People",
        Intro = "Find a person by their email address, phone number or name, or list people by what they consented to.",
        SearchLabel = "Email, phone or name",
        SearchHint = "A whole email address, a number with its country code (+33 6 12 34 56 78), or the beginning of a name.",
        Purpose = "Purpose",
        AnyPurpose = "Any purpose",
        ConsentState = "Consent state",
        AnyState = "Any state",
        Regime = "Regime",
        AnyRegime = "Any regime",
        Source = "Source",
        SourceHint = "Where they came from, or its beginning, such as form:newsletter.",
        Search = "Search",
        ClearSearch = "Clear the search",
        ResultsCaption = page => page == 1 ? "People found, newest first" : $"People found, newest first, page {page}",
        Email = "Email",
        Phone = "Phone",
        Name = "Name",
        Created = "Added",
        NoneFound = "Nobody matches this search.",
        Pages = "Pages of results",
        NextPage = "Next page",
        PreviousPage = "Previous page",
        Problem = code => code switch
        {
            FindPeople.SearchKinds.Email => "Enter a whole email address, such as name@example.com",
            FindPeople.SearchKinds.Phone => "Enter the number with its country code, such as +33 6 12 34 56 78",
            FindPeople.ProblemCodes.Query => "Enter at most 320 characters",
            FindPeople.ProblemCodes.Purpose => "Choose a purpose from the list",
            FindPeople.ProblemCodes.Status => "Choose a consent state from the list",
            FindPeople.ProblemCodes.Regime => "Choose a regime from the list",
            FindPeople.ProblemCodes.Source => "Enter at most 200 characters",
            _ => "Go back to the first page",
        },
        StatusName = status => status switch
        {
            "granted" => "Granted",
            "pending_confirmation" => "Waiting for confirmation",
            "confirmed" => "Confirmed",
            "withdrawn" => "Withdrawn",
            "objected" => "Objected",
            "expired" => "Expired",
            "legitimate_interest" => "Legitimate interest",
            _ => status,
        },
        PersonTitle = who => who,
        BackToSearch = "Back to the search",
        Details = "What is stored",
        Locale = "Language",
        TimeZone = "Time zone",
        Country = "Country",
        Audience = "Audience",
        Business = "Business (B2B)",
        Consumer = "Consumer",
        Attributes = "Attributes",
        None = "None",
        RestrictedRow = "restricted: data visible to the DPO only",
        Consents = "Consents now",
        Channel = "Channel",
        Since = "Since",
        ProofExport = "Download the proof of consent (ZIP)",
        ProofExportHint = "Every ledger event with the wording shown, every send with the basis it relied on, and a manifest. The download is in the audit log.",
        Timeline = "Timeline",
        TimelineTruncated = "Only the newest 500 entries of each kind are shown; the proof export has them all.",
        When = "When (UTC)",
        What = "What",
        Outcome = "Outcome",
        Detail = "Detail",
        KindName = kind => kind switch
        {
            ReadPersonTimeline.Kinds.Consent => "Consent",
            ReadPersonTimeline.Kinds.Send => "Message",
            ReadPersonTimeline.Kinds.Click => "Click",
            ReadPersonTimeline.Kinds.SmsReply => "SMS reply",
            ReadPersonTimeline.Kinds.Suppression => "Suppression",
            ReadPersonTimeline.Kinds.Order => "Order",
            _ => kind,
        },
        WordingSummary = (version, sha) => $"Wording seen (version {version}, SHA-256 {sha[..12]}…)",
        OrderDetail = detail => detail switch
        {
            "refused_marketing" => "Refused marketing when ordering",
            "opt_out_offered" => "Offered a way to refuse marketing",
            "no_opt_out_offered" => "No way to refuse marketing was offered",
            _ => detail,
        },
        NoEvents = "Nothing has happened yet.",
        CorrectHeading = "Correct what is stored",
        CorrectTitle = who => $"Correct {who}",
        Cancel = "Cancel",
        CorrectHint = "For what the person told you or what the form guessed wrong. Consents are not changed here: only the person changes them. Each correction is in the audit log.",
        TimeZoneHint = "Used for send windows, such as Europe/Paris.",
        LocaleHint = "The language of their messages, such as fr or en-GB.",
        CountryHint = "Two letters, such as FR. With the audience, it decides the regime.",
        AttributesHint = "Empty a value to remove the attribute.",
        NewAttributeName = "New attribute",
        NewAttributeNameHint = "Lowercase letters, digits and _, such as job_title.",
        NewAttributeValue = "Its value",
        NewAttributeNameMissing = "Enter the attribute's name",
        NewAttributeValueMissing = "Enter the attribute's value",
        SaveCorrections = "Save the corrections",
        CorrectionSaved = "The corrections are saved.",
        CorrectionProblem = (code, message) => code switch
        {
            "person.timeZone" => "Enter a time zone such as Europe/Paris",
            "person.locale" => "Enter a language such as fr or en-GB",
            "person.country" => "Enter a two-letter country code such as FR",
            "person.attributes" => "Change at most 50 attributes at once",
            "person.attribute.name" => "Use lowercase letters, digits and _ (at most 64) for the name",
            "person.attribute.length" => "Enter at most 500 characters",
            _ => $"Remove what a message could not show safely ({message})",
        },
    };

    public static PeopleTexts French { get; } = new()
    {
        Title = "Personnes",
        Intro = "Trouvez une personne par son adresse e-mail, son numéro de téléphone ou son nom, ou listez les personnes selon leurs consentements.",
        SearchLabel = "E-mail, téléphone ou nom",
        SearchHint = "Une adresse e-mail entière, un numéro avec son indicatif (+33 6 12 34 56 78), ou le début d'un nom.",
        Purpose = "Finalité",
        AnyPurpose = "Toutes les finalités",
        ConsentState = "État du consentement",
        AnyState = "Tous les états",
        Regime = "Régime",
        AnyRegime = "Tous les régimes",
        Source = "Origine",
        SourceHint = "D'où vient la personne, ou son début, par exemple form:newsletter.",
        Search = "Rechercher",
        ClearSearch = "Effacer la recherche",
        ResultsCaption = page => page == 1 ? "Personnes trouvées, les plus récentes d'abord" : $"Personnes trouvées, les plus récentes d'abord, page {page}",
        Email = "E-mail",
        Phone = "Téléphone",
        Name = "Nom",
        Created = "Ajoutée le",
        NoneFound = "Personne ne correspond à cette recherche.",
        Pages = "Pages de résultats",
        NextPage = "Page suivante",
        PreviousPage = "Page précédente",
        Problem = code => code switch
        {
            FindPeople.SearchKinds.Email => "Saisissez une adresse e-mail entière, par exemple nom@exemple.fr",
            FindPeople.SearchKinds.Phone => "Saisissez le numéro avec son indicatif, par exemple +33 6 12 34 56 78",
            FindPeople.ProblemCodes.Query => "Saisissez au plus 320 caractères",
            FindPeople.ProblemCodes.Purpose => "Choisissez une finalité dans la liste",
            FindPeople.ProblemCodes.Status => "Choisissez un état de consentement dans la liste",
            FindPeople.ProblemCodes.Regime => "Choisissez un régime dans la liste",
            FindPeople.ProblemCodes.Source => "Saisissez au plus 200 caractères",
            _ => "Revenez à la première page",
        },
        StatusName = status => status switch
        {
            "granted" => "Accordé",
            "pending_confirmation" => "En attente de confirmation",
            "confirmed" => "Confirmé",
            "withdrawn" => "Retiré",
            "objected" => "Opposition",
            "expired" => "Expiré",
            "legitimate_interest" => "Intérêt légitime",
            _ => status,
        },
        PersonTitle = who => who,
        BackToSearch = "Retour à la recherche",
        Details = "Ce qui est enregistré",
        Locale = "Langue",
        TimeZone = "Fuseau horaire",
        Country = "Pays",
        Audience = "Public",
        Business = "Professionnel (B2B)",
        Consumer = "Particulier",
        Attributes = "Attributs",
        None = "Aucun",
        RestrictedRow = "limitée : données visibles du seul DPO",
        Consents = "Consentements actuels",
        Channel = "Canal",
        Since = "Depuis",
        ProofExport = "Télécharger la preuve du consentement (ZIP)",
        ProofExportHint = "Chaque événement du registre avec le texte affiché, chaque envoi avec la base sur laquelle il reposait, et un manifeste. Le téléchargement est inscrit au journal d'audit.",
        Timeline = "Chronologie",
        TimelineTruncated = "Seules les 500 entrées les plus récentes de chaque type sont affichées ; l'export de preuve les contient toutes.",
        When = "Quand (UTC)",
        What = "Quoi",
        Outcome = "Résultat",
        Detail = "Détail",
        KindName = kind => kind switch
        {
            ReadPersonTimeline.Kinds.Consent => "Consentement",
            ReadPersonTimeline.Kinds.Send => "Message",
            ReadPersonTimeline.Kinds.Click => "Clic",
            ReadPersonTimeline.Kinds.SmsReply => "Réponse SMS",
            ReadPersonTimeline.Kinds.Suppression => "Exclusion",
            ReadPersonTimeline.Kinds.Order => "Commande",
            _ => kind,
        },
        WordingSummary = (version, sha) => $"Texte affiché (version {version}, SHA-256 {sha[..12]}…)",
        OrderDetail = detail => detail switch
        {
            "refused_marketing" => "A refusé la prospection à la commande",
            "opt_out_offered" => "Un moyen de refuser la prospection a été proposé",
            "no_opt_out_offered" => "Aucun moyen de refuser la prospection n'a été proposé",
            _ => detail,
        },
        NoEvents = "Rien ne s'est encore passé.",
        CorrectHeading = "Corriger ce qui est enregistré",
        CorrectTitle = who => $"Corriger {who}",
        Cancel = "Annuler",
        CorrectHint = "Pour ce que la personne vous a dit ou ce que le formulaire a mal deviné. Les consentements ne se changent pas ici : seule la personne les change. Chaque correction est inscrite au journal d'audit.",
        TimeZoneHint = "Sert aux plages d'envoi, par exemple Europe/Paris.",
        LocaleHint = "La langue de ses messages, par exemple fr ou en-GB.",
        CountryHint = "Deux lettres, par exemple FR. Avec le public, il décide du régime.",
        AttributesHint = "Videz une valeur pour supprimer l'attribut.",
        NewAttributeName = "Nouvel attribut",
        NewAttributeNameHint = "Lettres minuscules, chiffres et _, par exemple job_title.",
        NewAttributeValue = "Sa valeur",
        NewAttributeNameMissing = "Saisissez le nom de l'attribut",
        NewAttributeValueMissing = "Saisissez la valeur de l'attribut",
        SaveCorrections = "Enregistrer les corrections",
        CorrectionSaved = "Les corrections sont enregistrées.",
        CorrectionProblem = (code, message) => code switch
        {
            "person.timeZone" => "Saisissez un fuseau horaire tel que Europe/Paris",
            "person.locale" => "Saisissez une langue telle que fr ou en-GB",
            "person.country" => "Saisissez un code pays de deux lettres tel que FR",
            "person.attributes" => "Changez au plus 50 attributs à la fois",
            "person.attribute.name" => "Utilisez des lettres minuscules, des chiffres et _ (64 au plus) pour le nom",
            "person.attribute.length" => "Saisissez au plus 500 caractères",
            _ => $"Retirez ce qu'un message ne pourrait pas afficher sans risque ({message})",
        },
    };
}
