using Marketing.Consent;
using Marketing.Sending;

namespace Marketing.Server.Templates.Pages;

/// <summary>The words of the templates pages (issue 16, page 6), in English and French.</summary>
public sealed class TemplatesTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string Caption { get; init; }
    public required string Key { get; init; }
    public required string Locale { get; init; }
    public required string Channel { get; init; }
    public required string Type { get; init; }
    public required string Subject { get; init; }
    public required string Origin { get; init; }
    public required Func<string, string> ChannelName { get; init; }
    public required Func<string, string> TypeName { get; init; }
    public required Func<string, string> OriginName { get; init; }
    public required Func<string, string, string> EditLink { get; init; }
    public required string NewHeading { get; init; }
    public required string KeyHint { get; init; }
    public required string LocaleHint { get; init; }
    public required string Create { get; init; }
    public required string BadKey { get; init; }
    public required string BadLocale { get; init; }
    public required string BadChannel { get; init; }
    public required string Exists { get; init; }
    public required string ReadOnlyRole { get; init; }
    public required Func<string, string, string> EditorTitle { get; init; }
    public required string NewTemplate { get; init; }
    public required string AllTemplates { get; init; }
    public required string OtherLocales { get; init; }
    public required string TypeHint { get; init; }
    public required string Html { get; init; }
    public required string HtmlHint { get; init; }
    public required string Text { get; init; }
    public required string TextHint { get; init; }
    public required string Body { get; init; }
    public required string BodyHint { get; init; }
    public required string LayoutHint { get; init; }
    public required string Preview { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string PreviewHeading { get; init; }
    public required string PreviewIntro { get; init; }
    public required string ScriptHint { get; init; }
    public required string TextPart { get; init; }
    public required string FrameTitle { get; init; }
    public required Func<string, string> WrappedIn { get; init; }
    public required string NoLayout { get; init; }
    public required Func<string, int, int, string> SmsCounter { get; init; }
    public required Func<int, int, string, string> ParseError { get; init; }
    public required Func<string, string> RenderFailure { get; init; }
    public required string PreviewReady { get; init; }
    public required Func<int, string> PreviewErrors { get; init; }
    public required string FrameTooLong { get; init; }
    public required string AdminOnly { get; init; }
    public required string ReadOnly { get; init; }
    public required Func<string, string, string> Problem { get; init; }
    public required string NotFound { get; init; }

    public string FieldName(string field) => field switch
    {
        "subject" => Subject,
        "html" => Html,
        "text" => Text,
        "body" => Body,
        "messageType" => Type,
        "key" => Key,
        "locale" => Locale,
        _ => Channel,
    };

    public static TemplatesTexts English { get; } = new()
    {
        Title = "Templates",
        Intro = "The messages the engine sends, per key and locale. A saved template overrides the shipped default of the same key and locale.",
        Caption = "Templates, by key and locale",
        Key = "Key",
        Locale = "Locale",
        Channel = "Channel",
        Type = "Type",
        Subject = "Subject",
        Origin = "Origin",
        ChannelName = c => c == ChannelKeys.Sms ? "SMS" : "Email",
        TypeName = t => t switch
        {
            MessageTypes.Marketing => "Marketing",
            MessageTypes.Transactional => "Transactional",
            MessageTypes.DoubleOptIn => "Double opt-in",
            "layout" => "Layout",
            _ => t,
        },
        OriginName = o => o == "saved" ? "Saved" : "Shipped default",
        EditLink = (k, l) => $"Edit {k} ({l})",
        NewHeading = "New template",
        KeyHint = "2 to 64 lowercase letters, digits or hyphens, starting with a letter, such as spring-sale",
        LocaleHint = "Such as en, fr or fr-CA",
        Create = "Create and edit",
        BadKey = "Enter a key of 2 to 64 lowercase letters, digits or hyphens, starting with a letter",
        BadLocale = "Enter a locale such as en or fr-FR",
        BadChannel = "Choose email or SMS",
        Exists = "This key already has a template in this locale: edit it from the list",
        ReadOnlyRole = "Your role may read templates and preview them; admins and marketers change them.",
        EditorTitle = (k, l) => $"Template {k} ({l})",
        NewTemplate = "New: not saved yet",
        AllTemplates = "All templates",
        OtherLocales = "In other locales",
        TypeHint = "Transactional and confirmation templates, and the layout, are an admin's: they leave without marketing consent (R60).",
        Html = "HTML body",
        HtmlHint = "Scriban, such as {{ person.first_name }} or {{ links.unsubscribe }}; values are escaped.",
        Text = "Text part",
        TextHint = "Optional: when empty, the text part is made from the HTML.",
        Body = "SMS body",
        BodyHint = "Scriban, such as {{ person.first_name }} or {{ sender.name }}. Every character is paid for.",
        LayoutHint = "The layout wraps every email: {{ content }} is where the message goes.",
        Preview = "Preview",
        Save = "Save",
        Saved = "Saved. Messages sent from now on use this version.",
        PreviewHeading = "Preview",
        PreviewIntro = "With sample data: Ana, ana@example.com, +33 6 12 34 56 78, the purpose Newsletter.",
        ScriptHint = "Without JavaScript, press Preview to see your changes here.",
        TextPart = "Text part",
        FrameTitle = "The email as it is sent, in its layout",
        WrappedIn = l => $"Shown in the layout of locale {l}, as it is sent.",
        NoLayout = "Shown without a layout.",
        SmsCounter = (e, s, u) => $"{e}: {s} {(s == 1 ? "segment" : "segments")} ({u} {(e == "UCS-2" ? "UTF-16 units" : "characters")})",
        ParseError = (l, c, m) => $"Line {l}, column {c}: {m}",
        RenderFailure = m => $"It does not render with the sample data: {m}",
        PreviewReady = "Preview up to date.",
        PreviewErrors = n => n == 1 ? "The preview waits for 1 error to be fixed." : $"The preview waits for {n} errors to be fixed.",
        FrameTooLong = "This email is too long to show in the frame; its subject and text part are shown.",
        AdminOnly = "Only an admin may change this template: it leaves without marketing consent, or wraps messages that do (R60).",
        ReadOnly = "You may read and preview this template, not change it.",
        Problem = (f, m) => $"{f}: {m}",
        NotFound = "There is no template of this key in this locale. Create it from the list of templates.",
    };

    public static TemplatesTexts French { get; } = new()
    {
        Title = "Modèles",
        Intro = "Les messages que le moteur envoie, par clé et par langue. Un modèle enregistré remplace le modèle fourni de même clé et de même langue.",
        Caption = "Modèles, par clé et par langue",
        Key = "Clé",
        Locale = "Langue",
        Channel = "Canal",
        Type = "Type",
        Subject = "Objet",
        Origin = "Origine",
        ChannelName = c => c == ChannelKeys.Sms ? "SMS" : "E-mail",
        TypeName = t => t switch
        {
            MessageTypes.Marketing => "Marketing",
            MessageTypes.Transactional => "Transactionnel",
            MessageTypes.DoubleOptIn => "Double opt-in (confirmation)",
            "layout" => "Mise en page",
            _ => t,
        },
        OriginName = o => o == "saved" ? "Enregistré" : "Fourni par défaut",
        EditLink = (k, l) => $"Modifier {k} ({l})",
        NewHeading = "Nouveau modèle",
        KeyHint = "2 à 64 lettres minuscules, chiffres ou tirets, commençant par une lettre, par exemple soldes-printemps",
        LocaleHint = "Par exemple en, fr ou fr-CA",
        Create = "Créer et modifier",
        BadKey = "Saisissez une clé de 2 à 64 lettres minuscules, chiffres ou tirets, commençant par une lettre",
        BadLocale = "Saisissez une langue comme en ou fr-FR",
        BadChannel = "Choisissez e-mail ou SMS",
        Exists = "Cette clé a déjà un modèle dans cette langue : modifiez-le depuis la liste",
        ReadOnlyRole = "Votre rôle permet de lire les modèles et de les prévisualiser ; les administrateurs et le marketing les modifient.",
        EditorTitle = (k, l) => $"Modèle {k} ({l})",
        NewTemplate = "Nouveau : pas encore enregistré",
        AllTemplates = "Tous les modèles",
        OtherLocales = "Dans d'autres langues",
        TypeHint = "Les modèles transactionnels et de confirmation, et la mise en page, relèvent d'un administrateur : ils partent sans consentement marketing (R60).",
        Html = "Corps HTML",
        HtmlHint = "Scriban, par exemple {{ person.first_name }} ou {{ links.unsubscribe }} ; les valeurs sont échappées.",
        Text = "Partie texte",
        TextHint = "Facultatif : vide, la partie texte est tirée du HTML.",
        Body = "Texte du SMS",
        BodyHint = "Scriban, par exemple {{ person.first_name }} ou {{ sender.name }}. Chaque caractère est payé.",
        LayoutHint = "La mise en page entoure chaque e-mail : {{ content }} marque la place du message.",
        Preview = "Prévisualiser",
        Save = "Enregistrer",
        Saved = "Enregistré. Les messages envoyés désormais utilisent cette version.",
        PreviewHeading = "Aperçu",
        PreviewIntro = "Avec des données d'exemple : Ana, ana@example.com, +33 6 12 34 56 78, la finalité Newsletter.",
        ScriptHint = "Sans JavaScript, appuyez sur Prévisualiser pour voir vos modifications ici.",
        TextPart = "Partie texte",
        FrameTitle = "L'e-mail tel qu'il part, dans sa mise en page",
        WrappedIn = l => $"Affiché dans la mise en page de la langue {l}, tel qu'il part.",
        NoLayout = "Affiché sans mise en page.",
        SmsCounter = (e, s, u) => $"{e} : {s} {(s == 1 ? "segment" : "segments")} ({u} {(e == "UCS-2" ? "unités UTF-16" : "caractères")})",
        ParseError = (l, c, m) => $"Ligne {l}, colonne {c} : {m}",
        RenderFailure = m => $"Il ne se rend pas avec les données d'exemple : {m}",
        PreviewReady = "Aperçu à jour.",
        PreviewErrors = n => n == 1 ? "L'aperçu attend qu'une erreur soit corrigée." : $"L'aperçu attend que {n} erreurs soient corrigées.",
        FrameTooLong = "Cet e-mail est trop long pour le cadre ; son objet et sa partie texte sont affichés.",
        AdminOnly = "Seul un administrateur peut modifier ce modèle : il part sans consentement marketing, ou entoure des messages qui le font (R60).",
        ReadOnly = "Vous pouvez lire et prévisualiser ce modèle, pas le modifier.",
        Problem = (f, m) => $"{f} : {m}",
        NotFound = "Cette clé n'a pas de modèle dans cette langue. Créez-le depuis la liste des modèles.",
    };
}
