using System.Text.RegularExpressions;
using Marketing.Capture;
using Marketing.Common;
using Marketing.Consent;

namespace Marketing.Segments;

/// <summary>What makes a segment valid, field by field (JSON paths under <c>definition.</c>), before anything is read or stored.</summary>
public static partial class SegmentRules
{
    public const int MaxNameLength = 200;
    public const int MaxDefinitionLength = 20_000;
    public const int MaxConditions = 20;
    public const int MaxValueLength = 200;
    public const int MaxWithinDays = 3650;

    /// <summary>The channels a segment can address: suppression is per channel, so an audience is too.</summary>
    public static IReadOnlyList<string> Channels { get; } = [ChannelKeys.Email, ChannelKeys.Sms];

    [GeneratedRegex("^[a-z][a-z0-9_-]{1,63}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex AttributeKeyPattern();

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public static RuleErrors Validate(string key, string? name, SegmentDefinition? definition)
    {
        var errors = new RuleErrors();
        if (!IsValidKey(key))
        {
            errors.Set("key", "segment.key");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            errors.Set("name", "segment.name", ("max", MaxNameLength));
        }
        else if (FreeText.Check(name) is { } problem)
        {
            errors.Set("name", problem);
        }

        errors.Merge(definition is null ? ValidateDefinition(null) : ValidateDefinition(definition).Prefixed("definition.", "definition"));
        return errors;
    }

    /// <summary>Every problem of a definition alone (the live count of an unsaved one reads it too), keyed by path within it.</summary>
    public static RuleErrors ValidateDefinition(SegmentDefinition? definition)
    {
        var errors = new RuleErrors();
        if (definition is null)
        {
            errors.Set("definition", "segment.definition");
            return errors;
        }

        if (definition.Channel is null || !Channels.Contains(definition.Channel))
        {
            errors.Set("channel", "segment.channel", ("channels", string.Join(", ", Channels)));
        }

        if (definition.Conditions is not { Count: > 0 } || definition.Conditions.Count > MaxConditions)
        {
            errors.Set("conditions", "segment.conditions", ("max", MaxConditions));
            return errors;
        }

        for (var i = 0; i < definition.Conditions.Count; i++)
        {
            ValidateCondition(definition.Conditions[i], $"conditions[{i}].", errors);
        }

        return errors;
    }

    private static void ValidateCondition(SegmentCondition? condition, string at, RuleErrors errors)
    {
        if (condition?.Type is not { } type || !SegmentConditionTypes.All.Contains(type))
        {
            errors.Set(at + "type", "segment.type", ("types", string.Join(", ", SegmentConditionTypes.All)));
            return;
        }

        switch (type)
        {
            case SegmentConditionTypes.Attribute:
                if (condition.Key is null || !AttributeKeyPattern().IsMatch(condition.Key))
                {
                    errors.Set(at + "key", "segment.attribute_key");
                }

                if (condition.Operator is null || !AttributeOperators.All.Contains(condition.Operator))
                {
                    errors.Set(at + "operator", "segment.operator", ("operators", string.Join(", ", AttributeOperators.All)));
                }

                RequireValue(condition.Value, at, errors);
                break;
            case SegmentConditionTypes.Regime:
                if (condition.Value is null || !Regimes.All.Contains(condition.Value))
                {
                    errors.Set(at + "value", "segment.regime", ("regimes", string.Join(", ", Regimes.All)));
                }

                break;
            case SegmentConditionTypes.Consent:
                if (!PurposeRules.IsValidKey(condition.Purpose))
                {
                    errors.Set(at + "purpose", "segment.purpose");
                }

                if (condition.Channel is null || !ChannelKeys.All.Contains(condition.Channel))
                {
                    errors.Set(at + "channel", "segment.consent_channel", ("channels", string.Join(", ", ChannelKeys.All)));
                }

                if (condition.Status is null || !ConsentStatuses.All.Contains(condition.Status))
                {
                    errors.Set(at + "status", "segment.status", ("statuses", string.Join(", ", ConsentStatuses.All)));
                }

                break;
            case SegmentConditionTypes.Activity:
                if (condition.Activity is null || !SegmentActivities.All.Contains(condition.Activity))
                {
                    errors.Set(at + "activity", "segment.activity", ("activities", string.Join(", ", SegmentActivities.All)));
                }

                if (condition.WithinDays is not (>= 1 and <= MaxWithinDays))
                {
                    errors.Set(at + "withinDays", "segment.within_days", ("max", MaxWithinDays));
                }

                break;
            case SegmentConditionTypes.Source:
                RequireValue(condition.Value, at, errors);
                break;
            case SegmentConditionTypes.ImportBatch:
                if (condition.BatchId is not { } batch || batch == Guid.Empty)
                {
                    errors.Set(at + "batchId", "segment.batch");
                }

                break;
        }
    }

    private static void RequireValue(string? value, string at, RuleErrors errors)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxValueLength)
        {
            errors.Set(at + "value", "segment.value", ("max", MaxValueLength));
        }
        else if (FreeText.Check(value) is { } problem)
        {
            errors.Set(at + "value", problem);
        }
    }
}
