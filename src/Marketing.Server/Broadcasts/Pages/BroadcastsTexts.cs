namespace Marketing.Server.Broadcasts.Pages;

/// <summary>The broadcasts page's words, in English and in French.</summary>
public sealed class BroadcastsTexts
{
    public required string Title { get; init; }
    public required string Caption { get; init; }
    public required string None { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public required string Segment { get; init; }
    public required string Purpose { get; init; }
    public required string Channel { get; init; }
    public required string Template { get; init; }
    public required string Progress { get; init; }
    public required string Actions { get; init; }
    public required string NewHeading { get; init; }
    public required string NewIntro { get; init; }
    public required string ScheduleLegend { get; init; }
    public required string ScheduleKind { get; init; }
    public required string At { get; init; }
    public required string AtHint { get; init; }
    public required string LocalAt { get; init; }
    public required string LocalAtHint { get; init; }
    public required string ThrottleLegend { get; init; }
    public required string ThrottleCount { get; init; }
    public required string ThrottlePer { get; init; }
    public required string TestLegend { get; init; }
    public required string TestTemplate { get; init; }
    public required string TestPercent { get; init; }
    public required string TestWait { get; init; }
    public required string Optional { get; init; }
    public required string Save { get; init; }
    public required string Schedule { get; init; }
    public required string Cancel { get; init; }
    public required string Saved { get; init; }
    public required string Scheduled { get; init; }
    public required string Cancelled { get; init; }
    public required string NotANumber { get; init; }
    public required string NotAnInstant { get; init; }
    public required Func<int, int, int, string> ProgressOf { get; init; }
    public required Func<string, string> StatusName { get; init; }
    public required Func<string, string> KindName { get; init; }
    public required Func<string, string> PerName { get; init; }

    public static BroadcastsTexts English { get; } = new()
    {
        Title = "Broadcasts", Caption = "Broadcasts, newest first", None = "No broadcast yet.", Key = "Key", Name = "Name", Status = "Status",
        Segment = "Segment", Purpose = "Purpose", Channel = "Channel", Template = "Template", Progress = "Progress", Actions = "Actions",
        NewHeading = "New or edit a draft", NewIntro = "A draft with an existing key is updated; only drafts change.",
        ScheduleLegend = "When", ScheduleKind = "Send", At = "At (instant with offset)", AtHint = "For example 2026-12-08T09:00:00+01:00",
        LocalAt = "Local time in each person's zone", LocalAtHint = "For example 2026-12-08T09:00",
        ThrottleLegend = "Throttle", ThrottleCount = "At most (messages)", ThrottlePer = "Per",
        TestLegend = "A/B test", TestTemplate = "Variant B template", TestPercent = "Per cent of the audience per variant", TestWait = "Minutes before the winner is picked",
        Optional = "Optional", Save = "Save draft", Schedule = "Schedule", Cancel = "Cancel broadcast",
        Saved = "Draft saved.", Scheduled = "Broadcast scheduled.", Cancelled = "Broadcast cancelled; messages not sent yet will not be.",
        NotANumber = "must be a whole number", NotAnInstant = "must be an instant with its offset, such as 2026-12-08T09:00:00+01:00",
        ProgressOf = (messages, sent, clicked) => $"{messages} messages, {sent} sent, {clicked} consented clicks",
        StatusName = s => s switch
        {
            "draft" => "Draft", "scheduled" => "Scheduled", "testing" => "A/B test running", "sending" => "Sending", "sent" => "Sent", "cancelled" => "Cancelled", _ => s,
        },
        KindName = k => k switch { "now" => "Now", "at" => "At a time", "local" => "At a local time in each person's zone", _ => k },
        PerName = p => p switch { "hour" => "hour", "minute" => "minute", _ => "no throttle" },
    };

    public static BroadcastsTexts French { get; } = new()
    {
        Title = "Campagnes ponctuelles", Caption = "Campagnes, les plus récentes d’abord", None = "Aucune campagne pour l’instant.", Key = "Clé", Name = "Nom",
        Status = "Statut", Segment = "Segment", Purpose = "Finalité", Channel = "Canal", Template = "Modèle", Progress = "Avancement", Actions = "Actions",
        NewHeading = "Nouveau brouillon ou modification", NewIntro = "Un brouillon dont la clé existe est mis à jour ; seuls les brouillons changent.",
        ScheduleLegend = "Quand", ScheduleKind = "Envoi", At = "À (instant avec décalage)", AtHint = "Par exemple 2026-12-08T09:00:00+01:00",
        LocalAt = "Heure locale de chaque personne", LocalAtHint = "Par exemple 2026-12-08T09:00",
        ThrottleLegend = "Débit", ThrottleCount = "Au plus (messages)", ThrottlePer = "Par",
        TestLegend = "Test A/B", TestTemplate = "Modèle de la variante B", TestPercent = "Pourcentage de l’audience par variante", TestWait = "Minutes avant le choix du gagnant",
        Optional = "Facultatif", Save = "Enregistrer le brouillon", Schedule = "Programmer", Cancel = "Annuler la campagne",
        Saved = "Brouillon enregistré.", Scheduled = "Campagne programmée.", Cancelled = "Campagne annulée ; les messages pas encore envoyés ne le seront pas.",
        NotANumber = "doit être un nombre entier", NotAnInstant = "doit être un instant avec son décalage, par exemple 2026-12-08T09:00:00+01:00",
        ProgressOf = (messages, sent, clicked) => $"{messages} messages, {sent} envoyés, {clicked} clics consentis",
        StatusName = s => s switch
        {
            "draft" => "Brouillon", "scheduled" => "Programmée", "testing" => "Test A/B en cours", "sending" => "En cours d’envoi", "sent" => "Envoyée", "cancelled" => "Annulée", _ => s,
        },
        KindName = k => k switch { "now" => "Maintenant", "at" => "À une heure donnée", "local" => "À une heure locale, dans le fuseau de chacun", _ => k },
        PerName = p => p switch { "hour" => "heure", "minute" => "minute", _ => "sans limite" },
    };
}
