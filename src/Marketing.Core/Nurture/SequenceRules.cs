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

    public static Dictionary<string, string[]> Validate(SequenceDefinition? definition, SequenceReferences references)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (definition is null)
        {
            return new Dictionary<string, string[]> { [""] = ["a sequence definition is required"] };
        }

        ValidateTrigger(definition.Trigger, references, Add);
        var steps = definition.Steps ?? [];
        if (steps.Count == 0)
        {
            Add("steps", "at least one step is required");
        }
        else if (steps.Count > MaxSteps)
        {
            Add("steps", $"at most {MaxSteps} steps");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var path = $"steps[{i}]";
            if (step.Id is null || !StepId().IsMatch(step.Id))
            {
                Add($"{path}.id", "must be 1 to 40 lowercase letters, digits, '-' or '_', starting with a letter");
            }
            else if (!ids.Add(step.Id))
            {
                Add($"{path}.id", $"step id '{step.Id}' is used twice");
            }

            ValidateStep(step, path, steps, references, Add);
        }

        if (errors.Count == 0)
        {
            ValidateWaysOut(steps, Add);
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void ValidateTrigger(SequenceTrigger? trigger, SequenceReferences references, Action<string, string> add)
    {
        if (trigger?.Type is not { } type || !TriggerTypes.All.Contains(type))
        {
            add("trigger.type", $"must be one of: {string.Join(", ", TriggerTypes.All)}");
            return;
        }

        if (type == TriggerTypes.ConsentConfirmed && (trigger.Purpose is null || !references.Purposes.ContainsKey(trigger.Purpose)))
        {
            add("trigger.purpose", trigger.Purpose is null ? "a consent_confirmed trigger names its purpose" : $"unknown purpose '{trigger.Purpose}'");
        }

        if (type == TriggerTypes.FormSubmitted && (trigger.Form is null || !references.FormExists(trigger.Form)))
        {
            add("trigger.form", trigger.Form is null ? "a form_submitted trigger names its form" : $"unknown form '{trigger.Form}'");
        }
    }

    private static void ValidateStep(SequenceStep step, string path, List<SequenceStep> steps, SequenceReferences references, Action<string, string> add)
    {
        if (step.Type is not { } type || !StepTypes.All.Contains(type))
        {
            add($"{path}.type", $"must be one of: {string.Join(", ", StepTypes.All)}");
            return;
        }

        void Target(string field, string? target)
        {
            if (target is null)
            {
                add($"{path}.{field}", $"a {type} step needs '{field}': the step that follows it (end with an exit step)");
            }
            else if (!steps.Any(s => s.Id == target))
            {
                add($"{path}.{field}", $"no step '{target}'");
            }
        }

        switch (type)
        {
            case StepTypes.Email or StepTypes.Sms:
                if (string.IsNullOrWhiteSpace(step.Template))
                {
                    add($"{path}.template", $"a {type} step names its template");
                }
                else if (!references.TemplateExists(step.Template, type))
                {
                    add($"{path}.template", $"unknown {type} template '{step.Template}'");
                }

                if (string.IsNullOrWhiteSpace(step.Purpose))
                {
                    add($"{path}.purpose", $"a {type} step must name the purpose it sends for: the gate checks consent per purpose and channel");
                }
                else if (!references.Purposes.TryGetValue(step.Purpose, out var purpose))
                {
                    add($"{path}.purpose", $"unknown purpose '{step.Purpose}'");
                }
                else if (!purpose.Channels.Contains(type))
                {
                    add($"{path}.purpose", $"purpose '{step.Purpose}' does not cover the {type} channel");
                }

                if (step.AnalogousTo is not null && !SendAttestations.IsCategory(step.AnalogousTo))
                {
                    add($"{path}.analogousTo", SendAttestations.CategoryRule);
                }

                Target("next", step.Next);
                break;
            case StepTypes.Wait:
                if ((step.Duration is null) == (step.Until is null))
                {
                    add($"{path}", "a wait step has either 'duration' or 'until'");
                }
                else if (step.Duration is not null)
                {
                    if (WaitTimes.ParseDuration(step.Duration) is not { } duration)
                    {
                        add($"{path}.duration", "must look like 2d, 36h, 1d12h, 90m or P2D");
                    }
                    else if (duration <= TimeSpan.Zero || duration > WaitTimes.Longest)
                    {
                        add($"{path}.duration", "must be more than zero and at most 366 days");
                    }
                }
                else if (step.Until is { } until)
                {
                    if (WallClock.ParseTime(until.Time) is null)
                    {
                        add($"{path}.until.time", "must be a local time of day, HH:mm");
                    }

                    foreach (var day in until.Days ?? [])
                    {
                        if (WallClock.ParseDay(day) is null)
                        {
                            add($"{path}.until.days", $"'{day}' is not one of mon, tue, wed, thu, fri, sat, sun");
                        }
                    }
                }

                Target("next", step.Next);
                break;
            case StepTypes.Branch:
                ValidateCondition(step.Condition, path, steps, references, add);
                Target("then", step.Then);
                Target("else", step.Else);
                break;
            case StepTypes.Goal:
                ValidateCondition(step.Condition, path, steps, references, add);
                Target("next", step.Next);
                break;
        }
    }

    private static void ValidateCondition(StepCondition? condition, string path, List<SequenceStep> steps, SequenceReferences references, Action<string, string> add)
    {
        path += ".condition";
        if (condition?.Type is not { } type || !ConditionTypes.All.Contains(type))
        {
            add($"{path}.type", $"must be one of: {string.Join(", ", ConditionTypes.All)}");
            return;
        }

        switch (type)
        {
            case ConditionTypes.Consent:
                if (condition.Purpose is null || !references.Purposes.ContainsKey(condition.Purpose))
                {
                    add($"{path}.purpose", condition.Purpose is null ? "a consent condition names its purpose" : $"unknown purpose '{condition.Purpose}'");
                }

                if (condition.Channel is not null && !ChannelKeys.All.Contains(condition.Channel))
                {
                    add($"{path}.channel", $"unknown channel '{condition.Channel}'");
                }

                foreach (var status in condition.Status ?? [])
                {
                    if (!ConsentStatuses.All.Contains(status))
                    {
                        add($"{path}.status", $"'{status}' is not one of: {string.Join(", ", ConsentStatuses.All)}");
                    }
                }

                break;
            case ConditionTypes.Attribute:
                if (string.IsNullOrWhiteSpace(condition.Attribute))
                {
                    add($"{path}.attribute", "an attribute condition names the attribute");
                }

                break;
            case ConditionTypes.Clicked or ConditionTypes.Replied:
                var wanted = type == ConditionTypes.Clicked ? StepTypes.Email : StepTypes.Sms;
                if (steps.FirstOrDefault(s => s.Id == condition.Step) is not { } earlier || earlier.Type != wanted)
                {
                    add($"{path}.step", $"a {type} condition names an {wanted} step of this sequence");
                }

                break;
        }
    }

    /// <summary>
    /// Every step must lead to an exit, and every loop must wait somewhere: otherwise an enrolment could never
    /// end, or would spin through its steps without pause.
    /// </summary>
    private static void ValidateWaysOut(List<SequenceStep> steps, Action<string, string> add)
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
                add($"steps[{i}]", $"step '{steps[i].Id}' has no way out: no path from it reaches an exit step");
            }
        }

        // A loop through steps that never wait: depth-first search over the non-wait steps only.
        var state = new Dictionary<string, int>();
        foreach (var start in steps.Where(s => s.Type != StepTypes.Wait))
        {
            if (FindLoop(start.Id!, byId, state, []) is { } loop)
            {
                add("steps", $"steps {string.Join(" → ", loop)} loop without a wait step");
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
