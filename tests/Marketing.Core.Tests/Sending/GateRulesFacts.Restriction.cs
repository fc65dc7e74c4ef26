using Marketing.Sending;

namespace Marketing.Core.Tests.Sending;

/// <summary>Restriction (R39) and objection (R17): what each stops, by scope, basis and message type.</summary>
public sealed partial class GateRulesFacts
{
    private const string Restricted = "blocked:restricted";
    private const string ObjectedToMarketing = "refused:objected";

    /// <summary>
    /// A restricted person takes nothing (GDPR art. 18(2): their data is only stored): marketing under either basis, a
    /// transactional message about their own order, a confirmation. Only what cannot be decided without them comes first.
    /// </summary>
    [Theory]
    //          regime  basis                  consent      marketing    transactional doi
    [InlineData("fr", "consent", "confirmed", Restricted, Restricted, Restricted)]
    [InlineData("us", "legitimate_interest", "none", Restricted, Restricted, Restricted)]
    [InlineData("fr", "consent", "withdrawn", Restricted, Restricted, Restricted)]
    [InlineData("fr", "none", "none", Restricted, Restricted, Restricted)]
    public void Restricted_TakesNoMessageOfAnyType(string regime, string basis, string state, string marketing, string transactional, string doi)
    {
        var message = Marketing(regime, basis, state);
        var restricted = message with { Person = RestrictedPerson(regime) };

        Assert.NotEqual(Restricted, Outcome(message));
        Assert.Equal(marketing, Outcome(restricted));
        Assert.Equal(transactional, Outcome(restricted with { MessageType = "transactional", Reference = "order:A-1001", Orders = [Order("A-1001", "running-shoes")] }));
        Assert.Equal(doi, Outcome(restricted with { MessageType = "doi" }));
    }

    public static TheoryData<string, Func<GateInputs, GateInputs>, string> RestrictionOrderRows() => new()
    {
        { "restricted, and erased meanwhile", m => m with { Person = null }, "refused:no_person" },
        { "restricted, on an unknown channel", m => m with { Channel = "postal" }, "blocked:unknown_channel" },
        { "restricted, and no email address", m => m with { Person = RestrictedPerson("fr", email: null) }, Restricted },
        { "restricted, and a hard bounce listed", m => m with { Suppressions = [Suppressed("*", "*", "hard_bounce")] }, Restricted },
        { "restricted, and an objection listed", m => m with { Suppressions = [Suppressed("email", "*", "objection")] }, Restricted },
        { "restricted, and account mail to a user of the app", m => m with { Recipient = "user", MessageType = "transactional", Reference = "account:password-reset" }, "allowed:transactional_reference" },
    };

    /// <summary>Which reason wins when the person is restricted and something else holds too.</summary>
    [Theory]
    [MemberData(nameof(RestrictionOrderRows))]
    public void Restricted_WinsOverEverythingButWhatCannotBeDecided(string change, Func<GateInputs, GateInputs> apply, string expected)
    {
        var restricted = Marketing("fr", "consent", "confirmed") with { Person = RestrictedPerson("fr") };
        Assert.True(Outcome(apply(restricted)) == expected, $"{change}: {Outcome(apply(restricted))}");
    }

    /// <summary>
    /// An objection entry (reason <c>objection</c>) on the address's hash, by scope: it stops marketing in its scope
    /// under consent and under legitimate interest alike (R17, art. 21(3)), and never a transactional message or a
    /// confirmation the person asked for. Columns: the purpose's basis in <c>us</c> (where legitimate interest is
    /// otherwise allowed), the consent recorded, the entry's channel and scope, and the outcome per message type.
    /// </summary>
    [Theory]
    //          basis                  consent      sent on  entry on  scope         marketing              transactional doi
    [InlineData("consent", "confirmed", "email", "email", "*", ObjectedToMarketing, ByReference, ByRequest)]
    [InlineData("legitimate_interest", "none", "email", "email", "*", ObjectedToMarketing, ByReference, ByRequest)]
    [InlineData("consent", "confirmed", "sms", "sms", "*", ObjectedToMarketing, ByReference, ByRequest)]
    [InlineData("legitimate_interest", "none", "sms", "sms", "*", ObjectedToMarketing, ByReference, ByRequest)]
    [InlineData("consent", "confirmed", "email", "sms", "*", ByConsent, ByReference, ByRequest)]
    [InlineData("legitimate_interest", "none", "email", "sms", "*", ByInterest, ByReference, ByRequest)]
    [InlineData("legitimate_interest", "none", "sms", "email", "*", ByInterest, ByReference, ByRequest)]
    [InlineData("consent", "confirmed", "email", "*", "*", ObjectedToMarketing, ByReference, ByRequest)]
    [InlineData("legitimate_interest", "none", "email", "*", "*", ObjectedToMarketing, ByReference, ByRequest)]
    [InlineData("consent", "confirmed", "email", "email", "newsletter", ObjectedToMarketing, ByReference, ByRequest)]
    [InlineData("legitimate_interest", "none", "email", "email", "newsletter", ObjectedToMarketing, ByReference, ByRequest)]
    [InlineData("legitimate_interest", "none", "sms", "sms", "newsletter", ObjectedToMarketing, ByReference, ByRequest)]
    [InlineData("consent", "confirmed", "email", "email", "offers", ByConsent, ByReference, ByRequest)]
    [InlineData("legitimate_interest", "none", "email", "email", "offers", ByInterest, ByReference, ByRequest)]
    [InlineData("legitimate_interest", "granted", "email", "email", "*", ObjectedToMarketing, ByReference, ByRequest)]
    public void Objection_StopsMarketingInItsScope_WhateverTheBasis(string basis, string state, string channel, string entryChannel, string scope,
        string marketing, string transactional, string doi)
    {
        var message = Marketing("us", basis, state) with { Channel = channel, Suppressions = [Suppressed(entryChannel, scope, "objection")] };
        if (channel == "sms" && message.Consent is { } consent)
        {
            message = message with { Consent = new() { PersonId = consent.PersonId, PurposeId = consent.PurposeId, Channel = "sms", Status = consent.Status, LastEventId = consent.LastEventId } };
        }

        Assert.Equal(marketing, Outcome(message));
        Assert.Equal(transactional, Outcome(message with { MessageType = "transactional", Reference = "account:password-reset" }));
        Assert.Equal(doi, Outcome(message with { MessageType = "doi" }));
    }

    /// <summary>The ledger's side of an objection: an <c>objected</c> state stops legitimate interest too, in every regime that allows it.</summary>
    [Theory]
    [InlineData("us")]
    [InlineData("us-b2b")]
    [InlineData("uk-b2b")]
    [InlineData("other")]
    public void ObjectedState_StopsLegitimateInterest(string regime)
    {
        Assert.Equal(ByInterest, Outcome(Marketing(regime, "legitimate_interest", "none")));
        Assert.Equal(Objected, Outcome(Marketing(regime, "legitimate_interest", "objected")));
    }

    [Theory]
    [InlineData("unsubscribe", "objection", ObjectedToMarketing)]
    [InlineData("objection", "unsubscribe", ObjectedToMarketing)]
    [InlineData("manual", "objection", ObjectedToMarketing)]
    public void Objection_IsNamedEvenBesideAnOptOut(string first, string second, string expected) =>
        Assert.Equal(expected, Outcome(Marketing("fr", "consent", "confirmed") with { Suppressions = [Suppressed("email", "*", first), Suppressed("email", "*", second)] }));

    private static Marketing.Leads.Person RestrictedPerson(string regime, string? email = "ana.martin@acme.example")
    {
        var person = Person(regime, email: email);
        person.RestrictedAt = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        person.RestrictionReason = "accuracy contested";
        return person;
    }
}
