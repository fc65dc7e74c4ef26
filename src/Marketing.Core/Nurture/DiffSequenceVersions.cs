using System.Text.Json;

namespace Marketing.Nurture;

/// <summary>
/// What changed from one version of a sequence to another, step by step (matched by id): steps added, removed, moved,
/// and each changed field with its value before and after. The trigger and the name are compared too.
/// </summary>
public static class DiffSequenceVersions
{
    public static class Kinds
    {
        public const string Added = "added";
        public const string Removed = "removed";
        public const string Changed = "changed";
    }

    /// <summary>One field's value before and after, as JSON text (null when absent).</summary>
    public sealed record FieldChange(string Field, string? Before, string? After);

    /// <summary>A step (or, with a null step id, the sequence's trigger and name) that differs; its position in each version (1-based).</summary>
    public sealed record StepChange(string Kind, string? StepId, string? Type, int? Before, int? After, IReadOnlyList<FieldChange> Fields);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static IReadOnlyList<StepChange> Diff(SequenceDefinition from, SequenceDefinition to)
    {
        var changes = new List<StepChange>();
        var head = new List<FieldChange>();
        Compare(head, "name", from.Name, to.Name);
        Compare(head, "trigger", from.Trigger, to.Trigger);
        Compare(head, "reenrol", from.Reenrol, to.Reenrol);
        if (head.Count > 0)
        {
            changes.Add(new StepChange(Kinds.Changed, null, null, null, null, head));
        }

        var before = (from.Steps ?? []).Select((s, i) => (Step: s, Position: i + 1)).Where(s => s.Step.Id is not null)
            .GroupBy(s => s.Step.Id!).ToDictionary(g => g.Key, g => g.First());
        var afterIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (step, index) in (to.Steps ?? []).Select((s, i) => (s, i)))
        {
            if (step.Id is null || !afterIds.Add(step.Id))
            {
                continue;
            }

            if (!before.TryGetValue(step.Id, out var old))
            {
                changes.Add(new StepChange(Kinds.Added, step.Id, step.Type, null, index + 1, Fields(null, step)));
                continue;
            }

            var fields = Fields(old.Step, step);
            if (fields.Count > 0 || old.Position != index + 1)
            {
                changes.Add(new StepChange(Kinds.Changed, step.Id, step.Type, old.Position, index + 1, fields));
            }
        }

        foreach (var (id, old) in before.Where(b => !afterIds.Contains(b.Key)).OrderBy(b => b.Value.Position))
        {
            changes.Add(new StepChange(Kinds.Removed, id, old.Step.Type, old.Position, null, []));
        }

        return changes;
    }

    private static List<FieldChange> Fields(SequenceStep? before, SequenceStep after)
    {
        var fields = new List<FieldChange>();
        Compare(fields, "type", before?.Type, after.Type);
        Compare(fields, "template", before?.Template, after.Template);
        Compare(fields, "purpose", before?.Purpose, after.Purpose);
        Compare(fields, "duration", before?.Duration, after.Duration);
        Compare(fields, "until", before?.Until, after.Until);
        Compare(fields, "condition", before?.Condition, after.Condition);
        Compare(fields, "next", before?.Next, after.Next);
        Compare(fields, "then", before?.Then, after.Then);
        Compare(fields, "else", before?.Else, after.Else);
        Compare(fields, "relevantToRole", before?.RelevantToRole, after.RelevantToRole);
        Compare(fields, "analogousTo", before?.AnalogousTo, after.AnalogousTo);
        return fields;
    }

    private static void Compare<T>(List<FieldChange> fields, string name, T? before, T? after)
    {
        var a = Text(before);
        var b = Text(after);
        if (a != b)
        {
            fields.Add(new FieldChange(name, a, b));
        }
    }

    private static string? Text<T>(T? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, Json),
    };
}
