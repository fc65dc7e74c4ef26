namespace Marketing.Server.Sites;

/// <summary>The words of the sites pages and the form designer, in each language.</summary>
public sealed class SitesTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string SitesCaption { get; init; }
    public required string Site { get; init; }
    public required string SiteId { get; init; }
    public required string SiteIdHint { get; init; }
    public required string SiteName { get; init; }
    public required string Origins { get; init; }
    public required string OriginsHint { get; init; }
    public required string Forms { get; init; }
    public required string NoSites { get; init; }
    public required string NoOrigins { get; init; }
    public required string NewSite { get; init; }
    public required string SaveSite { get; init; }
    public required string AdminEdits { get; init; }
    public required Func<string, string> SiteSaved { get; init; }
    public required Func<string, string> SiteTitle { get; init; }
    public required string BackToSites { get; init; }
    public required string EditSite { get; init; }
    public required string FormsCaption { get; init; }
    public required string Form { get; init; }
    public required string LatestVersion { get; init; }
    public required string NotPublished { get; init; }
    public required string Updated { get; init; }
    public required string NoForms { get; init; }
    public required string NewForm { get; init; }
    public required string FormId { get; init; }
    public required string FormIdHint { get; init; }
    public required string CreateForm { get; init; }
    public required string FormIdTaken { get; init; }

    public required Func<string, string> DesignerTitle { get; init; }
    public required Func<string, string> BackToSite { get; init; }
    public required string NewFormNotice { get; init; }
    public required string Settings { get; init; }
    public required string FormName { get; init; }
    public required string Locales { get; init; }
    public required string LocalesHint { get; init; }
    public required string Region { get; init; }
    public required string RegionHint { get; init; }
    public required string Audience { get; init; }
    public required string Theme { get; init; }
    public required string ThemeHint { get; init; }
    public required Func<string, string> ThemeName { get; init; }
    public required string Consumers { get; init; }
    public required string Businesses { get; init; }
    public required string PrivacyNotice { get; init; }
    public required string NoneChosen { get; init; }
    public required Func<string, string> SuccessMessage { get; init; }
    public required string RedirectUrl { get; init; }
    public required string RedirectHint { get; init; }
    public required string FormOrigins { get; init; }
    public required string FormOriginsHint { get; init; }
    public required string MinFill { get; init; }
    public required string MinFillHint { get; init; }
    public required string Fields { get; init; }
    public required Func<int, string> FieldLegend { get; init; }
    public required string FieldName { get; init; }
    public required string FieldNameHint { get; init; }
    public required string FieldType { get; init; }
    public required Func<string, string> TypeName { get; init; }
    public required Func<string, string> Label { get; init; }
    public required string FieldRequired { get; init; }
    public required string MaxLength { get; init; }
    public required string Options { get; init; }
    public required string OptionsHint { get; init; }
    public required string AddField { get; init; }
    public required Func<int, string> RemoveField { get; init; }
    public required Func<int, string> MoveFieldUp { get; init; }
    public required Func<int, string> MoveFieldDown { get; init; }
    public required string Consents { get; init; }
    public required string ConsentsHint { get; init; }
    public required Func<int, string> ConsentLegend { get; init; }
    public required string Purpose { get; init; }
    public required string Channel { get; init; }
    public required string ChannelHint { get; init; }
    public required string PurposesOnly { get; init; }
    public required string Notice { get; init; }
    public required Func<string, IReadOnlyList<string>, string> NoticeChoice { get; init; }
    public required string DoubleOptIn { get; init; }
    public required string AddConsent { get; init; }
    public required Func<int, string> RemoveConsent { get; init; }
    public required Func<int, string> MoveConsentUp { get; init; }
    public required Func<int, string> MoveConsentDown { get; init; }
    public required string SaveDraft { get; init; }
    public required string Publish { get; init; }
    public required string DraftSaved { get; init; }
    public required Func<int, string> Published { get; init; }
    public required string Unsaved { get; init; }
    public required string Preview { get; init; }
    public required string PreviewHint { get; init; }
    public required string PreviewUnsaved { get; init; }
    public required string PreviewFrame { get; init; }
    public required string OpenPreview { get; init; }
    public required string PreviewNeedsScript { get; init; }
    public required string PreviewNothingRecorded { get; init; }
    public required string Versions { get; init; }
    public required string VersionsCaption { get; init; }
    public required string Version { get; init; }
    public required string PublishedAt { get; init; }
    public required string View { get; init; }
    public required string NoVersions { get; init; }
    public required string Embed { get; init; }
    public required string EmbedScript { get; init; }
    public required string EmbedScriptHint { get; init; }
    public required string EmbedHtml { get; init; }
    public required string EmbedHtmlHint { get; init; }
    public required string EmbedAfterPublish { get; init; }
    public required string Copy { get; init; }
    public required string Copied { get; init; }
    public required Func<int, string, string> VersionTitle { get; init; }
    public required string BackToDesigner { get; init; }
    public required string Wording { get; init; }
    public required string NoticeVersion { get; init; }
    public required string Fingerprint { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string Send { get; init; }
    public required string PagePlaceholder { get; init; }
    /// <summary>The API's problem under the name of the input it concerns.</summary>
    public required Func<string, string, string> Problem { get; init; }

    public static SitesTexts English { get; } = new()
    {
        Title = "Sites and forms",
        Intro = "A site is a website that embeds the widgets; its origins are the addresses its pages are served from.",
        SitesCaption = "Sites",
        Site = "Site",
        SiteId = "Site id",
        SiteIdHint = "Lowercase letters, digits and hyphens, e.g. acme-shop. It appears in the embed code and cannot change.",
        SiteName = "Name",
        Origins = "Allowed origins",
        OriginsHint = "One per line: scheme, host and port, e.g. https://www.acme.example",
        Forms = "Forms",
        NoSites = "No site yet.",
        NoOrigins = "none",
        NewSite = "Add a site",
        SaveSite = "Save the site",
        AdminEdits = "Only an admin may change a site.",
        SiteSaved = id => $"Site {id} saved.",
        SiteTitle = id => $"Site {id}",
        BackToSites = "All sites",
        EditSite = "Name and origins",
        FormsCaption = "Forms of this site",
        Form = "Form",
        LatestVersion = "Published version",
        NotPublished = "not published",
        Updated = "Updated (UTC)",
        NoForms = "No form yet.",
        NewForm = "New form",
        FormId = "Form id",
        FormIdHint = "Lowercase letters, digits and hyphens, e.g. newsletter. It appears in the embed code and cannot change.",
        CreateForm = "Design the form",
        FormIdTaken = "Another site has a form with this id: choose another",

        DesignerTitle = id => $"Form {id}",
        BackToSite = id => $"Back to site {id}",
        NewFormNotice = "A new form: it is stored when you save the draft.",
        Settings = "Settings",
        FormName = "Form name",
        Locales = "Languages",
        LocalesHint = "Language codes separated by spaces, the default first, e.g. en fr",
        Region = "Default country",
        RegionHint = "Two letters, e.g. FR: reads phone numbers written without a country code",
        Audience = "Audience",
        Theme = "Look",
        ThemeHint = "The form's default style, previewed beside. Automatic follows the visitor's light or dark setting; none leaves the styling to your site.",
        ThemeName = theme => theme switch { "light" => "Light", "dark" => "Dark", "none" => "None (your site styles it)", _ => "Automatic (light or dark)" },
        Consumers = "Consumers (B2C)",
        Businesses = "Businesses (B2B)",
        PrivacyNotice = "Privacy notice",
        NoneChosen = "None",
        SuccessMessage = locale => $"Thank-you message ({locale})",
        RedirectUrl = "Thank-you page",
        RedirectHint = "Optional: an absolute URL the visitor is sent to instead of the message",
        FormOrigins = "Further allowed origins",
        FormOriginsHint = "Optional, one per line: origins this form may be embedded on besides the site's",
        MinFill = "Minimum time to fill (seconds)",
        MinFillHint = "Anti-spam: a form sent faster is refused. Empty: 3",
        Fields = "Fields",
        FieldLegend = n => $"Field {n}",
        FieldName = "Name",
        FieldNameHint = "Lowercase letters, digits and underscores, e.g. first_name",
        FieldType = "Type",
        TypeName = type => type switch
        {
            "text" => "Text",
            "email" => "Email address",
            "phone" => "Phone number",
            "textarea" => "Long text",
            "select" => "List of choices",
            "checkbox" => "Checkbox",
            _ => type,
        },
        Label = locale => $"Label ({locale})",
        FieldRequired = "Required",
        MaxLength = "Maximum length",
        OptionsHint = "For a list of choices: one choice per line",
        Options = "Choices",
        AddField = "Add a field",
        RemoveField = n => $"Remove field {n}",
        MoveFieldUp = n => $"Move field {n} up",
        MoveFieldDown = n => $"Move field {n} down",
        Consents = "Consent boxes",
        ConsentsHint = "One unticked box per purpose, showing the wording of a consent notice.",
        ConsentLegend = n => $"Consent box {n}",
        Purpose = "Purpose",
        Channel = "Channel",
        ChannelHint = "Needed when the purpose uses several channels: one box consents to one",
        PurposesOnly = "The purpose's only channel",
        Notice = "Wording (consent notice)",
        NoticeChoice = (key, locales) => locales.Count == 0 ? $"{key} (no text yet)" : $"{key} ({string.Join(", ", locales)})",
        DoubleOptIn = "Confirm by email or SMS (double opt-in)",
        AddConsent = "Add a consent box",
        RemoveConsent = n => $"Remove consent box {n}",
        MoveConsentUp = n => $"Move consent box {n} up",
        MoveConsentDown = n => $"Move consent box {n} down",
        SaveDraft = "Save the draft",
        Publish = "Publish",
        DraftSaved = "Draft saved.",
        Published = v => $"Version {v} published.",
        Unsaved = "Changed, not saved yet: save the draft to keep it.",
        Preview = "Preview",
        PreviewHint = "The widget itself, showing the saved draft. Sending it records nothing.",
        PreviewUnsaved = "The preview shows what you typed; it is not saved yet.",
        PreviewFrame = "Preview of the form",
        OpenPreview = "Open the preview",
        PreviewNeedsScript = "The preview is the widget, which needs JavaScript.",
        PreviewNothingRecorded = "Preview: nothing was recorded.",
        Versions = "Published versions",
        VersionsCaption = "Published versions, newest first",
        Version = "Version",
        PublishedAt = "Published (UTC)",
        View = "View",
        NoVersions = "Not published yet.",
        Embed = "Embed on your site",
        EmbedScript = "With JavaScript",
        EmbedScriptHint = "Paste where the form should appear: the widget shows the latest published version.",
        EmbedHtml = "Without JavaScript",
        EmbedHtmlHint = "A plain HTML form of the published version. Set _page_url to the page's address.",
        EmbedAfterPublish = "Publish the form to get its embed code.",
        Copy = "Copy",
        Copied = "Copied.",
        VersionTitle = (v, id) => $"Form {id}, version {v}",
        BackToDesigner = "Back to the designer",
        Wording = "Wording",
        NoticeVersion = "Notice version",
        Fingerprint = "SHA-256",
        Yes = "yes",
        No = "no",
        Send = "Send",
        PagePlaceholder = "https://www.example.com/the-page",
        Problem = (label, message) => $"{label}: {message}",
    };

    public static SitesTexts French { get; } = new()
    {
        Title = "Sites et formulaires",
        Intro = "Un site est un site web qui intègre les widgets ; ses origines sont les adresses d’où ses pages sont servies.",
        SitesCaption = "Sites",
        Site = "Site",
        SiteId = "Identifiant du site",
        SiteIdHint = "Minuscules, chiffres et tirets, par ex. boutique-acme. Il figure dans le code d’intégration et ne change pas.",
        SiteName = "Nom",
        Origins = "Origines autorisées",
        OriginsHint = "Une par ligne : schéma, hôte et port, par ex. https://www.acme.example",
        Forms = "Formulaires",
        NoSites = "Aucun site pour l’instant.",
        NoOrigins = "aucune",
        NewSite = "Ajouter un site",
        SaveSite = "Enregistrer le site",
        AdminEdits = "Seul un admin peut modifier un site.",
        SiteSaved = id => $"Site {id} enregistré.",
        SiteTitle = id => $"Site {id}",
        BackToSites = "Tous les sites",
        EditSite = "Nom et origines",
        FormsCaption = "Formulaires de ce site",
        Form = "Formulaire",
        LatestVersion = "Version publiée",
        NotPublished = "non publié",
        Updated = "Modifié (UTC)",
        NoForms = "Aucun formulaire pour l’instant.",
        NewForm = "Nouveau formulaire",
        FormId = "Identifiant du formulaire",
        FormIdHint = "Minuscules, chiffres et tirets, par ex. newsletter. Il figure dans le code d’intégration et ne change pas.",
        CreateForm = "Concevoir le formulaire",
        FormIdTaken = "Un autre site a un formulaire de cet identifiant : choisissez-en un autre",

        DesignerTitle = id => $"Formulaire {id}",
        BackToSite = id => $"Retour au site {id}",
        NewFormNotice = "Un nouveau formulaire : il est enregistré quand vous enregistrez le brouillon.",
        Settings = "Réglages",
        FormName = "Nom du formulaire",
        Locales = "Langues",
        LocalesHint = "Codes de langue séparés par des espaces, la langue par défaut d’abord, par ex. fr en",
        Region = "Pays par défaut",
        RegionHint = "Deux lettres, par ex. FR : sert à lire les numéros écrits sans indicatif",
        Audience = "Public",
        Theme = "Apparence",
        ThemeHint = "Le style par défaut du formulaire, prévisualisé à côté. Automatique suit le réglage clair ou sombre du visiteur ; aucun laisse le style à votre site.",
        ThemeName = theme => theme switch { "light" => "Clair", "dark" => "Sombre", "none" => "Aucun (votre site le met en forme)", _ => "Automatique (clair ou sombre)" },
        Consumers = "Particuliers (B2C)",
        Businesses = "Professionnels (B2B)",
        PrivacyNotice = "Politique de confidentialité",
        NoneChosen = "Aucune",
        SuccessMessage = locale => $"Message de remerciement ({locale})",
        RedirectUrl = "Page de remerciement",
        RedirectHint = "Facultatif : une URL absolue où le visiteur est envoyé au lieu du message",
        FormOrigins = "Autres origines autorisées",
        FormOriginsHint = "Facultatif, une par ligne : origines où ce formulaire peut être intégré en plus de celles du site",
        MinFill = "Durée minimale de saisie (secondes)",
        MinFillHint = "Anti-spam : un formulaire envoyé plus vite est refusé. Vide : 3",
        Fields = "Champs",
        FieldLegend = n => $"Champ {n}",
        FieldName = "Nom",
        FieldNameHint = "Minuscules, chiffres et tirets bas, par ex. first_name",
        FieldType = "Type",
        TypeName = type => type switch
        {
            "text" => "Texte",
            "email" => "Adresse e-mail",
            "phone" => "Numéro de téléphone",
            "textarea" => "Texte long",
            "select" => "Liste de choix",
            "checkbox" => "Case à cocher",
            _ => type,
        },
        Label = locale => $"Libellé ({locale})",
        FieldRequired = "Obligatoire",
        MaxLength = "Longueur maximale",
        OptionsHint = "Pour une liste de choix : un choix par ligne",
        Options = "Choix",
        AddField = "Ajouter un champ",
        RemoveField = n => $"Retirer le champ {n}",
        MoveFieldUp = n => $"Monter le champ {n}",
        MoveFieldDown = n => $"Descendre le champ {n}",
        Consents = "Cases de consentement",
        ConsentsHint = "Une case non cochée par finalité, avec le texte d’une mention de consentement.",
        ConsentLegend = n => $"Case de consentement {n}",
        Purpose = "Finalité",
        Channel = "Canal",
        ChannelHint = "Nécessaire quand la finalité utilise plusieurs canaux : une case vaut pour un seul",
        PurposesOnly = "Le seul canal de la finalité",
        Notice = "Texte (mention de consentement)",
        NoticeChoice = (key, locales) => locales.Count == 0 ? $"{key} (aucun texte)" : $"{key} ({string.Join(", ", locales)})",
        DoubleOptIn = "Confirmer par e-mail ou SMS (double opt-in)",
        AddConsent = "Ajouter une case de consentement",
        RemoveConsent = n => $"Retirer la case de consentement {n}",
        MoveConsentUp = n => $"Monter la case de consentement {n}",
        MoveConsentDown = n => $"Descendre la case de consentement {n}",
        SaveDraft = "Enregistrer le brouillon",
        Publish = "Publier",
        DraftSaved = "Brouillon enregistré.",
        Published = v => $"Version {v} publiée.",
        Unsaved = "Modifié, pas encore enregistré : enregistrez le brouillon pour le garder.",
        Preview = "Aperçu",
        PreviewHint = "Le widget lui-même, avec le brouillon enregistré. L’envoyer n’enregistre rien.",
        PreviewUnsaved = "L’aperçu montre ce que vous avez saisi ; ce n’est pas encore enregistré.",
        PreviewFrame = "Aperçu du formulaire",
        OpenPreview = "Ouvrir l’aperçu",
        PreviewNeedsScript = "L’aperçu est le widget, qui a besoin de JavaScript.",
        PreviewNothingRecorded = "Aperçu : rien n’a été enregistré.",
        Versions = "Versions publiées",
        VersionsCaption = "Versions publiées, la plus récente d’abord",
        Version = "Version",
        PublishedAt = "Publiée (UTC)",
        View = "Voir",
        NoVersions = "Pas encore publié.",
        Embed = "Intégrer sur votre site",
        EmbedScript = "Avec JavaScript",
        EmbedScriptHint = "À coller là où le formulaire doit apparaître : le widget montre la dernière version publiée.",
        EmbedHtml = "Sans JavaScript",
        EmbedHtmlHint = "Un formulaire HTML simple de la version publiée. Mettez l’adresse de la page dans _page_url.",
        EmbedAfterPublish = "Publiez le formulaire pour obtenir son code d’intégration.",
        Copy = "Copier",
        Copied = "Copié.",
        VersionTitle = (v, id) => $"Formulaire {id}, version {v}",
        BackToDesigner = "Retour à la conception",
        Wording = "Texte",
        NoticeVersion = "Version de la mention",
        Fingerprint = "SHA-256",
        Yes = "oui",
        No = "non",
        Send = "Envoyer",
        PagePlaceholder = "https://www.exemple.fr/la-page",
        Problem = (label, message) => $"{label} : {message}",
    };
}
