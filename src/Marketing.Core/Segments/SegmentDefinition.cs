using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketing.Segments;

/// <summary>
/// What a segment selects: people reachable on <see cref="Channel"/> who meet every condition (AND). A condition is one
/// of the <see cref="SegmentConditionTypes"/>; only the fields of its type are read.
/// </summary>
public sealed record SegmentDefinition(string? Channel, List<SegmentCondition?>? Conditions)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowDuplicateProperties = false,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SegmentDefinition? FromJson(string json) => JsonSerializer.Deserialize<SegmentDefinition>(json, Json);
}

/// <summary>
/// One condition: <c>attribute</c> (<see cref="Key"/>, <see cref="Operator"/> <c>equals</c>|<c>contains</c>, <see cref="Value"/>),
/// <c>regime</c> (<see cref="Value"/>), <c>consent</c> (<see cref="Purpose"/>, <see cref="Channel"/>, <see cref="Status"/>),
/// <c>activity</c> (<see cref="Activity"/>, <see cref="WithinDays"/>), <c>source</c> (<see cref="Value"/>, a prefix), or
/// <c>import_batch</c> (<see cref="BatchId"/>).
/// </summary>
public sealed record SegmentCondition(
    string? Type,
    string? Key = null,
    string? Operator = null,
    string? Value = null,
    string? Purpose = null,
    string? Channel = null,
    string? Status = null,
    string? Activity = null,
    int? WithinDays = null,
    Guid? BatchId = null);

public static class SegmentConditionTypes
{
    public const string Attribute = "attribute";
    public const string Regime = "regime";
    public const string Consent = "consent";
    public const string Activity = "activity";
    public const string Source = "source";
    public const string ImportBatch = "import_batch";

    public static IReadOnlyList<string> All { get; } = [Attribute, Regime, Consent, Activity, Source, ImportBatch];
}

public static class SegmentActivities
{
    public const string Submitted = "submitted";
    public const string Clicked = "clicked";
    public const string Ordered = "ordered";
    public const string Replied = "replied";

    public static IReadOnlyList<string> All { get; } = [Submitted, Clicked, Ordered, Replied];
}

public static class AttributeOperators
{
    public const string EqualTo = "equals";
    public const string Containing = "contains";

    public static IReadOnlyList<string> All { get; } = [EqualTo, Containing];
}
