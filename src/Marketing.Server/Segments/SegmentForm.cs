using System.Globalization;
using System.Text.RegularExpressions;
using Marketing.Segments;

namespace Marketing.Server.Segments;

/// <summary>
/// The segment editor's form as posted (<c>Name</c>, <c>Channel</c>, <c>Rule[i].Type</c>, <c>Rule[i].Value</c>…), read
/// the same way by the page and by its live count, and turned into the <see cref="SegmentDefinition"/> the Core rules
/// judge. A number or id that does not parse is passed on as one the rules refuse, so their message lands on its field.
/// </summary>
public sealed partial class SegmentForm
{
    /// <summary>More rules than the Core rules allow are still read, so that the rules, not the form, refuse them.</summary>
    private const int MostRead = SegmentRules.MaxConditions + 5;

    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Channel { get; set; }
    public List<Rule> Rules { get; set; } = [];

    public sealed class Rule
    {
        public string Type { get; set; } = SegmentConditionTypes.Consent;
        public string? Key { get; set; }
        public string? Operator { get; set; }
        public string? Value { get; set; }
        public string? Purpose { get; set; }
        public string? Channel { get; set; }
        public string? Status { get; set; }
        public string? Activity { get; set; }
        public string? WithinDays { get; set; }
        public string? BatchId { get; set; }
    }

    public static SegmentForm Read(IFormCollection form)
    {
        var read = new SegmentForm { Key = Text(form["Key"]), Name = form["Name"], Channel = Text(form["Channel"]) };
        for (var i = 0; i < MostRead && form.ContainsKey($"Rule[{i}].Type"); i++)
        {
            string? Field(string name) => Text(form[$"Rule[{i}].{name}"]);
            read.Rules.Add(new Rule
            {
                Type = Field("Type") ?? "", Key = Field("Key"), Operator = Field("Operator"), Value = form[$"Rule[{i}].Value"], Purpose = Field("Purpose"),
                Channel = Field("Channel"), Status = Field("Status"), Activity = Field("Activity"), WithinDays = Field("WithinDays"), BatchId = Field("BatchId"),
            });
        }

        return read;
    }

    public static SegmentForm Of(Segment segment)
    {
        var definition = SegmentDefinition.FromJson(segment.Definition);
        return new SegmentForm
        {
            Key = segment.Key, Name = segment.Name, Channel = definition?.Channel,
            Rules = [.. (definition?.Conditions ?? []).OfType<SegmentCondition>().Select(c => new Rule
            {
                Type = c.Type ?? "", Key = c.Key, Operator = c.Operator, Value = c.Value, Purpose = c.Purpose, Channel = c.Channel, Status = c.Status,
                Activity = c.Activity, WithinDays = c.WithinDays?.ToString(CultureInfo.InvariantCulture), BatchId = c.BatchId?.ToString(),
            })],
        };
    }

    /// <summary>Only the fields of each rule's type are kept, as the rules read them.</summary>
    public SegmentDefinition Definition() => new(Channel, [.. Rules.Select(r => (SegmentCondition?)(r.Type switch
    {
        SegmentConditionTypes.Attribute => new SegmentCondition(r.Type, Key: r.Key, Operator: r.Operator, Value: r.Value),
        SegmentConditionTypes.Regime or SegmentConditionTypes.Source => new SegmentCondition(r.Type, Value: r.Value),
        SegmentConditionTypes.Consent => new SegmentCondition(r.Type, Purpose: r.Purpose, Channel: r.Channel, Status: r.Status),
        SegmentConditionTypes.Activity => new SegmentCondition(r.Type, Activity: r.Activity,
            WithinDays: int.TryParse(r.WithinDays, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : 0),
        SegmentConditionTypes.ImportBatch => new SegmentCondition(r.Type, BatchId: Guid.TryParse(r.BatchId, out var batch) ? batch : Guid.Empty),
        _ => new SegmentCondition(r.Type),
    }))]);

    /// <summary>A Core field (<c>definition.conditions[1].withinDays</c>, or without the prefix in a count) as the form's field id.</summary>
    public static string FieldId(string field)
    {
        var path = field.StartsWith("definition.", StringComparison.Ordinal) ? field["definition.".Length..] : field;
        if (RuleField().Match(path) is { Success: true } rule)
        {
            return $"rule-{rule.Groups[1].Value}-{rule.Groups[2].Value.ToLowerInvariant()}";
        }

        return path switch
        {
            "key" => "segment-key",
            "name" => "segment-name",
            "channel" => "segment-channel",
            _ => "segment-add-type",
        };
    }

    /// <summary>The label of the field a Core field names, for the message that follows it.</summary>
    public static string LabelOf(string field, SegmentsTexts t, IReadOnlyList<Rule> rules)
    {
        var id = FieldId(field);
        if (RuleId().Match(id) is { Success: true } rule)
        {
            var index = int.Parse(rule.Groups[1].Value, CultureInfo.InvariantCulture);
            var type = index < rules.Count ? rules[index].Type : "";
            var label = rule.Groups[2].Value switch
            {
                "key" => t.AttributeKey,
                "operator" => t.Operator,
                "value" => type == SegmentConditionTypes.Regime ? t.Regime : type == SegmentConditionTypes.Source ? t.SourceValue : t.Value,
                "purpose" => t.Purpose,
                "channel" => t.ConsentChannel,
                "status" => t.ConsentState,
                "activity" => t.Activity,
                "withindays" => t.WithinDays,
                "batchid" => t.Batch,
                _ => t.RuleLegend(index + 1, t.TypeName(type)),
            };
            return $"{t.RuleLegend(index + 1, t.TypeName(type))} – {label}";
        }

        return id switch
        {
            "segment-key" => t.Key,
            "segment-name" => t.Name,
            "segment-channel" => t.Channel,
            _ => t.RulesLegend,
        };
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^conditions\[(\d+)\]\.(\w+)$")]
    private static partial Regex RuleField();

    [GeneratedRegex(@"^rule-(\d+)-(\w+)$")]
    private static partial Regex RuleId();
}
