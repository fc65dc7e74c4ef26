using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <summary>
/// The builder's changes to a draft, one step at a time: add, replace, move, remove, or the trigger and name. Each is a
/// pure function of the draft (tested as tables); <see cref="HandleAsync"/> reads the stored draft, applies one and
/// saves it through <see cref="SaveSequenceDraft"/>, so the draft lives in the database and nowhere else.
/// </summary>
public static class EditSequenceDraft
{
    /// <summary>Appends a step of <paramref name="type"/> with a free id (<c>email-2</c>); the last step before it, if it had no next step, now leads to it.</summary>
    public static SequenceDefinition Add(SequenceDefinition draft, string type, out string id)
    {
        var steps = draft.Steps?.ToList() ?? [];
        var taken = steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (taken.Contains($"{type}-{n}"))
        {
            n++;
        }

        id = $"{type}-{n}";
        if (steps.Count > 0 && steps[^1] is { Next: null } last && last.Type is StepTypes.Email or StepTypes.Sms or StepTypes.Wait or StepTypes.Goal)
        {
            steps[^1] = last with { Next = id };
        }

        steps.Add(new SequenceStep(id, type, Duration: type == StepTypes.Wait ? "1d" : null));
        return draft with { Steps = steps };
    }

    /// <summary>Replaces the step at <paramref name="index"/>; a new id is followed by every reference to the old one.</summary>
    public static SequenceDefinition Replace(SequenceDefinition draft, int index, SequenceStep step)
    {
        var steps = draft.Steps?.ToList() ?? [];
        var old = steps[index].Id;
        steps[index] = step;
        if (old is not null && step.Id is not null && old != step.Id)
        {
            steps = steps.Select(s => Renamed(s, old, step.Id)).ToList();
        }

        return draft with { Steps = steps };
    }

    /// <summary>Moves the step at <paramref name="index"/> to position <paramref name="to"/> (Move up/down: one place; a drag: anywhere); the first step is where enrolments start.</summary>
    public static SequenceDefinition Move(SequenceDefinition draft, int index, int to)
    {
        var steps = draft.Steps?.ToList() ?? [];
        to = Math.Clamp(to, 0, steps.Count - 1);
        var step = steps[index];
        steps.RemoveAt(index);
        steps.Insert(to, step);
        return draft with { Steps = steps };
    }

    /// <summary>Removes the step at <paramref name="index"/>; steps that led to it keep the reference, which publication reports on their card.</summary>
    public static SequenceDefinition Remove(SequenceDefinition draft, int index)
    {
        var steps = draft.Steps?.ToList() ?? [];
        steps.RemoveAt(index);
        return draft with { Steps = steps };
    }

    private static SequenceStep Renamed(SequenceStep step, string from, string to)
    {
        string? Swap(string? id) => id == from ? to : id;
        return step with
        {
            Next = Swap(step.Next),
            Then = Swap(step.Then),
            Else = Swap(step.Else),
            Condition = step.Condition is { } c ? c with { Step = Swap(c.Step) } : null,
        };
    }

    /// <summary>
    /// Reads the draft of <paramref name="key"/>, applies <paramref name="edit"/> (which may refuse, e.g. a step index
    /// that no longer exists since the page was drawn) and saves the result as the draft.
    /// </summary>
    public static async Task<Outcome<SaveSequenceDraft.Saved>> HandleAsync(MarketingDbContext db, TimeProvider clock, string key,
        Func<SequenceDefinition, Outcome<SequenceDefinition>> edit, string actor, CancellationToken ct)
    {
        if (await db.Sequences.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct) is not { } sequence)
        {
            return new Refusal.NotFound();
        }

        var edited = edit(sequence.Draft);
        if (edited.Refusal is { } refusal)
        {
            return refusal;
        }

        return await SaveSequenceDraft.HandleAsync(db, clock, key, edited.Value, actor, ct);
    }

    /// <summary>Creates a sequence with an empty draft; a key in use is a conflict, never an overwrite of someone's draft.</summary>
    public static async Task<Outcome<SaveSequenceDraft.Saved>> CreateAsync(MarketingDbContext db, TimeProvider clock, string? key, string? name,
        string actor, CancellationToken ct)
    {
        key = key?.Trim();
        if (!SequenceRules.IsValidKey(key))
        {
            return Refusal.Field("key", "must be 2 to 64 lowercase letters, digits, '-' or '_', starting with a letter");
        }

        if (await db.Sequences.AnyAsync(s => s.Key == key, ct))
        {
            return Refusal.Field("key", $"a sequence '{key}' exists already");
        }

        var draft = new SequenceDefinition(string.IsNullOrWhiteSpace(name) ? null : name.Trim(), new SequenceTrigger(TriggerTypes.Api, null, null), false, []);
        return await SaveSequenceDraft.HandleAsync(db, clock, key!, draft, actor, ct);
    }
}
