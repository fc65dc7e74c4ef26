using Marketing.Nurture;

namespace Marketing.Core.Tests.Nurture;

public sealed class DiffSequenceVersionsFacts
{
    [Fact]
    public void Diff_SaysWhichStepsWereAdded_Removed_Moved_AndWhichFieldsChanged()
    {
        var trigger = new SequenceTrigger(TriggerTypes.Api, null, null);
        var v1 = new SequenceDefinition("Welcome", trigger, false,
        [
            new("mail", StepTypes.Email, Template: "welcome", Purpose: "news", Next: "pause"),
            new("pause", StepTypes.Wait, Duration: "2d", Next: "out"),
            new("old", StepTypes.Sms, Template: "hello", Purpose: "news", Next: "out"),
            new("out", StepTypes.Exit),
        ]);
        var v2 = new SequenceDefinition("Welcome", trigger, false,
        [
            new("pause", StepTypes.Wait, Duration: "3d", Next: "mail"),
            new("mail", StepTypes.Email, Template: "welcome", Purpose: "news", Next: "out"),
            new("new", StepTypes.Exit),
            new("out", StepTypes.Exit),
        ]);

        var diff = DiffSequenceVersions.Diff(v1, v2);

        Assert.Equal(
            [
                "changed pause 2→1 duration:2d→3d next:out→mail",
                "changed mail 1→2 next:pause→out",
                "added new →3 type:→exit",
                "removed old 3→",
            ],
            diff.Select(c => $"{c.Kind} {c.StepId} {c.Before}→{c.After}{string.Concat(c.Fields.Select(f => $" {f.Field}:{f.Before}→{f.After}"))}"));
    }

    [Fact]
    public void Diff_OfTheTrigger_IsAChangeWithoutAStep()
    {
        var a = new SequenceDefinition("A", new SequenceTrigger(TriggerTypes.Api, null, null), false, []);
        var b = a with { Trigger = new SequenceTrigger(TriggerTypes.ConsentConfirmed, "news", null) };

        var change = Assert.Single(DiffSequenceVersions.Diff(a, b));

        Assert.Null(change.StepId);
        Assert.Equal(new DiffSequenceVersions.FieldChange("trigger", "{\"type\":\"api\"}", "{\"type\":\"consent_confirmed\",\"purpose\":\"news\"}"), Assert.Single(change.Fields));
    }
}
