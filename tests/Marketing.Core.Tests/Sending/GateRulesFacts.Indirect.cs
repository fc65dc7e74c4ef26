using Marketing.Sending;

namespace Marketing.Core.Tests.Sending;

/// <summary>People collected indirectly, through the contact API or an import (R51, R52, R55).</summary>
public sealed partial class GateRulesFacts
{
    private const string NoMarketingBasis = "blocked:no_marketing_basis";
    private const string Uninformed = "blocked:not_informed_within_a_month";
    private static readonly DateTimeOffset Collected = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A marketing email to a person collected on 1 March, by day after collection, whether they were informed, the
    /// purpose's basis in <c>us</c> and the basis recorded: without the art. 14 information marketing stops after day
    /// 30; legitimate interest needs an assessment recorded for the person, which a form's person does not.
    /// </summary>
    [Theory]
    //          day  informed basis                  recorded               outcome
    [InlineData(0, false, "consent", "none", NoConsent)]
    [InlineData(0, false, "consent", "granted", ByConsent)]
    [InlineData(29, false, "consent", "granted", ByConsent)]
    [InlineData(30, false, "consent", "granted", ByConsent)]
    [InlineData(31, false, "consent", "granted", Uninformed)]
    [InlineData(31, true, "consent", "granted", ByConsent)]
    [InlineData(31, false, "consent", "withdrawn", Uninformed)]
    [InlineData(0, false, "consent", "legitimate_interest", NoConsent)]
    [InlineData(0, false, "legitimate_interest", "none", NoMarketingBasis)]
    [InlineData(0, false, "legitimate_interest", "legitimate_interest", ByInterest)]
    [InlineData(0, false, "legitimate_interest", "granted", ByInterest)]
    [InlineData(0, false, "legitimate_interest", "withdrawn", Withdrawn)]
    [InlineData(45, false, "legitimate_interest", "legitimate_interest", Uninformed)]
    [InlineData(45, true, "legitimate_interest", "legitimate_interest", ByInterest)]
    public void IndirectlyCollected_NeedsABasisRecorded_AndTheArt14InformationWithin30Days(int day, bool informed, string basis, string recorded, string expected)
    {
        var person = Person("us");
        person.CollectedIndirectlyAt = Collected;
        person.Art14InformedAt = informed ? Collected.AddDays(2) : null;

        var message = Marketing("us", basis, recorded) with { Person = person, At = Collected.AddDays(day) };

        Assert.Equal(expected, Outcome(message));
    }

    /// <summary>A person who gave their data themselves (a form) owes no art. 14 notice and keeps the regime's legitimate interest.</summary>
    [Theory]
    [InlineData("legitimate_interest", "none", ByInterest)]
    [InlineData("consent", "granted", ByConsent)]
    public void DirectlyCollected_IsUnchanged(string basis, string recorded, string expected) =>
        Assert.Equal(expected, Outcome(Marketing("us", basis, recorded) with { At = Collected.AddDays(400) }));
    /// <summary>
    /// The art. 14 notice (reference <c>notice:…</c>) is transactional only for a person collected indirectly and not
    /// yet informed; to anyone else it is marketing in disguise (R52, R60). Whether informed, by day after collection.
    /// </summary>
    [Theory]
    //          indirect informed day  outcome
    [InlineData(true, false, 21, ByReference)]
    [InlineData(true, false, 29, ByReference)]
    [InlineData(true, false, 45, ByReference)]
    [InlineData(true, true, 21, "blocked:transactional_notice_not_owed")]
    [InlineData(false, false, 21, "blocked:transactional_notice_not_owed")]
    public void Art14Notice_GoesOnlyToAPersonStillOwedIt(bool indirect, bool informed, int day, string expected)
    {
        var person = Person("fr");
        person.CollectedIndirectlyAt = indirect ? Collected : null;
        person.Art14InformedAt = informed ? Collected.AddDays(2) : null;

        var notice = new GateInputs
        {
            Channel = "email", MessageType = "transactional", Reference = "notice:art14", Person = person, SenderIdentified = true,
            At = Collected.AddDays(day),
        };

        Assert.Equal(expected, Outcome(notice));
    }
}
