using Marketing.Consent;
using Marketing.Sending;

namespace Marketing.Core.Tests.Sending;

/// <summary>R19: a basis is valid for so long after the person's last contact; the gate treats an expired one as absent.</summary>
public sealed partial class GateRulesFacts
{
    private const string BasisExpired = "refused:basis_expired";
    private static readonly DateTimeOffset LastContact = new(2023, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Columns: regime, basis, the days the purpose declares (0: the regime's rule), days since the last contact, whether
    /// the message is the re-permission one to a person in retention_expiring, the consent, and the outcome.
    /// </summary>
    [Theory]
    //          regime  basis                  declared since  reperm consent      outcome
    [InlineData("fr", "consent", 0, 1094, false, "confirmed", ByConsent)]
    [InlineData("fr", "consent", 0, 1095, false, "confirmed", BasisExpired)]
    [InlineData("fr", "consent", 0, 2000, false, "confirmed", BasisExpired)]
    [InlineData("fr", "consent", 400, 399, false, "confirmed", ByConsent)]
    [InlineData("fr", "consent", 400, 400, false, "confirmed", BasisExpired)]
    [InlineData("fr", "consent", 0, 1095, true, "confirmed", ByConsent)]
    [InlineData("fr", "consent", 0, 1095, true, "withdrawn", Withdrawn)]
    [InlineData("fr", "consent", 0, 1095, true, "none", "blocked:no_consent")]
    [InlineData("us", "legitimate_interest", 0, 1094, false, "none", ByInterest)]
    [InlineData("us", "legitimate_interest", 0, 1095, false, "none", BasisExpired)]
    [InlineData("ca", "consent", 0, 1000, false, "confirmed", ByConsent)]
    [InlineData("ca", "consent", 0, 1095, false, "confirmed", BasisExpired)]
    [InlineData("de", "consent", 0, 1095, false, "objected", Objected)]
    [InlineData("fr", "contract", 0, 5000, false, "none", "blocked:basis_not_for_marketing")]
    public void ExpiredBasis_IsRefused_ButTheOneRepermissionMessageMayGo(string regime, string basis, int declared, int daysSince, bool repermission,
        string consent, string expected)
    {
        var message = Marketing(regime, basis, consent);
        var person = Person(regime);
        person.RetentionExpiringAt = repermission ? LastContact.AddDays(daysSince) : null;
        message = message with
        {
            Person = person,
            Purpose = declared == 0 ? message.Purpose : WithDeclared(Newsletter(regime, basis), regime, declared),
            At = LastContact.AddDays(daysSince),
            LastContactAt = LastContact,
            Attestations = repermission ? new Dictionary<string, string> { ["repermission"] = "true" } : new Dictionary<string, string>(),
        };

        Assert.Equal(expected, Outcome(message));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void RepermissionMark_OpensNothing_WhenThePersonIsNotExpiring(bool expiring, bool refused)
    {
        var person = Person("fr");
        person.RetentionExpiringAt = expiring ? LastContact.AddDays(1095) : null;
        var message = Marketing("fr", "consent", "confirmed") with
        {
            Person = person,
            At = LastContact.AddDays(1100),
            LastContactAt = LastContact,
            Attestations = new Dictionary<string, string> { ["repermission"] = "true" },
        };

        Assert.Equal(refused ? BasisExpired : ByConsent, Outcome(message));
    }

    [Fact]
    public void WithoutTheLastContact_TheGateDoesNotGuess() =>
        Assert.Equal(ByConsent, Outcome(Marketing("fr", "consent", "confirmed") with { At = LastContact.AddDays(5000) }));

    private static Purpose WithDeclared(Purpose purpose, string regime, int days)
    {
        purpose.Bases[regime] = purpose.Bases[regime] with { ValidForDays = days };
        return purpose;
    }
}
