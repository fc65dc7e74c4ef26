namespace Marketing.Server.Channels.Email;

/// <summary>The words of the email pages, in the languages the default templates ship in.</summary>
internal sealed record PageTexts(
    string UnsubscribeTitle, string UnsubscribeQuestion, string UnsubscribeButton, string UnsubscribedTitle, string Unsubscribed,
    string ManagePreferences, string PreferencesTitle, string WithdrawFrom, string SaveButton, string UnsubscribeAllButton,
    string NothingStanding, string NothingChanged, string PreferencesSaved,
    string ConfirmTitle, string ConfirmQuestion, string ConfirmButton, string ConfirmedTitle, string Confirmed, string AlreadyConfirmed, string Expired,
    string InvalidTitle, string Invalid, string ObjectHint, string ObjectButton, string Objected)
{
    private static readonly PageTexts English = new(
        "Unsubscribe", "Stop receiving “{0}” emails?", "Unsubscribe", "You are unsubscribed",
        "You will no longer receive “{0}” emails. It may take a moment for messages already on their way.",
        "Manage all your email preferences", "Your email preferences", "Stop receiving:", "Save my choices", "Unsubscribe from all marketing emails",
        "You are not subscribed to any marketing emails.", "Nothing was changed.", "Your choices are saved.",
        "Confirm your subscription", "Please confirm that you want to receive these emails at this address.", "Confirm my subscription",
        "Subscription confirmed", "Thank you: your subscription is confirmed.", "This subscription was already confirmed: this link works only once.",
        "This confirmation link has expired. Please sign up again to receive a new one.",
        "Link not valid", "This link is not valid. It may have been mistyped or cut.",
        "You may also object to all direct marketing from us, by email and SMS, whatever the reason we relied on. No justification is needed.",
        "I object to all direct marketing", "Your objection is recorded: you will receive no more marketing from us, by email or SMS.");

    private static readonly PageTexts French = new(
        "Se désinscrire", "Ne plus recevoir les e-mails « {0} » ?", "Me désinscrire", "Vous êtes désinscrit",
        "Vous ne recevrez plus les e-mails « {0} ». Un message déjà en route peut encore arriver.",
        "Gérer toutes vos préférences e-mail", "Vos préférences e-mail", "Ne plus recevoir :", "Enregistrer mes choix", "Me désinscrire de tous les e-mails marketing",
        "Vous n'êtes inscrit à aucun e-mail marketing.", "Rien n'a été modifié.", "Vos choix sont enregistrés.",
        "Confirmez votre inscription", "Merci de confirmer que vous souhaitez recevoir ces e-mails à cette adresse.", "Confirmer mon inscription",
        "Inscription confirmée", "Merci : votre inscription est confirmée.", "Cette inscription était déjà confirmée : ce lien ne fonctionne qu'une fois.",
        "Ce lien de confirmation a expiré. Inscrivez-vous à nouveau pour en recevoir un nouveau.",
        "Lien non valide", "Ce lien n'est pas valide. Il a peut-être été mal copié ou coupé.",
        "Vous pouvez aussi vous opposer à toute prospection de notre part, par e-mail et SMS, quel qu'en soit le fondement. Aucune justification n'est demandée.",
        "Je m'oppose à toute prospection", "Votre opposition est enregistrée : vous ne recevrez plus de prospection de notre part, ni par e-mail ni par SMS.");

    public static string Supported(string? locale) => locale?.Split('-')[0].ToLowerInvariant() == "fr" ? "fr" : "en";

    public static PageTexts For(string locale) => Supported(locale) == "fr" ? French : English;
}
