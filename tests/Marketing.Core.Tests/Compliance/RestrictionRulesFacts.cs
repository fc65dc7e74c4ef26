using Marketing.Compliance;

namespace Marketing.Core.Tests.Compliance;

/// <summary>What a restriction or its lifting must state (R39): a reason in words.</summary>
public sealed class RestrictionRulesFacts
{
    [Theory]
    [InlineData("accuracy contested", "accuracy contested", null)]
    [InlineData("  pending objection  ", "pending objection", null)]
    [InlineData("line one\nline two", "line one\nline two", null)]
    [InlineData(null, null, RestrictionRules.Messages.ReasonRequired)]
    [InlineData("", null, RestrictionRules.Messages.ReasonRequired)]
    [InlineData("   ", null, RestrictionRules.Messages.ReasonRequired)]
    [InlineData("bell\u0007", null, RestrictionRules.Messages.ReasonRequired)]
    public void CheckReason_WantsWords(string? reason, string? kept, string? problem) =>
        Assert.Equal((kept, problem), RestrictionRules.CheckReason(reason));

    [Theory]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public void CheckReason_TakesAtMost500Characters(int length, bool accepted) =>
        Assert.Equal(accepted ? null : RestrictionRules.Messages.ReasonTooLong, RestrictionRules.CheckReason(new string('r', length)).Problem);
}
