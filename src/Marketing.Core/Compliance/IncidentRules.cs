namespace Marketing.Compliance;

/// <summary>An incident as the API, the web page or the CLI gives it; every field is checked by <see cref="IncidentRules"/>.</summary>
public sealed record IncidentInput(
    string? Title,
    string? Description,
    DateTimeOffset? AwareAt,
    string? ScopeKind,
    string? ScopeKey,
    DateTimeOffset? ScopeFrom,
    DateTimeOffset? ScopeTo,
    List<string>? DataCategories,
    List<string>? SubjectCategories,
    string? LikelyConsequences,
    string? MeasuresTaken,
    bool? HighRisk,
    DateTimeOffset? NotifiedAt,
    string? AuthorityReference,
    string? LateReason,
    string? NotRequiredReason,
    DateTimeOffset? SubjectsInformedAt)
{
    public static IncidentInput Empty { get; } = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
}

/// <summary>Where an incident stands against the 72 hours of art. 33(1).</summary>
public enum NotificationState
{
    /// <summary>No decision yet, and the 72 hours are still running.</summary>
    Running,
    /// <summary>No decision yet, and the 72 hours are over.</summary>
    Overdue,
    /// <summary>The authority was notified within 72 hours of awareness.</summary>
    Notified,
    /// <summary>The authority was notified after the 72 hours (with the reasons for the delay).</summary>
    NotifiedLate,
    /// <summary>No notification is owed, for the reason recorded.</summary>
    NotRequired,
}

/// <summary>The rules of an incident record (R50): what must be given, and the 72-hour countdown to notifying the authority.</summary>
public static class IncidentRules
{
    public static readonly TimeSpan NotificationDelay = TimeSpan.FromHours(72);
    public const int MaxCategories = 30;
    public const int MaxCategoryLength = 100;

    /// <summary>R50, art. 33(1): the authority is notified within 72 hours of the controller becoming aware.</summary>
    public static DateTimeOffset DeadlineAt(DateTimeOffset awareAt) => awareAt + NotificationDelay;

    public static NotificationState State(DateTimeOffset awareAt, DateTimeOffset? notifiedAt, string? notRequiredReason, DateTimeOffset now) =>
        !string.IsNullOrWhiteSpace(notRequiredReason) ? NotificationState.NotRequired
        : notifiedAt is { } notified ? (notified > DeadlineAt(awareAt) ? NotificationState.NotifiedLate : NotificationState.Notified)
        : now > DeadlineAt(awareAt) ? NotificationState.Overdue
        : NotificationState.Running;

    public static NotificationState State(Incident incident, DateTimeOffset now) =>
        State(incident.AwareAt, incident.NotifiedAt, incident.NotRequiredReason, now);

    /// <summary>The time left to notify (negative once overdue); null once the notification is decided.</summary>
    public static TimeSpan? Remaining(Incident incident, DateTimeOffset now) =>
        State(incident, now) is NotificationState.Running or NotificationState.Overdue ? DeadlineAt(incident.AwareAt) - now : null;

    public static string Code(NotificationState state) => state switch
    {
        NotificationState.Running => "running",
        NotificationState.Overdue => "overdue",
        NotificationState.Notified => "notified",
        NotificationState.NotifiedLate => "notified_late",
        _ => "not_required",
    };

    /// <summary>Every problem of an incident, keyed by the field at fault (the API's JSON names); nothing is stored while any remains.</summary>
    public static Dictionary<string, string[]> Validate(IncidentInput input, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors.TryAdd(field, [message]);

        Text(input.Title, "title", Incident.MaxTitleLength, required: true, errors);
        Text(input.Description, "description", Incident.MaxTextLength, required: true, errors);
        if (input.AwareAt is not { } aware)
        {
            Add("awareAt", "give when the breach became known (the 72 hours start then)");
        }
        else if (aware > now)
        {
            Add("awareAt", "must not be in the future");
        }

        if (ScopeProblem(input.ScopeKind, input.ScopeKey, input.ScopeFrom, input.ScopeTo) is { } scope)
        {
            Add(scope.Field, scope.Message);
        }

        Categories("dataCategories", input.DataCategories, errors);
        Categories("subjectCategories", input.SubjectCategories, errors);
        Text(input.LikelyConsequences, "likelyConsequences", Incident.MaxTextLength, required: false, errors);
        Text(input.MeasuresTaken, "measuresTaken", Incident.MaxTextLength, required: false, errors);
        Text(input.AuthorityReference, "authorityReference", 200, required: false, errors);
        Text(input.LateReason, "lateReason", Incident.MaxReasonLength, required: false, errors);
        Text(input.NotRequiredReason, "notRequiredReason", Incident.MaxReasonLength, required: false, errors);

        if (input.NotifiedAt is { } notified)
        {
            if (!string.IsNullOrWhiteSpace(input.NotRequiredReason))
            {
                Add("notRequiredReason", "an incident notified to the authority cannot also be recorded as not requiring notification");
            }

            if (notified > now)
            {
                Add("notifiedAt", "must not be in the future");
            }
            else if (input.AwareAt is { } known && notified < known)
            {
                Add("notifiedAt", "must not be before awareAt");
            }
            // R50: a notification after 72 hours gives the reasons for the delay.
            else if (input.AwareAt is { } start && notified > DeadlineAt(start) && string.IsNullOrWhiteSpace(input.LateReason))
            {
                Add("lateReason", "a notification later than 72 hours after awareAt must give the reasons for the delay (art. 33(1))");
            }
        }

        if (input.SubjectsInformedAt is { } informed && (informed > now || (input.AwareAt is { } a && informed < a)))
        {
            Add("subjectsInformedAt", "must be between awareAt and now");
        }

        return errors;
    }

    /// <summary>The first problem of a scope, as (field, message), or null; a scope may be left out entirely.</summary>
    public static (string Field, string Message)? ScopeProblem(string? kind, string? key, DateTimeOffset? from, DateTimeOffset? to) => kind switch
    {
        null when key is not null || from is not null || to is not null => ("scopeKind", $"must be one of: {string.Join(", ", IncidentScopes.All)}, when a scope is given"),
        null => null,
        _ when !IncidentScopes.All.Contains(kind) => ("scopeKind", $"must be one of: {string.Join(", ", IncidentScopes.All)}"),
        IncidentScopes.Form when string.IsNullOrWhiteSpace(key) || key.Length > 64 => ("scopeKey", "give the id of the affected form"),
        IncidentScopes.Channel when key is null || !IncidentScopes.Channels.Contains(key) => ("scopeKey", $"must be one of: {string.Join(", ", IncidentScopes.Channels)}"),
        IncidentScopes.Window when key is not null => ("scopeKey", "a time window names no form or channel: leave it out"),
        IncidentScopes.Window when from is null => ("scopeFrom", "a time window needs its start"),
        IncidentScopes.Window when to is null => ("scopeTo", "a time window needs its end"),
        _ when from is { } f && to is { } t && t <= f => ("scopeTo", "must be after scopeFrom"),
        _ => null,
    };

    private static void Text(string? value, string field, int max, bool required, Dictionary<string, string[]> errors)
    {
        if (value is null ? required : string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors.TryAdd(field, [$"{(required ? "is required, " : "")}1 to {max} characters"]);
        }
    }

    private static void Categories(string field, List<string>? items, Dictionary<string, string[]> errors)
    {
        if (items is null)
        {
            return;
        }

        if (items.Count > MaxCategories)
        {
            errors.TryAdd(field, [$"at most {MaxCategories}"]);
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i]) || items[i].Length > MaxCategoryLength)
            {
                errors.TryAdd($"{field}[{i}]", [$"must be 1 to {MaxCategoryLength} characters"]);
            }
        }
    }
}
