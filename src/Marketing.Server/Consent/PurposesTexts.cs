namespace Marketing.Server.Consent;

/// <summary>The words of the purposes and notices page (issue 16, page 5), in each language.</summary>
public sealed class PurposesTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string AdminOnly { get; init; }
    public required string Change { get; init; }
    public required string PurposesHeading { get; init; }
    public required string PurposesCaption { get; init; }
    public required string NoPurposes { get; init; }
    public required string Key { get; init; }
    public required string KeyHint { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required Func<string, string> InLocale { get; init; }
    public required string Channels { get; init; }
    public required string Bases { get; init; }
    public required string BasesHint { get; init; }
    public required string Regime { get; init; }
    public required string Basis { get; init; }
    public required string NoBasis { get; init; }
    public required Func<string, string> BasisName { get; init; }
    public required Func<string, string> BasisFor { get; init; }
    public required Func<string, string> BalancingTestFor { get; init; }
    public required string BalancingTest { get; init; }
    public required string Retention { get; init; }
    public required string RetentionHint { get; init; }
    public required Func<int, string> Days { get; init; }
    public required Func<string, string> EditPurpose { get; init; }
    public required string NewPurpose { get; init; }
    public required string SavePurpose { get; init; }
    public required string AddPurpose { get; init; }
    public required Func<string, string> PurposeSaved { get; init; }
    public required string NoticesHeading { get; init; }
    public required string NoNotices { get; init; }
    public required Func<string, string, string> NoticeHeading { get; init; }
    public required Func<string, string> KindName { get; init; }
    public required Func<string, string> VersionsCaption { get; init; }
    public required string NoVersions { get; init; }
    public required string Locale { get; init; }
    public required string LocaleHint { get; init; }
    public required string Version { get; init; }
    public required string Sha256 { get; init; }
    public required string PublishedAt { get; init; }
    public required string Url { get; init; }
    public required string UrlHint { get; init; }
    public required string Text { get; init; }
    public required string TextHint { get; init; }
    public required Func<string, int, string> ShowText { get; init; }
    public required Func<string, string> PublishVersionOf { get; init; }
    public required string PublishVersion { get; init; }
    public required Func<string, int, string, string> VersionPublished { get; init; }
    public required string NewNotice { get; init; }
    public required string Kind { get; init; }
    public required string CreateNotice { get; init; }
    public required Func<string, string> NoticeCreated { get; init; }
    public required string NotSaved { get; init; }
    public required string Error { get; init; }

    public static PurposesTexts English { get; } = new()
    {
        Title = "Purposes and notices",
        Intro = "Why people's data is processed, on which lawful basis in each regime and for how long; and the exact wording people are shown, kept as versions with their SHA-256.",
        AdminOnly = "Only an admin changes purposes and notices.",
        Change = "Change purposes and notices",
        PurposesHeading = "Purposes",
        PurposesCaption = "Purposes with their lawful basis per regime and their retention",
        NoPurposes = "No purpose yet.",
        Key = "Key",
        KeyHint = "2 to 64 lowercase letters, digits or _, starting with a letter. It never changes.",
        Name = "Name",
        Description = "Description",
        InLocale = l => $"in {l}",
        Channels = "Channels",
        Bases = "Lawful basis per regime",
        BasesHint = "Leave a regime without a basis where the purpose does not apply. Legitimate interest needs its balancing test's reference.",
        Regime = "Regime",
        Basis = "Basis",
        NoBasis = "None",
        BasisName = b => b switch
        {
            "consent" => "Consent",
            "legitimate_interest" => "Legitimate interest",
            "contract" => "Contract",
            "legal_obligation" => "Legal obligation",
            _ => b,
        },
        BasisFor = r => $"Basis in {r}",
        BalancingTestFor = r => $"Balancing test reference in {r}",
        BalancingTest = "Balancing test reference",
        Retention = "Retention (days)",
        RetentionHint = "How long data kept for this purpose is kept, 1 to 3650 days.",
        Days = d => d == 1 ? "1 day" : $"{d} days",
        EditPurpose = key => $"Change purpose {key}",
        NewPurpose = "New purpose",
        SavePurpose = "Save the purpose",
        AddPurpose = "Add the purpose",
        PurposeSaved = key => $"Purpose {key} is saved.",
        NoticesHeading = "Notices",
        NoNotices = "No notice yet.",
        NoticeHeading = (key, kind) => $"Notice {key} ({kind})",
        KindName = k => k == "privacy" ? "privacy notice" : "consent wording",
        VersionsCaption = key => $"Versions of {key}, per language, newest first",
        NoVersions = "No version published yet.",
        Locale = "Language",
        LocaleHint = "A locale such as en or fr-FR.",
        Version = "Version",
        Sha256 = "SHA-256",
        PublishedAt = "Published (UTC)",
        Url = "Address of the full notice",
        UrlHint = "Required for a privacy notice.",
        Text = "Exact wording",
        TextHint = "Exactly what people are shown. A published version never changes; a change is a new version.",
        ShowText = (locale, v) => $"Wording of version {v} in {locale}",
        PublishVersionOf = key => $"Publish a new version of {key}",
        PublishVersion = "Publish the version",
        VersionPublished = (key, v, locale) => $"Version {v} of {key} in {locale} is published.",
        NewNotice = "New notice",
        Kind = "Kind",
        CreateNotice = "Create the notice",
        NoticeCreated = key => $"Notice {key} is created. Publish its first version below.",
        NotSaved = "Nothing was saved: correct what is shown.",
        Error = "Error",
    };

    public static PurposesTexts French { get; } = new()
    {
        Title = "Finalités et mentions",
        Intro = "Pourquoi les données des personnes sont traitées, sur quelle base légale dans chaque régime et pour combien de temps ; et le texte exact montré aux personnes, conservé en versions avec leur SHA-256.",
        AdminOnly = "Seul un admin modifie les finalités et les mentions.",
        Change = "Modifier les finalités et les mentions",
        PurposesHeading = "Finalités",
        PurposesCaption = "Finalités avec leur base légale par régime et leur durée de conservation",
        NoPurposes = "Aucune finalité pour l'instant.",
        Key = "Clé",
        KeyHint = "2 à 64 lettres minuscules, chiffres ou _, commençant par une lettre. Elle ne change jamais.",
        Name = "Nom",
        Description = "Description",
        InLocale = l => $"en {l}",
        Channels = "Canaux",
        Bases = "Base légale par régime",
        BasesHint = "Laissez sans base un régime où la finalité ne s'applique pas. L'intérêt légitime demande la référence de sa mise en balance.",
        Regime = "Régime",
        Basis = "Base",
        NoBasis = "Aucune",
        BasisName = b => b switch
        {
            "consent" => "Consentement",
            "legitimate_interest" => "Intérêt légitime",
            "contract" => "Contrat",
            "legal_obligation" => "Obligation légale",
            _ => b,
        },
        BasisFor = r => $"Base en {r}",
        BalancingTestFor = r => $"Référence de la mise en balance en {r}",
        BalancingTest = "Référence de la mise en balance",
        Retention = "Conservation (jours)",
        RetentionHint = "Durée de conservation des données pour cette finalité, de 1 à 3650 jours.",
        Days = d => d == 1 ? "1 jour" : $"{d} jours",
        EditPurpose = key => $"Modifier la finalité {key}",
        NewPurpose = "Nouvelle finalité",
        SavePurpose = "Enregistrer la finalité",
        AddPurpose = "Ajouter la finalité",
        PurposeSaved = key => $"La finalité {key} est enregistrée.",
        NoticesHeading = "Mentions",
        NoNotices = "Aucune mention pour l'instant.",
        NoticeHeading = (key, kind) => $"Mention {key} ({kind})",
        KindName = k => k == "privacy" ? "politique de confidentialité" : "texte de consentement",
        VersionsCaption = key => $"Versions de {key}, par langue, la plus récente d'abord",
        NoVersions = "Aucune version publiée pour l'instant.",
        Locale = "Langue",
        LocaleHint = "Un code de langue comme en ou fr-FR.",
        Version = "Version",
        Sha256 = "SHA-256",
        PublishedAt = "Publiée (UTC)",
        Url = "Adresse de la mention complète",
        UrlHint = "Obligatoire pour une politique de confidentialité.",
        Text = "Texte exact",
        TextHint = "Exactement ce que voient les personnes. Une version publiée ne change jamais ; une modification est une nouvelle version.",
        ShowText = (locale, v) => $"Texte de la version {v} en {locale}",
        PublishVersionOf = key => $"Publier une nouvelle version de {key}",
        PublishVersion = "Publier la version",
        VersionPublished = (key, v, locale) => $"La version {v} de {key} en {locale} est publiée.",
        NewNotice = "Nouvelle mention",
        Kind = "Type",
        CreateNotice = "Créer la mention",
        NoticeCreated = key => $"La mention {key} est créée. Publiez sa première version ci-dessous.",
        NotSaved = "Rien n'a été enregistré : corrigez ce qui est indiqué.",
        Error = "Erreur",
    };
}
