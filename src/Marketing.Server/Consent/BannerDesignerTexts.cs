namespace Marketing.Server.Consent;

/// <summary>The words of the cookie banner designer (issue 16, page 4), in each language.</summary>
public sealed class BannerDesignerTexts
{
    public required string BannersTitle { get; init; }
    public required string SitesCaption { get; init; }
    public required string Site { get; init; }
    public required string Banner { get; init; }
    public required string NoSites { get; init; }
    public required string NoBanner { get; init; }
    public required Func<int, string> PublishedUpTo { get; init; }
    public required string DraftOnly { get; init; }
    public required string Design { get; init; }
    public required Func<string, string> DesignerTitle { get; init; }
    public required string StartIntro { get; init; }
    public required string Start { get; init; }
    public required string Saved { get; init; }
    public required string NotSaved { get; init; }
    public required Func<int, string> PublishedVersion { get; init; }
    public required string AllSites { get; init; }

    // Settings
    public required string SettingsHeading { get; init; }
    public required string Locales { get; init; }
    public required string LocalesHint { get; init; }
    public required string DefaultLocale { get; init; }
    public required string DefaultLocaleHint { get; init; }
    public required string RenewAfterDays { get; init; }
    public required string RenewAfterDaysHint { get; init; }
    public required string PrivacyPolicyUrl { get; init; }
    public required string Optional { get; init; }
    public required string GoogleConsentMode { get; init; }
    public required string SaveSettings { get; init; }

    // Categories
    public required string CategoriesHeading { get; init; }
    public required Func<string, string> CategoryLegend { get; init; }
    public required string NewCategory { get; init; }
    public required string Key { get; init; }
    public required string KeyHint { get; init; }
    public required string Required { get; init; }
    public required string Marketing { get; init; }
    public required string Names { get; init; }
    public required string Descriptions { get; init; }
    public required Func<string, string> InLocale { get; init; }
    public required string GoogleConsent { get; init; }
    public required string AddCategory { get; init; }

    // Services
    public required string ServicesHeading { get; init; }
    public required Func<string, string> ServiceLegend { get; init; }
    public required string NewService { get; init; }
    public required string ServiceName { get; init; }
    public required string Category { get; init; }
    public required string Provider { get; init; }
    public required string ProviderHint { get; init; }
    public required string Purposes { get; init; }
    public required string ServicePrivacyUrl { get; init; }
    public required string Cookies { get; init; }
    public required string CookiesHint { get; init; }
    public required Func<int, string> CookieName { get; init; }
    public required Func<int, string> CookieDays { get; init; }
    public required string NewCookieName { get; init; }
    public required string NewCookieDays { get; init; }
    public required string SetsNoCookies { get; init; }
    public required Func<string, string> RemoveCookie { get; init; }
    public required string AddService { get; init; }
    public required string NoCategoryYet { get; init; }

    // Entry actions
    public required string Save { get; init; }
    public required Func<string, string> MoveUp { get; init; }
    public required Func<string, string> MoveDown { get; init; }
    public required Func<string, string> Remove { get; init; }

    // Texts
    public required string TextsHeading { get; init; }
    public required string TextsIntro { get; init; }
    public required Func<string, string> TextsLegend { get; init; }
    public required Func<string, string> BuiltIn { get; init; }
    public required string NoBuiltIn { get; init; }
    public required Func<string, string> SaveTexts { get; init; }

    // Preview, publication, versions
    public required string PreviewHeading { get; init; }
    public required string PreviewIntro { get; init; }
    public required Func<string, string> PreviewFrameTitle { get; init; }
    public required Func<string, string> OpenPreview { get; init; }
    public required string PreviewIn { get; init; }
    public required string PreviewPageTitle { get; init; }
    public required string PreviewPageBody { get; init; }
    public required string PreviewReopen { get; init; }
    public required string PublishHeading { get; init; }
    public required string PublishIntro { get; init; }
    public required Func<int, string> Publish { get; init; }
    public required string NotPublished { get; init; }
    public required string VersionsHeading { get; init; }
    public required string VersionsCaption { get; init; }
    public required string NoVersions { get; init; }
    public required string Version { get; init; }
    public required string Sha256 { get; init; }
    public required string PublishedAt { get; init; }
    public required Func<int, string> View { get; init; }
    public required Func<string, int, string> VersionTitle { get; init; }
    public required string BackToDesigner { get; init; }
    public required string AlwaysOn { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string Texts { get; init; }
    public required string Lifetime { get; init; }
    public required Func<int, string> Days { get; init; }
    public required string Session { get; init; }
    public required string Error { get; init; }

    public static BannerDesignerTexts English { get; } = new()
    {
        BannersTitle = "Cookie banners",
        SitesCaption = "Sites and their cookie banner",
        Site = "Site",
        Banner = "Banner",
        NoSites = "No site yet. A site is created by an admin, with its allowed origins.",
        NoBanner = "No banner",
        PublishedUpTo = v => $"Version {v} published",
        DraftOnly = "Draft, never published",
        Design = "Design",
        DesignerTitle = site => $"Cookie banner of {site}",
        StartIntro = "This site has no banner yet. Give the languages it is shown in; it starts with one strictly necessary category.",
        Start = "Start the banner",
        Saved = "The draft is saved. Visitors see it once it is published.",
        NotSaved = "Nothing was saved: correct what is shown.",
        PublishedVersion = v => $"Version {v} is published. Every visitor is asked again.",
        AllSites = "All banners",
        SettingsHeading = "Settings",
        Locales = "Languages",
        LocalesHint = "Language codes separated by commas, such as fr, en. Built-in words exist for en, fr, de, es and it.",
        DefaultLocale = "Default language",
        DefaultLocaleHint = "Shown to visitors whose language is not in the list. Empty: the first one.",
        RenewAfterDays = "Ask again after (days)",
        RenewAfterDaysHint = "At most 395 (13 months). Empty: 182.",
        PrivacyPolicyUrl = "Privacy policy address",
        Optional = "Optional.",
        GoogleConsentMode = "Send Google Consent Mode signals",
        SaveSettings = "Save the settings",
        CategoriesHeading = "Categories",
        CategoryLegend = key => $"Category {key}",
        NewCategory = "New category",
        Key = "Key",
        KeyHint = "Lowercase letters, digits, - or _, such as analytics.",
        Required = "Strictly necessary (always on)",
        Marketing = "Advertising (refused by Global Privacy Control)",
        Names = "Name",
        Descriptions = "Purpose",
        InLocale = l => $"in {l}",
        GoogleConsent = "Google consent types it grants",
        AddCategory = "Add the category",
        ServicesHeading = "Services",
        ServiceLegend = key => $"Service {key}",
        NewService = "New service",
        ServiceName = "Name",
        Category = "Category",
        Provider = "Provider",
        ProviderHint = "The company behind the service.",
        Purposes = "What it is used for",
        ServicePrivacyUrl = "Provider's privacy policy address",
        Cookies = "Cookies and their lifetimes",
        CookiesHint = "A name may end with * for a family, such as _ga_*. Lifetime in days, 0 for a session cookie.",
        CookieName = n => $"Cookie {n} name",
        CookieDays = n => $"Cookie {n} lifetime in days",
        NewCookieName = "New cookie name",
        NewCookieDays = "New cookie lifetime in days",
        SetsNoCookies = "This service sets no cookies",
        RemoveCookie = name => $"Remove cookie {name}",
        AddService = "Add the service",
        NoCategoryYet = "Add a category first.",
        Save = "Save",
        MoveUp = key => $"Move {key} up",
        MoveDown = key => $"Move {key} down",
        Remove = key => $"Remove {key}",
        TextsHeading = "Texts",
        TextsIntro = "Each text left empty shows the built-in one. A language without built-in words needs every text.",
        TextsLegend = l => $"Texts in {l}",
        BuiltIn = text => $"Built-in: {text}",
        NoBuiltIn = "No built-in text in this language: required.",
        SaveTexts = l => $"Save the texts in {l}",
        PreviewHeading = "Preview",
        PreviewIntro = "The real banner over a blank page, showing the draft. Choices made in it are recorded nowhere.",
        PreviewFrameTitle = l => $"Preview of the banner in {l}",
        OpenPreview = l => $"Open the preview in {l}",
        PreviewIn = "Preview in:",
        PreviewPageTitle = "Banner preview",
        PreviewPageBody = "A page of your site would be here. Choices made in this preview are not recorded.",
        PreviewReopen = "Show the banner again",
        PublishHeading = "Publish",
        PublishIntro = "Publishing checks that every text, provider, purpose and cookie lifetime is given, then freezes the draft as a new version with its SHA-256. Visitors are asked again.",
        Publish = v => $"Publish version {v}",
        NotPublished = "The banner was not published: correct what is shown.",
        VersionsHeading = "Versions",
        VersionsCaption = "Published versions, newest first",
        NoVersions = "No version published yet.",
        Version = "Version",
        Sha256 = "SHA-256",
        PublishedAt = "Published (UTC)",
        View = v => $"View version {v}",
        VersionTitle = (site, v) => $"Cookie banner of {site}, version {v}",
        BackToDesigner = "Back to the designer",
        AlwaysOn = "Always on",
        Yes = "Yes",
        No = "No",
        Texts = "Texts",
        Lifetime = "Lifetime",
        Days = d => d == 1 ? "1 day" : $"{d} days",
        Session = "session",
        Error = "Error",
    };

    public static BannerDesignerTexts French { get; } = new()
    {
        BannersTitle = "Bandeaux cookies",
        SitesCaption = "Les sites et leur bandeau cookies",
        Site = "Site",
        Banner = "Bandeau",
        NoSites = "Aucun site pour l'instant. Un site est créé par un admin, avec ses origines autorisées.",
        NoBanner = "Aucun bandeau",
        PublishedUpTo = v => $"Version {v} publiée",
        DraftOnly = "Brouillon jamais publié",
        Design = "Concevoir",
        DesignerTitle = site => $"Bandeau cookies de {site}",
        StartIntro = "Ce site n'a pas encore de bandeau. Indiquez les langues dans lesquelles il s'affiche ; il commence avec une catégorie strictement nécessaire.",
        Start = "Commencer le bandeau",
        Saved = "Le brouillon est enregistré. Les visiteurs le verront une fois publié.",
        NotSaved = "Rien n'a été enregistré : corrigez ce qui est indiqué.",
        PublishedVersion = v => $"La version {v} est publiée. Chaque visiteur est de nouveau sollicité.",
        AllSites = "Tous les bandeaux",
        SettingsHeading = "Réglages",
        Locales = "Langues",
        LocalesHint = "Codes de langue séparés par des virgules, par exemple fr, en. Des textes intégrés existent en en, fr, de, es et it.",
        DefaultLocale = "Langue par défaut",
        DefaultLocaleHint = "Montrée aux visiteurs dont la langue n'est pas dans la liste. Vide : la première.",
        RenewAfterDays = "Redemander après (jours)",
        RenewAfterDaysHint = "Au plus 395 (13 mois). Vide : 182.",
        PrivacyPolicyUrl = "Adresse de la politique de confidentialité",
        Optional = "Facultatif.",
        GoogleConsentMode = "Envoyer les signaux Google Consent Mode",
        SaveSettings = "Enregistrer les réglages",
        CategoriesHeading = "Catégories",
        CategoryLegend = key => $"Catégorie {key}",
        NewCategory = "Nouvelle catégorie",
        Key = "Clé",
        KeyHint = "Lettres minuscules, chiffres, - ou _, par exemple analytics.",
        Required = "Strictement nécessaire (toujours active)",
        Marketing = "Publicité (refusée par Global Privacy Control)",
        Names = "Nom",
        Descriptions = "Finalité",
        InLocale = l => $"en {l}",
        GoogleConsent = "Types de consentement Google qu'elle accorde",
        AddCategory = "Ajouter la catégorie",
        ServicesHeading = "Services",
        ServiceLegend = key => $"Service {key}",
        NewService = "Nouveau service",
        ServiceName = "Nom",
        Category = "Catégorie",
        Provider = "Fournisseur",
        ProviderHint = "L'entreprise derrière le service.",
        Purposes = "À quoi il sert",
        ServicePrivacyUrl = "Adresse de la politique de confidentialité du fournisseur",
        Cookies = "Cookies et leurs durées",
        CookiesHint = "Un nom peut finir par * pour une famille, par exemple _ga_*. Durée en jours, 0 pour un cookie de session.",
        CookieName = n => $"Nom du cookie {n}",
        CookieDays = n => $"Durée du cookie {n} en jours",
        NewCookieName = "Nom du nouveau cookie",
        NewCookieDays = "Durée du nouveau cookie en jours",
        SetsNoCookies = "Ce service ne dépose aucun cookie",
        RemoveCookie = name => $"Retirer le cookie {name}",
        AddService = "Ajouter le service",
        NoCategoryYet = "Ajoutez d'abord une catégorie.",
        Save = "Enregistrer",
        MoveUp = key => $"Monter {key}",
        MoveDown = key => $"Descendre {key}",
        Remove = key => $"Retirer {key}",
        TextsHeading = "Textes",
        TextsIntro = "Un texte laissé vide affiche le texte intégré. Une langue sans textes intégrés les demande tous.",
        TextsLegend = l => $"Textes en {l}",
        BuiltIn = text => $"Intégré : {text}",
        NoBuiltIn = "Pas de texte intégré dans cette langue : obligatoire.",
        SaveTexts = l => $"Enregistrer les textes en {l}",
        PreviewHeading = "Aperçu",
        PreviewIntro = "Le vrai bandeau sur une page vide, avec le brouillon. Les choix faits dans l'aperçu ne sont enregistrés nulle part.",
        PreviewFrameTitle = l => $"Aperçu du bandeau en {l}",
        OpenPreview = l => $"Ouvrir l'aperçu en {l}",
        PreviewIn = "Aperçu en :",
        PreviewPageTitle = "Aperçu du bandeau",
        PreviewPageBody = "Une page de votre site serait ici. Les choix faits dans cet aperçu ne sont pas enregistrés.",
        PreviewReopen = "Montrer de nouveau le bandeau",
        PublishHeading = "Publier",
        PublishIntro = "La publication vérifie que chaque texte, fournisseur, finalité et durée de cookie est donné, puis fige le brouillon en une nouvelle version avec son SHA-256. Les visiteurs sont de nouveau sollicités.",
        Publish = v => $"Publier la version {v}",
        NotPublished = "Le bandeau n'a pas été publié : corrigez ce qui est indiqué.",
        VersionsHeading = "Versions",
        VersionsCaption = "Versions publiées, la plus récente d'abord",
        NoVersions = "Aucune version publiée pour l'instant.",
        Version = "Version",
        Sha256 = "SHA-256",
        PublishedAt = "Publiée (UTC)",
        View = v => $"Voir la version {v}",
        VersionTitle = (site, v) => $"Bandeau cookies de {site}, version {v}",
        BackToDesigner = "Retour au concepteur",
        AlwaysOn = "Toujours active",
        Yes = "Oui",
        No = "Non",
        Texts = "Textes",
        Lifetime = "Durée",
        Days = d => d == 1 ? "1 jour" : $"{d} jours",
        Session = "session",
        Error = "Erreur",
    };
}
