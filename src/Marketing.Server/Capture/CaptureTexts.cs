namespace Marketing.Server.Capture;

/// <summary>
/// The few words the widget itself shows, per language, so that the script carries none; and the words of the pages
/// and messages the engine shows a person after a post (thank-you page, problems page, anti-spam and rate messages).
/// </summary>
public static class CaptureTexts
{
    private static readonly Dictionary<string, Dictionary<string, string>> ByLanguage = new()
    {
        ["en"] = new()
        {
            ["submit"] = "Send", ["sending"] = "Sending…", ["required"] = "required", ["privacy"] = "Privacy notice",
            ["invalid"] = "Please correct the highlighted fields.", ["failed"] = "Sending failed. Please try again.",
            ["honeypot"] = "Leave this field empty",
        },
        ["fr"] = new()
        {
            ["submit"] = "Envoyer", ["sending"] = "Envoi…", ["required"] = "obligatoire", ["privacy"] = "Politique de confidentialité",
            ["invalid"] = "Veuillez corriger les champs signalés.", ["failed"] = "L'envoi a échoué. Veuillez réessayer.",
            ["honeypot"] = "Laissez ce champ vide",
        },
        ["de"] = new()
        {
            ["submit"] = "Senden", ["sending"] = "Wird gesendet…", ["required"] = "erforderlich", ["privacy"] = "Datenschutzhinweis",
            ["invalid"] = "Bitte korrigieren Sie die markierten Felder.", ["failed"] = "Senden fehlgeschlagen. Bitte erneut versuchen.",
            ["honeypot"] = "Dieses Feld leer lassen",
        },
    };

    /// <summary>
    /// What the engine says to a person after a post. The anti-spam checks say what to do, never the rule they apply
    /// (a bot learns nothing from "wait a moment"; it would from a threshold).
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Messages = new()
    {
        ["en"] = new()
        {
            ["thanks"] = "Thank you", ["back"] = "Back to the page", ["useBack"] = "Use your browser's Back button to return to the form.",
            ["problemsTitle"] = "Your form could not be sent", ["problemsIntro"] = "Please go back to the form, correct the following and send it again:",
            ["tooManyTitle"] = "Please wait a moment", ["tooMany"] = "Many forms were sent from your connection just now. Please try again in a minute.",
            ["token.missing"] = "The form has expired. Please reload the page and send it again.",
            ["token.expired"] = "The form has expired. Please reload the page and send it again.",
            ["token.otherForm"] = "The form does not match this page. Please reload the page and send it again.",
            ["token.tooFast"] = "The form was sent before it could be checked. Please take a moment, then send it again.",
            ["honeypot"] = "The form could not be accepted. Please reload the page and send it again.",
            ["is required"] = "is required", ["is not a valid email address"] = "is not a valid email address",
        },
        ["fr"] = new()
        {
            ["thanks"] = "Merci", ["back"] = "Retour à la page", ["useBack"] = "Utilisez le bouton Retour de votre navigateur pour revenir au formulaire.",
            ["problemsTitle"] = "Votre formulaire n'a pas pu être envoyé", ["problemsIntro"] = "Revenez au formulaire, corrigez ce qui suit et envoyez-le à nouveau :",
            ["tooManyTitle"] = "Merci de patienter", ["tooMany"] = "De nombreux formulaires viennent d'être envoyés depuis votre connexion. Réessayez dans une minute.",
            ["token.missing"] = "Le formulaire a expiré. Rechargez la page et envoyez-le à nouveau.",
            ["token.expired"] = "Le formulaire a expiré. Rechargez la page et envoyez-le à nouveau.",
            ["token.otherForm"] = "Le formulaire ne correspond pas à cette page. Rechargez la page et envoyez-le à nouveau.",
            ["token.tooFast"] = "Le formulaire a été envoyé avant d'avoir pu être vérifié. Patientez un instant, puis envoyez-le à nouveau.",
            ["honeypot"] = "Le formulaire n'a pas pu être accepté. Rechargez la page et envoyez-le à nouveau.",
            ["is required"] = "est obligatoire", ["is not a valid email address"] = "n'est pas une adresse e-mail valide",
        },
        ["de"] = new()
        {
            ["thanks"] = "Vielen Dank", ["back"] = "Zurück zur Seite", ["useBack"] = "Kehren Sie mit der Zurück-Taste Ihres Browsers zum Formular zurück.",
            ["problemsTitle"] = "Ihr Formular konnte nicht gesendet werden", ["problemsIntro"] = "Bitte kehren Sie zum Formular zurück, korrigieren Sie Folgendes und senden Sie es erneut:",
            ["tooManyTitle"] = "Bitte warten Sie einen Moment", ["tooMany"] = "Von Ihrer Verbindung wurden gerade viele Formulare gesendet. Bitte versuchen Sie es in einer Minute erneut.",
            ["token.missing"] = "Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und senden Sie es erneut.",
            ["token.expired"] = "Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und senden Sie es erneut.",
            ["token.otherForm"] = "Das Formular passt nicht zu dieser Seite. Bitte laden Sie die Seite neu und senden Sie es erneut.",
            ["token.tooFast"] = "Das Formular wurde gesendet, bevor es geprüft werden konnte. Bitte warten Sie einen Moment und senden Sie es erneut.",
            ["honeypot"] = "Das Formular konnte nicht angenommen werden. Bitte laden Sie die Seite neu und senden Sie es erneut.",
            ["is required"] = "ist erforderlich", ["is not a valid email address"] = "ist keine gültige E-Mail-Adresse",
        },
    };

    public static IReadOnlyDictionary<string, string> For(string locale) =>
        ByLanguage.TryGetValue(Language(locale), out var texts) ? texts : ByLanguage["en"];

    /// <summary>A message in the person's language; a field problem without a translation stays as the engine said it.</summary>
    public static string Say(string? locale, string key) =>
        (Messages.TryGetValue(Language(locale), out var texts) && texts.TryGetValue(key, out var text)) || Messages["en"].TryGetValue(key, out text)
            ? text
            : key;

    /// <summary>The supported language closest to <paramref name="locale"/>, English when none is.</summary>
    public static string Language(string? locale) =>
        locale?.Split('-')[0].ToLowerInvariant() is { } language && Messages.ContainsKey(language) ? language : "en";
}
