using Marketing.Segments;

namespace Marketing.Server.Segments;

/// <summary>The words of the segments pages (the list and the rule editor), in each language.</summary>
public sealed class SegmentsTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string ListCaption { get; init; }
    public required string NoneYet { get; init; }
    public required string NewSegment { get; init; }
    public required string Key { get; init; }
    public required string KeyHint { get; init; }
    public required string Name { get; init; }
    public required string Channel { get; init; }
    public required string ChannelHint { get; init; }
    public required string Rules { get; init; }
    public required string UpdatedAt { get; init; }
    public required Func<string, string> Deleted { get; init; }

    public required string AllSegments { get; init; }
    public required string NewTitle { get; init; }
    public required Func<string, string> EditTitle { get; init; }
    public required string Saved { get; init; }
    public required string RulesLegend { get; init; }
    public required string RulesIntro { get; init; }
    public required Func<int, string, string> RuleLegend { get; init; }
    public required Func<int, string> RemoveRule { get; init; }
    public required string AddRuleType { get; init; }
    public required string AddRule { get; init; }
    public required Func<string, string> TypeName { get; init; }
    public required string AttributeKey { get; init; }
    public required string Operator { get; init; }
    public required Func<string, string> OperatorName { get; init; }
    public required string Value { get; init; }
    public required string Regime { get; init; }
    public required string SourceValue { get; init; }
    public required string SourceHint { get; init; }
    public required string Purpose { get; init; }
    public required string ConsentChannel { get; init; }
    public required string ConsentState { get; init; }
    public required string Activity { get; init; }
    public required Func<string, string> ActivityName { get; init; }
    public required string WithinDays { get; init; }
    public required string WithinDaysHint { get; init; }
    public required string Batch { get; init; }
    public required string ChooseOne { get; init; }
    public required string CountHeading { get; init; }
    public required string CountHint { get; init; }
    public required string Count { get; init; }
    public required Func<long, string> Counted { get; init; }
    public required string CannotCount { get; init; }
    public required string Save { get; init; }
    public required string Delete { get; init; }
    public required string DeleteHint { get; init; }
    public required string NotFound { get; init; }
    /// <summary>A rule's message after its field's label ("Within days must be…").</summary>
    public required Func<string, string, string> Problem { get; init; }

    public static SegmentsTexts English { get; } = new()
    {
        Title = "Segments",
        Intro = "Saved questions over people, asked of the database each time: restricted, erased and suppressed people are never in one, and the gate still decides every message.",
        ListCaption = "Segments, by key",
        NoneYet = "No segment yet.",
        NewSegment = "New segment",
        Key = "Key",
        KeyHint = "2 to 64 lower-case letters, digits, '_' or '-', starting with a letter; it cannot change",
        Name = "Name",
        Channel = "Channel",
        ChannelHint = "Its suppressions apply, and people need an address on it",
        Rules = "Rules",
        UpdatedAt = "Changed (UTC)",
        Deleted = key => $"The segment {key} was deleted.",
        AllSegments = "All segments",
        NewTitle = "New segment",
        EditTitle = key => $"Segment {key}",
        Saved = "The segment was saved.",
        RulesLegend = "Rules",
        RulesIntro = "A person is in the segment when every rule holds.",
        RuleLegend = (n, type) => $"Rule {n}: {type}",
        RemoveRule = n => $"Remove rule {n}",
        AddRuleType = "Kind of rule to add",
        AddRule = "Add the rule",
        TypeName = t => t switch
        {
            SegmentConditionTypes.Attribute => "attribute",
            SegmentConditionTypes.Regime => "regime",
            SegmentConditionTypes.Consent => "consent for a purpose",
            SegmentConditionTypes.Activity => "recent activity",
            SegmentConditionTypes.Source => "source",
            SegmentConditionTypes.ImportBatch => "import batch",
            _ => t,
        },
        AttributeKey = "Attribute",
        Operator = "Test",
        OperatorName = o => o switch { AttributeOperators.EqualTo => "equals", AttributeOperators.Containing => "contains", _ => o },
        Value = "Value",
        Regime = "Regime",
        SourceValue = "Source begins with",
        SourceHint = "Such as form:newsletter or import:",
        Purpose = "Purpose",
        ConsentChannel = "Channel of the consent",
        ConsentState = "Consent state",
        Activity = "Activity",
        ActivityName = a => a switch
        {
            SegmentActivities.Submitted => "submitted a form",
            SegmentActivities.Clicked => "clicked a tracked link",
            SegmentActivities.Ordered => "ordered",
            SegmentActivities.Replied => "replied by SMS",
            _ => a,
        },
        WithinDays = "Within the last (days)",
        WithinDaysHint = "1 to 3650",
        Batch = "Import batch",
        ChooseOne = "Choose…",
        CountHeading = "People in the segment now",
        CountHint = "Counted as you edit; without script, press Count.",
        Count = "Count",
        Counted = n => n == 1 ? "1 person" : $"{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} people",
        CannotCount = "Correct the rules to count the people.",
        Save = "Save the segment",
        Delete = "Delete the segment",
        DeleteHint = "The people stay: a segment is only a question asked of them.",
        NotFound = "There is no such segment.",
        Problem = (label, message) => $"{label} {message}",
    };

    public static SegmentsTexts French { get; } = new()
    {
        Title = "Segments",
        Intro = "Des questions enregistrées sur les personnes, posées à la base à chaque fois : les personnes limitées, effacées ou en liste d’opposition n’y sont jamais, et le contrôle d’envoi décide toujours de chaque message.",
        ListCaption = "Segments, par clé",
        NoneYet = "Aucun segment pour l’instant.",
        NewSegment = "Nouveau segment",
        Key = "Clé",
        KeyHint = "2 à 64 lettres minuscules, chiffres, « _ » ou « - », commençant par une lettre ; elle ne change plus",
        Name = "Nom",
        Channel = "Canal",
        ChannelHint = "Ses oppositions s’appliquent, et les personnes doivent y avoir une adresse",
        Rules = "Règles",
        UpdatedAt = "Modifié (UTC)",
        Deleted = key => $"Le segment {key} a été supprimé.",
        AllSegments = "Tous les segments",
        NewTitle = "Nouveau segment",
        EditTitle = key => $"Segment {key}",
        Saved = "Le segment a été enregistré.",
        RulesLegend = "Règles",
        RulesIntro = "Une personne est dans le segment quand toutes les règles sont vraies.",
        RuleLegend = (n, type) => $"Règle {n} : {type}",
        RemoveRule = n => $"Retirer la règle {n}",
        AddRuleType = "Type de règle à ajouter",
        AddRule = "Ajouter la règle",
        TypeName = t => t switch
        {
            SegmentConditionTypes.Attribute => "attribut",
            SegmentConditionTypes.Regime => "régime",
            SegmentConditionTypes.Consent => "consentement à une finalité",
            SegmentConditionTypes.Activity => "activité récente",
            SegmentConditionTypes.Source => "source",
            SegmentConditionTypes.ImportBatch => "lot d’import",
            _ => t,
        },
        AttributeKey = "Attribut",
        Operator = "Test",
        OperatorName = o => o switch { AttributeOperators.EqualTo => "égal à", AttributeOperators.Containing => "contient", _ => o },
        Value = "Valeur",
        Regime = "Régime",
        SourceValue = "La source commence par",
        SourceHint = "Par exemple form:newsletter ou import:",
        Purpose = "Finalité",
        ConsentChannel = "Canal du consentement",
        ConsentState = "État du consentement",
        Activity = "Activité",
        ActivityName = a => a switch
        {
            SegmentActivities.Submitted => "a envoyé un formulaire",
            SegmentActivities.Clicked => "a cliqué un lien suivi",
            SegmentActivities.Ordered => "a commandé",
            SegmentActivities.Replied => "a répondu par SMS",
            _ => a,
        },
        WithinDays = "Dans les derniers (jours)",
        WithinDaysHint = "De 1 à 3650",
        Batch = "Lot d’import",
        ChooseOne = "Choisir…",
        CountHeading = "Personnes dans le segment maintenant",
        CountHint = "Compté pendant la saisie ; sans script, appuyez sur Compter.",
        Count = "Compter",
        Counted = n => n == 1 ? "1 personne" : $"{Leads.ImportsTexts.FrenchNumber(n)} personnes",
        CannotCount = "Corrigez les règles pour compter les personnes.",
        Save = "Enregistrer le segment",
        Delete = "Supprimer le segment",
        DeleteHint = "Les personnes restent : un segment n’est qu’une question qui leur est posée.",
        NotFound = "Ce segment n’existe pas.",
        Problem = (label, message) => $"{label} : {message}",
    };
}
