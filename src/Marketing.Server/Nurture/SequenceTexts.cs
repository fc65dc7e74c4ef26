using Marketing.Nurture;

namespace Marketing.Server.Nurture;

/// <summary>The words of the sequence pages (the list, the builder, the versions), in each language.</summary>
public sealed class SequenceTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string ListCaption { get; init; }
    public required string Key { get; init; }
    public required string KeyHint { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public required string Version { get; init; }
    public required string Enrolled { get; init; }
    public required string NoSequences { get; init; }
    public required string NotPublished { get; init; }
    public required string CreateHeading { get; init; }
    public required string Create { get; init; }
    public required Func<string, string> StatusName { get; init; }
    public required Func<string, string> EnrolmentStatusName { get; init; }

    public required Func<string, string> BuilderTitle { get; init; }
    public required string BackToList { get; init; }
    public required Func<int, string> LatestVersion { get; init; }
    public required string DraftDiffers { get; init; }
    public required string ReadOnly { get; init; }
    public required string SettingsHeading { get; init; }
    public required string TriggerLegend { get; init; }
    public required string TriggerType { get; init; }
    public required Func<string, string> TriggerName { get; init; }
    public required string TriggerPurpose { get; init; }
    public required string TriggerForm { get; init; }
    public required string TriggerFormHint { get; init; }
    public required string SaveSettings { get; init; }
    public required string StepsHeading { get; init; }
    public required string StepsIntro { get; init; }
    public required string NoSteps { get; init; }
    public required Func<string, string> StepTypeName { get; init; }
    public required Func<int, string, string, string> CardHeading { get; init; }
    public required string Template { get; init; }
    public required string Purpose { get; init; }
    public required string Next { get; init; }
    public required string NoNext { get; init; }
    public required string Wait { get; init; }
    public required string Condition { get; init; }
    public required string Then { get; init; }
    public required string Else { get; init; }
    public required Func<StepCondition?, string> ConditionText { get; init; }
    public required string Edit { get; init; }
    public required Func<string, string> EditStep { get; init; }
    public required Func<string, string> MoveUp { get; init; }
    public required Func<string, string> MoveDown { get; init; }
    public required Func<string, string> Remove { get; init; }
    public required string Save { get; init; }
    public required string Cancel { get; init; }
    public required string StepId { get; init; }
    public required string StepIdHint { get; init; }
    public required string WaitKind { get; init; }
    public required string WaitFor { get; init; }
    public required string WaitUntil { get; init; }
    public required string Duration { get; init; }
    public required string DurationHint { get; init; }
    public required string Time { get; init; }
    public required string TimeHint { get; init; }
    public required string Days { get; init; }
    public required Func<string, string> DayName { get; init; }
    public required string ConditionType { get; init; }
    public required Func<string, string> ConditionTypeName { get; init; }
    public required string Attribute { get; init; }
    public required string Value { get; init; }
    public required string EarlierStep { get; init; }
    public required string Keyword { get; init; }
    public required string Choose { get; init; }
    public required string AddLegend { get; init; }
    public required string StepType { get; init; }
    public required string Add { get; init; }
    public required string PublishHeading { get; init; }
    public required string Publish { get; init; }
    public required string Pause { get; init; }
    public required string Resume { get; init; }
    public required string ProblemsOnStep { get; init; }
    public required Func<string, string> Done { get; init; }

    public required Func<int, string> StatsCaption { get; init; }
    public required string Step { get; init; }
    public required string Waiting { get; init; }
    public required string Sent { get; init; }
    public required string Queued { get; init; }
    public required string Blocked { get; init; }
    public required string Skipped { get; init; }
    public required string Failed { get; init; }
    public required string GoalReached { get; init; }
    public required Func<int, string> EnrolledInAll { get; init; }

    public required string VersionsLink { get; init; }
    public required Func<string, string> VersionsTitle { get; init; }
    public required string VersionsCaption { get; init; }
    public required string PublishedAt { get; init; }
    public required string PublishedBy { get; init; }
    public required string Fingerprint { get; init; }
    public required string NoVersions { get; init; }
    public required string CompareLegend { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Compare { get; init; }
    public required Func<int, int, string> DiffHeading { get; init; }
    public required string NoDifference { get; init; }
    public required string SequenceSettings { get; init; }
    public required Func<string, string> ChangeKind { get; init; }
    public required Func<int?, int?, string> Position { get; init; }
    public required string Field { get; init; }
    public required string Before { get; init; }
    public required string After { get; init; }
    public required string Nothing { get; init; }
    public required string BadVersion { get; init; }
    public required string Stale { get; init; }
    public required string GeneralProblems { get; init; }
    public required string Moved { get; init; }

    public static SequenceTexts English { get; } = new()
    {
        Title = "Sequences",
        Intro = "Nurture sequences: who enters, and the steps they go through. Edit a draft, then publish it as a new version.",
        ListCaption = "Sequences",
        Key = "Key",
        KeyHint = "2 to 64 lowercase letters, digits, '-' or '_', starting with a letter; it cannot change",
        Name = "Name",
        Status = "Status",
        Version = "Published version",
        Enrolled = "People enrolled",
        NoSequences = "No sequence yet.",
        NotPublished = "not published",
        CreateHeading = "New sequence",
        Create = "Create the sequence",
        StatusName = s => s switch { "draft" => "Draft", "active" => "Running", "paused" => "Paused", _ => s },
        EnrolmentStatusName = s => s switch { "active" => "in progress", "completed" => "completed", "exited" => "left", "failed" => "failed", _ => s },
        BuilderTitle = name => $"Sequence: {name}",
        BackToList = "All sequences",
        LatestVersion = v => v == 0 ? "Never published" : $"Published version: {v}",
        DraftDiffers = "The draft has changes that are not published yet.",
        ReadOnly = "You may look at this sequence; only marketers and admins change it.",
        SettingsHeading = "Who enters",
        TriggerLegend = "Trigger",
        TriggerType = "People enter when",
        TriggerName = t => t switch
        {
            TriggerTypes.ConsentConfirmed => "they confirm their consent to a purpose",
            TriggerTypes.FormSubmitted => "they submit a form",
            TriggerTypes.Api => "the API or a marketer enrols them",
            _ => t,
        },
        TriggerPurpose = "Purpose (for a confirmed consent)",
        TriggerForm = "Form (for a submitted form)",
        TriggerFormHint = "The form's id",
        SaveSettings = "Save the trigger",
        StepsHeading = "Steps",
        StepsIntro = "Everyone starts at the first step. Each card says where it leads.",
        NoSteps = "No step yet: add the first one below.",
        StepTypeName = t => t switch
        {
            StepTypes.Email => "Email", StepTypes.Sms => "SMS", StepTypes.Wait => "Wait", StepTypes.Branch => "Branch",
            StepTypes.Goal => "Goal", StepTypes.Exit => "Exit", _ => t,
        },
        CardHeading = (n, type, id) => $"Step {n}: {type} ({id})",
        Template = "Template",
        Purpose = "Purpose",
        Next = "Then goes to",
        NoNext = "nothing yet",
        Wait = "Waits",
        Condition = "Condition",
        Then = "If it holds",
        Else = "Otherwise",
        ConditionText = c => c?.Type switch
        {
            ConditionTypes.Consent => $"the person's consent to '{c.Purpose}' is {(c.Status is { Count: > 0 } s ? string.Join(" or ", s) : "granted or confirmed")}",
            ConditionTypes.Attribute => c.Value is null ? $"the person has the attribute '{c.Attribute}'" : $"the person's attribute '{c.Attribute}' is '{c.Value}'",
            ConditionTypes.Clicked => $"the person clicked a link in the email of step '{c.Step}'",
            ConditionTypes.Replied => c.Keyword is null ? $"the person replied to the SMS of step '{c.Step}'" : $"the person replied {c.Keyword} to the SMS of step '{c.Step}'",
            _ => "no condition yet",
        },
        Edit = "Edit",
        EditStep = id => $"Edit step {id}",
        MoveUp = id => $"Move {id} up",
        MoveDown = id => $"Move {id} down",
        Remove = id => $"Remove {id}",
        Save = "Save the step",
        Cancel = "Cancel",
        StepId = "Step id",
        StepIdHint = "Lowercase letters, digits, '-' or '_'; other steps refer to it",
        WaitKind = "Wait",
        WaitFor = "for a duration",
        WaitUntil = "until a time of day in the person's time zone",
        Duration = "Duration",
        DurationHint = "Such as 2d, 36h, 1d12h or 90m",
        Time = "Time of day",
        TimeHint = "HH:mm, such as 09:00",
        Days = "On these days (none: any day)",
        DayName = d => d switch
        {
            "mon" => "Monday", "tue" => "Tuesday", "wed" => "Wednesday", "thu" => "Thursday", "fri" => "Friday", "sat" => "Saturday", "sun" => "Sunday", _ => d,
        },
        ConditionType = "Condition",
        ConditionTypeName = t => t switch
        {
            ConditionTypes.Consent => "a consent state", ConditionTypes.Attribute => "an attribute", ConditionTypes.Clicked => "a click in an email",
            ConditionTypes.Replied => "a reply to an SMS", _ => t,
        },
        Attribute = "Attribute",
        Value = "Value (empty: any)",
        EarlierStep = "Step (the email or SMS)",
        Keyword = "Keyword (empty: any reply)",
        Choose = "Choose…",
        AddLegend = "Add a step",
        StepType = "Type of step",
        Add = "Add the step",
        PublishHeading = "Publish",
        Publish = "Publish the draft",
        Pause = "Pause the sequence",
        Resume = "Resume the sequence",
        ProblemsOnStep = "To fix before publishing:",
        Done = d => d switch
        {
            "created" => "The sequence is created. Add its steps.",
            "settings" => "The trigger is saved.",
            "added" => "The step is added at the end.",
            "saved" => "The step is saved.",
            "moved" => "The step is moved.",
            "removed" => "The step is removed.",
            "published" => "The draft is published as a new version.",
            "paused" => "The sequence is paused: no step runs and nobody enters.",
            "resumed" => "The sequence runs again.",
            _ => "",
        },
        StatsCaption = v => $"The published flow (version {v}): people at each step",
        Step = "Step",
        Waiting = "Waiting there",
        Sent = "Sent",
        Queued = "On their way",
        Blocked = "Blocked (left the sequence), by reason",
        Skipped = "Skipped (no consent yet)",
        Failed = "Failed",
        GoalReached = "Reached the goal",
        EnrolledInAll = n => $"{n} enrolled in all.",
        VersionsLink = "Versions and what changed",
        VersionsTitle = key => $"Versions of {key}",
        VersionsCaption = "Published versions, newest first",
        PublishedAt = "Published (UTC)",
        PublishedBy = "By",
        Fingerprint = "SHA-256",
        NoVersions = "Not published yet.",
        CompareLegend = "Compare two versions",
        From = "From version",
        To = "To version",
        Compare = "Show the changes",
        DiffHeading = (a, b) => $"From version {a} to version {b}",
        NoDifference = "The two versions are the same.",
        SequenceSettings = "Trigger and name",
        ChangeKind = k => k switch { "added" => "Added", "removed" => "Removed", _ => "Changed" },
        Position = (a, b) => (a, b) switch
        {
            (null, { } to) => $"at position {to}",
            ({ } from, null) => $"was at position {from}",
            ({ } from, { } to) when from != to => $"moved from position {from} to {to}",
            _ => "",
        },
        Field = "Field",
        Before = "Before",
        After = "After",
        Nothing = "(none)",
        BadVersion = "Choose two published versions",
        Stale = "The steps changed since this page was shown: look at them again, then retry",
        GeneralProblems = "The sequence as a whole:",
        Moved = "Moved to position",
    };

    public static SequenceTexts French { get; } = new()
    {
        Title = "Séquences",
        Intro = "Séquences de nurturing : qui y entre, et les étapes qu'on y suit. Modifiez un brouillon, puis publiez-le comme nouvelle version.",
        ListCaption = "Séquences",
        Key = "Clé",
        KeyHint = "2 à 64 lettres minuscules, chiffres, « - » ou « _ », commençant par une lettre ; elle ne change plus",
        Name = "Nom",
        Status = "État",
        Version = "Version publiée",
        Enrolled = "Personnes inscrites",
        NoSequences = "Aucune séquence pour l'instant.",
        NotPublished = "non publiée",
        CreateHeading = "Nouvelle séquence",
        Create = "Créer la séquence",
        StatusName = s => s switch { "draft" => "Brouillon", "active" => "En cours", "paused" => "En pause", _ => s },
        EnrolmentStatusName = s => s switch { "active" => "en cours", "completed" => "terminées", "exited" => "sorties", "failed" => "en échec", _ => s },
        BuilderTitle = name => $"Séquence : {name}",
        BackToList = "Toutes les séquences",
        LatestVersion = v => v == 0 ? "Jamais publiée" : $"Version publiée : {v}",
        DraftDiffers = "Le brouillon a des modifications qui ne sont pas encore publiées.",
        ReadOnly = "Vous pouvez consulter cette séquence ; seuls les marketeurs et les administrateurs la modifient.",
        SettingsHeading = "Qui entre",
        TriggerLegend = "Déclencheur",
        TriggerType = "On entre quand",
        TriggerName = t => t switch
        {
            TriggerTypes.ConsentConfirmed => "on confirme son consentement à une finalité",
            TriggerTypes.FormSubmitted => "on envoie un formulaire",
            TriggerTypes.Api => "l'API ou un marketeur nous inscrit",
            _ => t,
        },
        TriggerPurpose = "Finalité (pour un consentement confirmé)",
        TriggerForm = "Formulaire (pour un formulaire envoyé)",
        TriggerFormHint = "L'identifiant du formulaire",
        SaveSettings = "Enregistrer le déclencheur",
        StepsHeading = "Étapes",
        StepsIntro = "Chacun commence à la première étape. Chaque carte dit où elle mène.",
        NoSteps = "Aucune étape pour l'instant : ajoutez la première ci-dessous.",
        StepTypeName = t => t switch
        {
            StepTypes.Email => "E-mail", StepTypes.Sms => "SMS", StepTypes.Wait => "Attente", StepTypes.Branch => "Embranchement",
            StepTypes.Goal => "Objectif", StepTypes.Exit => "Sortie", _ => t,
        },
        CardHeading = (n, type, id) => $"Étape {n} : {type} ({id})",
        Template = "Modèle",
        Purpose = "Finalité",
        Next = "Mène ensuite à",
        NoNext = "rien pour l'instant",
        Wait = "Attend",
        Condition = "Condition",
        Then = "Si elle est remplie",
        Else = "Sinon",
        ConditionText = c => c?.Type switch
        {
            ConditionTypes.Consent => $"le consentement de la personne à « {c.Purpose} » est {(c.Status is { Count: > 0 } s ? string.Join(" ou ", s) : "donné ou confirmé")}",
            ConditionTypes.Attribute => c.Value is null ? $"la personne a l'attribut « {c.Attribute} »" : $"l'attribut « {c.Attribute} » de la personne vaut « {c.Value} »",
            ConditionTypes.Clicked => $"la personne a cliqué sur un lien de l'e-mail de l'étape « {c.Step} »",
            ConditionTypes.Replied => c.Keyword is null ? $"la personne a répondu au SMS de l'étape « {c.Step} »" : $"la personne a répondu {c.Keyword} au SMS de l'étape « {c.Step} »",
            _ => "pas encore de condition",
        },
        Edit = "Modifier",
        EditStep = id => $"Modifier l'étape {id}",
        MoveUp = id => $"Monter {id}",
        MoveDown = id => $"Descendre {id}",
        Remove = id => $"Retirer {id}",
        Save = "Enregistrer l'étape",
        Cancel = "Annuler",
        StepId = "Identifiant de l'étape",
        StepIdHint = "Lettres minuscules, chiffres, « - » ou « _ » ; les autres étapes y renvoient",
        WaitKind = "Attendre",
        WaitFor = "une durée",
        WaitUntil = "jusqu'à une heure du jour dans le fuseau horaire de la personne",
        Duration = "Durée",
        DurationHint = "Par exemple 2d, 36h, 1d12h ou 90m",
        Time = "Heure du jour",
        TimeHint = "HH:mm, par exemple 09:00",
        Days = "Ces jours-là (aucun : n'importe quel jour)",
        DayName = d => d switch
        {
            "mon" => "lundi", "tue" => "mardi", "wed" => "mercredi", "thu" => "jeudi", "fri" => "vendredi", "sat" => "samedi", "sun" => "dimanche", _ => d,
        },
        ConditionType = "Condition",
        ConditionTypeName = t => t switch
        {
            ConditionTypes.Consent => "un état de consentement", ConditionTypes.Attribute => "un attribut", ConditionTypes.Clicked => "un clic dans un e-mail",
            ConditionTypes.Replied => "une réponse à un SMS", _ => t,
        },
        Attribute = "Attribut",
        Value = "Valeur (vide : n'importe laquelle)",
        EarlierStep = "Étape (l'e-mail ou le SMS)",
        Keyword = "Mot-clé (vide : toute réponse)",
        Choose = "Choisir…",
        AddLegend = "Ajouter une étape",
        StepType = "Type d'étape",
        Add = "Ajouter l'étape",
        PublishHeading = "Publier",
        Publish = "Publier le brouillon",
        Pause = "Mettre la séquence en pause",
        Resume = "Relancer la séquence",
        ProblemsOnStep = "À corriger avant de publier :",
        Done = d => d switch
        {
            "created" => "La séquence est créée. Ajoutez ses étapes.",
            "settings" => "Le déclencheur est enregistré.",
            "added" => "L'étape est ajoutée à la fin.",
            "saved" => "L'étape est enregistrée.",
            "moved" => "L'étape est déplacée.",
            "removed" => "L'étape est retirée.",
            "published" => "Le brouillon est publié comme nouvelle version.",
            "paused" => "La séquence est en pause : aucune étape ne s'exécute et personne n'y entre.",
            "resumed" => "La séquence reprend.",
            _ => "",
        },
        StatsCaption = v => $"Le parcours publié (version {v}) : les personnes à chaque étape",
        Step = "Étape",
        Waiting = "En attente ici",
        Sent = "Envoyés",
        Queued = "En route",
        Blocked = "Bloqués (sortis de la séquence), par motif",
        Skipped = "Sautés (pas encore de consentement)",
        Failed = "En échec",
        GoalReached = "Objectif atteint",
        EnrolledInAll = n => $"{n} inscriptions en tout.",
        VersionsLink = "Versions et changements",
        VersionsTitle = key => $"Versions de {key}",
        VersionsCaption = "Versions publiées, la plus récente d'abord",
        PublishedAt = "Publiée (UTC)",
        PublishedBy = "Par",
        Fingerprint = "SHA-256",
        NoVersions = "Pas encore publiée.",
        CompareLegend = "Comparer deux versions",
        From = "De la version",
        To = "À la version",
        Compare = "Voir les changements",
        DiffHeading = (a, b) => $"De la version {a} à la version {b}",
        NoDifference = "Les deux versions sont identiques.",
        SequenceSettings = "Déclencheur et nom",
        ChangeKind = k => k switch { "added" => "Ajoutée", "removed" => "Retirée", _ => "Modifiée" },
        Position = (a, b) => (a, b) switch
        {
            (null, { } to) => $"en position {to}",
            ({ } from, null) => $"était en position {from}",
            ({ } from, { } to) when from != to => $"déplacée de la position {from} à {to}",
            _ => "",
        },
        Field = "Champ",
        Before = "Avant",
        After = "Après",
        Nothing = "(aucun)",
        BadVersion = "Choisissez deux versions publiées",
        Stale = "Les étapes ont changé depuis l'affichage de cette page : regardez-les à nouveau, puis réessayez",
        GeneralProblems = "La séquence dans son ensemble :",
        Moved = "Déplacée en position",
    };
}
