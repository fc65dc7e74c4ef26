using Marketing.Consent;
using Marketing.Nurture;

namespace Marketing.Core.Tests.Nurture;

public sealed class SequenceRulesFacts
{
    private static readonly SequenceReferences References = new(
        (key, channel) => (key, channel) is ("welcome", "email") or ("offer", "sms"),
        new Dictionary<string, Purpose>
        {
            ["news"] = new() { Key = "news", Channels = ["email"] },
            ["texts"] = new() { Key = "texts", Channels = ["sms"] },
        },
        form => form == "contact");

    private static SequenceDefinition Steps(params SequenceStep[] steps) => new("test", new SequenceTrigger("api", null, null), false, [.. steps]);

    [Fact]
    public void AWellFormedSequence_HasNoErrors() => Assert.Empty(SequenceRules.Validate(Steps(
        new SequenceStep("hello", "email", "welcome", "news", Next: "wait"),
        new SequenceStep("wait", "wait", Next: "check", Until: new WaitUntil("09:00", ["mon", "thu"])),
        new SequenceStep("check", "branch", Condition: new StepCondition("consent", Purpose: "texts"), Then: "text", Else: "done"),
        new SequenceStep("text", "sms", "offer", "texts", Next: "done", RelevantToRole: true, AnalogousTo: "running-shoes"),
        new SequenceStep("done", "exit")), References));

    [Fact]
    public void ALoopWithoutAWait_IsRefused_EvenWithAnExit()
    {
        var errors = SequenceRules.Validate(Steps(
            new SequenceStep("a", "branch", Condition: new StepCondition("attribute", Attribute: "x"), Then: "b", Else: "done"),
            new SequenceStep("b", "email", "welcome", "news", Next: "a"),
            new SequenceStep("done", "exit")), References);

        Assert.Contains("a → b → a loop without a wait step", Assert.Single(errors["steps"]), StringComparison.Ordinal);
    }

    [Fact]
    public void WrongReferences_AreNamedByField()
    {
        var errors = SequenceRules.Validate(new SequenceDefinition("test", new SequenceTrigger("form_submitted", null, "nope"), false,
        [
            new SequenceStep("hello", "email", "offer", "texts", Next: "ghost", AnalogousTo: "Running Shoes"),
            new SequenceStep("wait", "wait", Duration: "0m", Next: "done"),
            new SequenceStep("clicked", "branch", Condition: new StepCondition("clicked", Step: "wait"), Then: "done", Else: "done"),
            new SequenceStep("done", "exit"),
        ]), References);

        Assert.Equal("unknown form 'nope'", Assert.Single(errors["trigger.form"]));
        Assert.Equal("unknown email template 'offer'", Assert.Single(errors["steps[0].template"]));
        Assert.Equal("purpose 'texts' does not cover the email channel", Assert.Single(errors["steps[0].purpose"]));
        Assert.Equal("no step 'ghost'", Assert.Single(errors["steps[0].next"]));
        Assert.StartsWith("must be a product category", Assert.Single(errors["steps[0].analogousTo"]), StringComparison.Ordinal);
        Assert.Equal("must be more than zero and at most 366 days", Assert.Single(errors["steps[1].duration"]));
        Assert.Contains("email step", Assert.Single(errors["steps[2].condition.step"]), StringComparison.Ordinal);
    }
}
