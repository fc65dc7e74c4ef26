using Marketing.Nurture;

namespace Marketing.Core.Tests.Nurture;

public sealed class EditSequenceDraftFacts
{
    private static SequenceDefinition Draft(params SequenceStep[] steps) => new("n", new SequenceTrigger(TriggerTypes.Api, null, null), false, [.. steps]);

    private static string Ids(SequenceDefinition d) => string.Join(" ", d.Steps!.Select(s => s.Id));

    [Theory]
    [InlineData("email", "email-1", "email-1")]
    [InlineData("wait", "email-1 wait-1", "wait-1")]
    public void Add_GivesAFreeId_AndTheLastStepLeadsToIt(string type, string existing, string expected)
    {
        var draft = Draft([.. existing.Split(' ').Select(id => new SequenceStep(id, id.Split('-')[0]))]);

        var added = EditSequenceDraft.Add(draft, type, out var id);

        Assert.Equal(type == "email" ? "email-2" : "wait-2", id);
        Assert.Equal(expected == "email-1" ? "email-2" : "wait-2", added.Steps![^1].Id);
        Assert.Equal(id, added.Steps[^2].Next);
    }

    [Fact]
    public void Add_AfterABranchOrAnExit_LinksNothing()
    {
        var added = EditSequenceDraft.Add(Draft(new SequenceStep("out", StepTypes.Exit)), StepTypes.Sms, out _);

        Assert.Null(added.Steps![0].Next);
        Assert.Equal("out sms-1", Ids(added));
    }

    [Theory]
    [InlineData(0, 1, "b a c")]
    [InlineData(2, 1, "a c b")]
    [InlineData(2, 0, "c a b")]
    [InlineData(0, -1, "a b c")]
    [InlineData(2, 3, "a b c")]
    public void Move_ToAPosition_StaysWithinTheList(int index, int by, string expected)
    {
        var draft = Draft(new("a", StepTypes.Exit), new("b", StepTypes.Exit), new("c", StepTypes.Exit));

        Assert.Equal(expected, Ids(EditSequenceDraft.Move(draft, index, by)));
    }

    [Fact]
    public void Replace_WithANewId_FollowsEveryReference()
    {
        var draft = Draft(
            new("mail", StepTypes.Email, Next: "check"),
            new("check", StepTypes.Branch, Condition: new StepCondition(ConditionTypes.Clicked, Step: "mail"), Then: "mail", Else: "out"),
            new("out", StepTypes.Exit));

        var edited = EditSequenceDraft.Replace(draft, 0, new SequenceStep("welcome", StepTypes.Email, Template: "t", Next: "check"));

        Assert.Equal("welcome", edited.Steps![1].Condition!.Step);
        Assert.Equal("welcome", edited.Steps[1].Then);
        Assert.Equal("out", edited.Steps[1].Else);
    }

    [Fact]
    public void Remove_KeepsReferences_ForPublicationToReport()
    {
        var edited = EditSequenceDraft.Remove(Draft(new("a", StepTypes.Wait, Next: "b"), new("b", StepTypes.Exit)), 1);

        Assert.Equal("a", Ids(edited));
        Assert.Equal("b", edited.Steps![0].Next);
    }
}
