namespace Marketing.Server.Capture;

/// <summary>The few words the widget itself shows, per language, so that the script carries none.</summary>
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

    public static IReadOnlyDictionary<string, string> For(string locale) =>
        ByLanguage.TryGetValue(locale.Split('-')[0], out var texts) ? texts : ByLanguage["en"];
}
