namespace Marketing.Server.Web;

/// <summary>
/// The words of the app's frame: header, navigation, language switch, error summary, the 403 and 404 pages. Every
/// feature has a class like this one (one <c>required</c> property per text, one instance per language), so a text
/// missing in a language does not compile.
/// </summary>
public sealed class ShellTexts
{
    public required string AppName { get; init; }
    public required string SkipLink { get; init; }
    public required string MainNavigation { get; init; }
    public required string LanguageNavigation { get; init; }
    /// <summary>The other language's name, in that language (the link switches to it).</summary>
    public required string OtherLanguage { get; init; }
    public required string OtherLanguageCode { get; init; }
    public required string SignedInAs { get; init; }
    public required string SignOut { get; init; }
    public required string Home { get; init; }
    public required string People { get; init; }
    public required string Imports { get; init; }
    public required string Segments { get; init; }
    public required string Sites { get; init; }
    public required string Sequences { get; init; }
    public required string Broadcasts { get; init; }
    public required string Templates { get; init; }
    public required string Banners { get; init; }
    public required string Purposes { get; init; }
    public required string Users { get; init; }
    public required string Jobs { get; init; }
    public required string ApiReference { get; init; }
    public required string Sends { get; init; }
    public required string Reports { get; init; }
    public required string Suppression { get; init; }
    public required string Compliance { get; init; }
    public required string Requests { get; init; }
    public required string Processors { get; init; }
    public required string Register { get; init; }
    public required string Incidents { get; init; }
    public required string ApiKeys { get; init; }
    public required string Domains { get; init; }
    public required string Channels { get; init; }
    public required string Webhooks { get; init; }
    public required string Security { get; init; }
    public required string ErrorSummaryTitle { get; init; }
    /// <summary>Prefixed to a page's title when its form has errors, so a screen reader hears it first.</summary>
    public required string ErrorTitlePrefix { get; init; }
    public required string ForbiddenTitle { get; init; }
    public required string ForbiddenBody { get; init; }
    public required string NotFoundTitle { get; init; }
    public required string NotFoundBody { get; init; }
    public required string BackHome { get; init; }
    public required string Required { get; init; }
    public required Func<string, string> RoleName { get; init; }

    public static ShellTexts English { get; } = new()
    {
        AppName = "Marketing engine",
        SkipLink = "Skip to main content",
        MainNavigation = "Main",
        LanguageNavigation = "Language",
        OtherLanguage = "Français",
        OtherLanguageCode = UiLanguage.French,
        SignedInAs = "Signed in as",
        SignOut = "Sign out",
        Home = "Home",
        People = "People",
        Imports = "Imports",
        Segments = "Segments",
        Sites = "Sites and forms",
        Sequences = "Sequences",
        Broadcasts = "Broadcasts",
        Templates = "Templates",
        Banners = "Cookie banners",
        Purposes = "Purposes and notices",
        Users = "Users",
        Jobs = "Jobs",
        ApiReference = "API reference",
        Sends = "Sends",
        Reports = "Reports",
        Suppression = "Suppression",
        Compliance = "Compliance",
        Requests = "Requests",
        Processors = "Processors",
        Register = "Register of processing",
        Incidents = "Breach register",
        ApiKeys = "API keys",
        Domains = "Sending domains",
        Channels = "Channels",
        Webhooks = "Webhooks",
        Security = "Your sign-in",
        ErrorSummaryTitle = "There is a problem",
        ErrorTitlePrefix = "Error: ",
        ForbiddenTitle = "You may not open this page",
        ForbiddenBody = "Your role does not give access to this page. Ask an admin if you need it.",
        NotFoundTitle = "Page not found",
        NotFoundBody = "If you typed the address, check it is correct.",
        BackHome = "Go to the home page",
        Required = "required",
        RoleName = role => role switch
        {
            "admin" => "Admin",
            "marketer" => "Marketer",
            "compliance" => "Compliance",
            "dpo" => "Data protection officer",
            _ => role,
        },
    };

    public static ShellTexts French { get; } = new()
    {
        AppName = "Moteur marketing",
        SkipLink = "Aller au contenu principal",
        MainNavigation = "Principale",
        LanguageNavigation = "Langue",
        OtherLanguage = "English",
        OtherLanguageCode = UiLanguage.English,
        SignedInAs = "Connecté en tant que",
        SignOut = "Se déconnecter",
        Home = "Accueil",
        People = "Personnes",
        Imports = "Imports",
        Segments = "Segments",
        Sites = "Sites et formulaires",
        Sequences = "Séquences",
        Broadcasts = "Campagnes",
        Templates = "Modèles",
        Banners = "Bandeaux cookies",
        Purposes = "Finalités et mentions",
        Users = "Utilisateurs",
        Jobs = "Tâches",
        ApiReference = "Référence de l'API",
        Sends = "Envois",
        Reports = "Rapports",
        Suppression = "Liste d’exclusion",
        Compliance = "Conformité",
        Requests = "Demandes",
        Processors = "Sous-traitants",
        Register = "Registre des traitements",
        Incidents = "Registre des violations",
        ApiKeys = "Clés d’API",
        Domains = "Domaines d’envoi",
        Channels = "Canaux",
        Webhooks = "Webhooks",
        Security = "Votre connexion",
        ErrorSummaryTitle = "Il y a un problème",
        ErrorTitlePrefix = "Erreur : ",
        ForbiddenTitle = "Vous ne pouvez pas ouvrir cette page",
        ForbiddenBody = "Votre rôle ne donne pas accès à cette page. Demandez-le à un administrateur si vous en avez besoin.",
        NotFoundTitle = "Page introuvable",
        NotFoundBody = "Si vous avez saisi l'adresse, vérifiez qu'elle est correcte.",
        BackHome = "Aller à la page d'accueil",
        Required = "obligatoire",
        RoleName = role => role switch
        {
            "admin" => "Administrateur",
            "marketer" => "Marketing",
            "compliance" => "Conformité",
            "dpo" => "Délégué à la protection des données",
            _ => role,
        },
    };
}
