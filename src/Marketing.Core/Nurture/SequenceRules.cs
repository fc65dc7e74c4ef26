using Marketing.Common;
using System.Text.RegularExpressions;
using Marketing.Consent;
using Marketing.Sending;

namespace Marketing.Nurture;

/// <summary>What a definition may refer to, read by the caller: templates per channel, purposes and forms.</summary>
public sealed record SequenceReferences(
    Func<string, string, bool> TemplateExists,
    IReadOnlyDictionary<string, Purpose> Purposes,
    Func<string, bool> FormExists);

/// <summary>
/// Checks a definition before it is published: every problem is reported at once, keyed by the JSON path of
/// the field at fault, so a marketer can fix them all in one go.
/// </summary>
public static partial class SequenceRules
{
    public const int MaxSteps = 200;

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,39}$")]
    private static partial Regex StepId();

    [GeneratedRegex("^[a-z][a-z0-9_-]{1,63}$")]
    private static partial Regex SequenceKey();

    public static bool IsValidKey(string? key) => key is not null && SequenceKey().IsMatch(key);

    public static RuleErrors Validate(SequenceDefinition? definition, SequenceReferences references)
    {
        var errors = new RuleErrors();
        if (definition is null)
        {
            errors.Set("", "sequence.definition");
            return errors;
        }

        ValidateTrigger(definition.Trigger, references, errors);
        var steps = definition.Steps ?? [];
        if (steps.Count == 0)
        {
            errors.Append("steps", "sequence.steps.none");
        }
        else if (steps.Count > MaxSteps)
        {
            errors.Append("steps", "sequence.steps.tooMany", ("max", MaxSteps));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var path = $"steps[{i}]";
            if (step.Id is null || !StepId().IsMatch(step.Id))
            {
                errors.Append($"{path}.id", "sequence.step.id");
            }
            else if (!ids.Add(step.Id))
            {
                errors.Append($"{path}.id", "sequence.step.idTwice", ("step", step.Id));
            }

            ValidateStep(step, path, steps, references, errors);
        }

        if (errors.Count == 0)
        {
            ValidateWaysOut(steps, errors);
        }

        return errors;
    }

    private static void ValidateTrigger(SequenceTrigger? trigger, SequenceReferences references, RuleErrors errors)
    {
        if (trigger?.Type is not { } type || !TriggerTypes.All.Contains(type))
        {
            errors.Append("trigger.type", "sequence.trigger.type", ("types", TriggerTypes.All));
            return;
        }

        if (type == TriggerTypes.ConsentConfirmed && (trigger.Purpose is null || !references.Purposes.ContainsKey(trigger.Purpose)))
        {
            if (trigger.Purpose is null)
            {
                errors.Append("trigger.purpose", "sequence.trigger.noPurpose");
            }
            else
            {
                errors.Append("trigger.purpose", "sequence.unknownPurpose", ("purpose", trigger.Purpose));
            }
        }

        if (type == TriggerTypes.FormSubmitted && (trigger.Form is null || !references.FormExists(trigger.Form)))
        {
            if (trigger.Form is null)
            {
                errors.Append("trigger.form", "sequence.trigger.noForm");
            }
            else
            {
                errors.Append("trigger.form", "sequence.trigger.unknownForm", ("form", trigger.Form));
            }
        }
    }

    private static void ValidateStep(SequenceStep step, string path, List<SequenceStep> steps, SequenceReferences references, RuleErrors errors)
    {
        if (step.Type is not { } type || !StepTypes.All.Contains(type))
        {
            errors.Append($"{path}.type", "sequence.step.type", ("types", StepTypes.All));
            return;
        }

        void Target(string field, string? target)
        {
            if (target is null)
            {
                errors.Append($"{path}.{field}", "sequence.step.noTarget", ("type", type), ("field", field));
            }
            else if (!steps.Any(s => s.Id == target))
            {
                errors.Append($"{path}.{field}", "sequence.step.unknownTarget", ("step", target));
            }
        }

        switch (type)
        {
            case StepTypes.Email or StepTypes.Sms:
                if (string.IsNullOrWhiteSpace(step.Template))
                {
                    errors.Append($"{path}.template", "sequence.step.noTemplate", ("type", type));
                }
                else if (!references.TemplateExists(step.Template, type))
                {
                    errors.Append($"{path}.template", "sequence.step.unknownTemplate", ("type", type), ("template", step.Template));
                }

                if (string.IsNullOrWhiteSpace(step.Purpose))
                {
                    errors.Append($"{path}.purpose", "sequence.step.noPurpose", ("type", type));
                }
                else if (!references.Purposes.TryGetValue(step.Purpose, out var purpose))
                {
                    errors.Append($"{path}.purpose", "sequence.unknownPurpose", ("purpose", step.Purpose));
                }
                else if (!purpose.Channels.Contains(type))
                {
                    errors.Append($"{path}.purpose", "sequence.step.purposeChannel", ("purpose", step.Purpose), ("channel", type));
                }

                if (step.AnalogousTo is not null && !SendAttestations.IsCategory(step.AnalogousTo))
                {
                    errors.Append($"{path}.analogousTo", "sequence.step.analogousTo");
                }

                Target("next", step.Next);
                break;
            case StepTypes.Wait:
                if ((step.Duration is null) == (step.Until is null))
                {
                    errors.Append($"{path}", "sequence.wait.oneOf");
                }
                else if (step.Duration is not null)
                {
                    if (WaitTimes.ParseDuration(step.Duration) is not { } duration)
                    {
                        errors.Append($"{path}.duration", "sequence.wait.durationFormat");
                    }
                    else if (duration <= TimeSpan.Zero || duration > WaitTimes.Longest)
                    {
                        errors.Append($"{path}.duration", "sequence.wait.durationRange");
                    }
                }
                else if (step.Until is { } until)
                {
                    if (WallClock.ParseTime(until.Time) is null)
                    {
                        errors.Append($"{path}.until.time", "sequence.wait.time");
                    }

                    foreach (var day in until.Days ?? [])
                    {
                        if (WallClock.ParseDay(day) is null)
                        {
                            errors.Append($"{path}.until.days", "sequence.wait.day", ("day", day));
                        }
                    }
                }

                Target("next", step.Next);
                break;
            case StepTypes.Branch:
                ValidateCondition(step.Condition, path, steps, references, errors);
                Target("then", step.Then);
                Target("else", step.Else);
                break;
            case StepTypes.Goal:
                ValidateCondition(step.Condition, path, steps, references, errors);
                Target("next", step.Next);
                break;
        }
    }

    private static void ValidateCondition(StepCondition? condition, string path, List<SequenceStep> steps, SequenceReferences references, RuleErrors errors)
    {
        path += ".condition";
        if (condition?.Type is not { } type || !ConditionTypes.All.Contains(type))
        {
            errors.Append($"{path}.type", "sequence.condition.type", ("types", ConditionTypes.All));
            return;
        }

        switch (type)
        {
            case ConditionTypes.Consent:
                if (condition.Purpose is null || !references.Purposes.ContainsKey(condition.Purpose))
                {
                    if (condition.Purpose is null)
                    {
                        errors.Append($"{path}.purpose", "sequence.condition.noPurpose");
                    }
                    else
                    {
                        errors.Append($"{path}.purpose", "sequence.unknownPurpose", ("purpose", condition.Purpose));
                    }
                }

                if (condition.Channel is not null && !ChannelKeys.All.Contains(condition.Channel))
                {
                    errors.Append($"{path}.channel", "sequence.condition.channel", ("channel", condition.Channel));
                }

                foreach (var status in condition.Status ?? [])
                {
                    if (!ConsentStatuses.All.Contains(status))
                    {
                        errors.Append($"{path}.status", "sequence.condition.status", ("status", status), ("statuses", ConsentStatuses.All));
                    }
                }

                break;
            case ConditionTypes.Attribute:
                if (string.IsNullOrWhiteSpace(condition.Attribute))
                {
                    errors.Append($"{path}.attribute", "sequence.condition.attribute");
                }

                break;
            case ConditionTypes.Clicked or ConditionTypes.Replied:
                var wanted = type == ConditionTypes.Clicked ? StepTypes.Email : StepTypes.Sms;
                if (steps.FirstOrDefault(s => s.Id == condition.Step) is not { } earlier || earlier.Type != wanted)
                {
                    errors.Append($"{path}.step", "sequence.condition.step", ("type", type), ("wanted", wanted));
                }

                break;
        }
    }

    /// <summary>
    /// Every step must lead to an exit, and every loop must wait somewhere: otherwise an enrolment could never
    /// end, or would spin through its steps without pause.
    /// </summary>
    private static void ValidateWaysOut(List<SequenceStep> steps, RuleErrors errors)
    {
        var byId = steps.ToDictionary(s => s.Id!);
        var reachesExit = new HashSet<string>(steps.Where(s => s.Type == StepTypes.Exit).Select(s => s.Id!));
        bool grew;
        do
        {
            grew = false;
            foreach (var step in steps.Where(s => !reachesExit.Contains(s.Id!)))
            {
                if (Successors(step).Any(reachesExit.Contains))
                {
                    reachesExit.Add(step.Id!);
                    grew = true;
                }
            }
        }
        while (grew);

        for (var i = 0; i < steps.Count; i++)
        {
            if (!reachesExit.Contains(steps[i].Id!))
            {
                errors.Append($"steps[{i}]", "sequence.noWayOut", ("step", steps[i].Id));
            }
        }

        // A loop through steps that never wait: depth-first search over the non-wait steps only.
        var state = new Dictionary<string, int>();
        foreach (var start in steps.Where(s => s.Type != StepTypes.Wait))
        {
            if (FindLoop(start.Id!, byId, state, []) is { } loop)
            {
                errors.Append("steps", "sequence.loop", ("loop", string.Join(" → ", loop)));
                return;
            }
        }
    }

    private static List<string>? FindLoop(string id, Dictionary<string, SequenceStep> byId, Dictionary<string, int> state, List<string> path)
    {
        if (state.GetValueOrDefault(id) == 2)
        {
            return null;
        }

        if (state.GetValueOrDefault(id) == 1)
        {
            return [.. path[path.IndexOf(id)..], id];
        }

        state[id] = 1;
        path.Add(id);
        foreach (var next in Successors(byId[id]).Where(n => byId[n].Type != StepTypes.Wait))
        {
            if (FindLoop(next, byId, state, path) is { } loop)
            {
                return loop;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[id] = 2;
        return null;
    }

    public static IEnumerable<string> Successors(SequenceStep step) =>
        new[] { step.Next, step.Then, step.Else }.Where(s => s is not null).Select(s => s!);
}
