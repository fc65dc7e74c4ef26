using Marketing.Leads;
using Marketing.Sending;

namespace Marketing.Core.Tests.Sending;

/// <summary>Marketing without consent: B2B prospecting on legitimate interest (R4) and the customer exception (R3, R7, R8).</summary>
public sealed partial class GateRulesFacts
{
    /// <summary>
    /// Legitimate interest, no consent recorded. In <c>fr-b2b</c> and <c>eu-b2b</c> the campaign must be attested
    /// relevant to the role (exactly <c>true</c>), and the person's role known, unless the address is a company
    /// mailbox (email only). Elsewhere the regime decides alone.
    /// </summary>
    [Theory]
    //          regime       channel  relevant_to_role  attribute           email address
    [InlineData("fr-b2b", "email", null, null, "ana.martin@acme.example", NotAttested)]
    [InlineData("fr-b2b", "email", "false", "role=buyer", "ana.martin@acme.example", NotAttested)]
    [InlineData("fr-b2b", "email", "TRUE", "role=buyer", "ana.martin@acme.example", NotAttested)]
    [InlineData("fr-b2b", "email", "yes", "role=buyer", "ana.martin@acme.example", NotAttested)]
    [InlineData("fr-b2b", "email", null, null, "contact@acme.example", NotAttested)]
    [InlineData("fr-b2b", "email", "true", null, "ana.martin@acme.example", RoleUnknown)]
    [InlineData("fr-b2b", "email", "true", "role= ", "ana.martin@acme.example", RoleUnknown)]
    [InlineData("fr-b2b", "email", "true", "company=Acme", "ana.martin@acme.example", RoleUnknown)]
    [InlineData("fr-b2b", "email", "true", "role=buyer", "ana.martin@acme.example", ByInterest)]
    [InlineData("fr-b2b", "email", "true", "job_title=CFO", "ana.martin@acme.example", ByInterest)]
    [InlineData("fr-b2b", "email", "true", "industry=retail", "ana.martin@acme.example", ByInterest)]
    [InlineData("fr-b2b", "email", "true", null, "contact@acme.example", ByInterest)]
    [InlineData("fr-b2b", "email", "true", null, "Info@acme.example", ByInterest)]
    [InlineData("fr-b2b", "email", "true", null, "compta@acme.example", ByInterest)]
    [InlineData("fr-b2b", "email", "true", null, "contact.ana@acme.example", RoleUnknown)]
    [InlineData("fr-b2b", "email", "true", null, "ana.contact@acme.example", RoleUnknown)]
    [InlineData("fr-b2b", "sms", "true", null, "contact@acme.example", RoleUnknown)]
    [InlineData("fr-b2b", "sms", "true", "role=buyer", "contact@acme.example", ByInterest)]
    [InlineData("fr-b2b", "sms", null, "role=buyer", "contact@acme.example", NotAttested)]
    [InlineData("eu-b2b", "email", null, "role=buyer", "ana.martin@acme.example", NotAttested)]
    [InlineData("eu-b2b", "email", "true", null, "ana.martin@acme.example", RoleUnknown)]
    [InlineData("eu-b2b", "email", "true", "role=buyer", "ana.martin@acme.example", ByInterest)]
    [InlineData("eu-b2b", "email", "true", null, "sales@acme.example", ByInterest)]
    [InlineData("uk-b2b", "email", null, null, "ana.martin@acme.example", ByInterest)]
    [InlineData("us", "email", null, null, "ana.martin@acme.example", ByInterest)]
    [InlineData("us-b2b", "sms", null, null, "ana.martin@acme.example", ByInterest)]
    [InlineData("other", "email", "false", null, "ana.martin@acme.example", ByInterest)]
    [InlineData("other-b2b", "email", null, null, "ana.martin@acme.example", ByInterest)]
    [InlineData("fr", "email", "true", "role=buyer", "contact@acme.example", NoInterest)]
    [InlineData("eu", "email", "true", "role=buyer", "contact@acme.example", NoInterest)]
    [InlineData("uk", "email", "true", "role=buyer", "contact@acme.example", NoInterest)]
    [InlineData("de-b2b", "email", "true", "role=buyer", "contact@acme.example", NoInterest)]
    [InlineData("ca-b2b", "email", "true", "role=buyer", "contact@acme.example", NoInterest)]
    public void Prospecting_OnLegitimateInterest_NeedsRelevanceAndARole(string regime, string channel, string? relevant, string? attribute, string email, string expected)
    {
        var attributes = attribute?.Split('=') is [var key, var value] ? new Dictionary<string, string> { [key] = value } : [];
        var message = Marketing(regime, "legitimate_interest", "none") with
        {
            Channel = channel,
            Person = Person(regime, email: email, attributes: attributes),
            Attestations = relevant is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["relevant_to_role"] = relevant },
        };

        Assert.Equal(expected, Outcome(message));
    }

    /// <summary>Prospecting ends where the person says no (R4: free to object), whatever was attested.</summary>
    [Theory]
    [InlineData("withdrawn", null, Withdrawn)]
    [InlineData("objected", null, Objected)]
    [InlineData("expired", null, Expired)]
    [InlineData("none", "newsletter", OptedOutOfPurpose)]
    [InlineData("none", "*", OptedOut)]
    [InlineData("pending_confirmation", null, ByInterest)]
    public void Prospecting_StopsAtAnObjection(string state, string? optedOutOf, string expected)
    {
        var message = Marketing("fr-b2b", "legitimate_interest", state) with
        {
            Person = Person("fr-b2b", attributes: new() { ["role"] = "buyer" }),
            Attestations = new Dictionary<string, string> { ["relevant_to_role"] = "true" },
            Suppressions = optedOutOf is null ? [] : [Suppressed("email", optedOutOf, "unsubscribe")],
        };

        Assert.Equal(expected, Outcome(message));
    }

    /// <summary>The situations of <see cref="CustomerExceptionTable"/>'s columns, in order.</summary>
    private static readonly string[] OrderSituations =
    [
        "no order",
        "an order in another category",
        "an order in the category, refusal offered",
        "an order in the category, refusal not offered",
        "an order in the category, refusal offered, and another where marketing was refused",
    ];

    /// <summary>
    /// A purpose on consent, no consent recorded, a campaign claiming the exception for <c>running-shoes</c>: one line
    /// per regime, one column per order situation. The exception exists in the EU, France, Germany and the UK only.
    /// </summary>
    private static readonly (string Regime, string[] Outcomes)[] CustomerExceptionTable =
    [
        ("eu", [NoOrder, NoOrder, ByOrder, NoOptOut, CustomerRefused]),
        ("eu-b2b", [NoOrder, NoOrder, ByOrder, NoOptOut, CustomerRefused]),
        ("fr", [NoOrder, NoOrder, ByOrder, NoOptOut, CustomerRefused]),
        ("fr-b2b", [NoOrder, NoOrder, ByOrder, NoOptOut, CustomerRefused]),
        ("de", [NoOrder, NoOrder, ByOrder, NoOptOut, CustomerRefused]),
        ("de-b2b", [NoOrder, NoOrder, ByOrder, NoOptOut, CustomerRefused]),
        ("uk", [NoOrder, NoOrder, ByOrder, NoOptOut, CustomerRefused]),
        ("uk-b2b", [NoOrder, NoOrder, ByOrder, NoOptOut, CustomerRefused]),
        ("us", [NoException, NoException, NoException, NoException, NoException]),
        ("us-b2b", [NoException, NoException, NoException, NoException, NoException]),
        ("ca", [NoException, NoException, NoException, NoException, NoException]),
        ("ca-b2b", [NoException, NoException, NoException, NoException, NoException]),
        ("other", [NoException, NoException, NoException, NoException, NoException]),
        ("other-b2b", [NoException, NoException, NoException, NoException, NoException]),
    ];

    public static TheoryData<string, string, string> CustomerExceptionRows()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var (regime, outcomes) in CustomerExceptionTable)
        {
            for (var i = 0; i < OrderSituations.Length; i++)
            {
                rows.Add(regime, OrderSituations[i], outcomes[i]);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(CustomerExceptionRows))]
    public void CustomerException_NeedsAnOrderInTheCategoryTakenWithARefusalOffered(string regime, string situation, string expected)
    {
        Purchase[] orders = situation switch
        {
            "no order" => [],
            "an order in another category" => [Order("A-1001", "books")],
            "an order in the category, refusal offered" => [Order("A-1001", "running-shoes")],
            "an order in the category, refusal not offered" => [Order("A-1001", "running-shoes", optOutOffered: false)],
            _ => [Order("A-1001", "running-shoes"), Order("A-1002", "books", refused: true, day: 2)],
        };

        Assert.Equal(expected, Outcome(ClaimingTheException(regime, "consent", "none", orders)));
    }

    /// <summary>The exception stands in for a missing consent only: a consent recorded, or an objection, decides first.</summary>
    [Theory]
    [InlineData("consent", "none", ByOrder)]
    [InlineData("consent", "pending_confirmation", ByOrder)]
    [InlineData("consent", "granted", ByConsent)]
    [InlineData("consent", "confirmed", ByConsent)]
    [InlineData("consent", "withdrawn", Withdrawn)]
    [InlineData("consent", "objected", Objected)]
    [InlineData("consent", "expired", Expired)]
    [InlineData("legitimate_interest", "none", NoInterest)]
    [InlineData("contract", "none", NotForMarketing)]
    [InlineData("none", "none", NoBasis)]
    public void CustomerException_OnlyWhereConsentIsMissing(string basis, string state, string expected) =>
        Assert.Equal(expected, Outcome(ClaimingTheException("fr", basis, state, [Order("A-1001", "running-shoes")])));

    [Theory]
    [InlineData("the order itself refused marketing", CustomerRefused)]
    [InlineData("one order with refusal offered, one without", ByOrder)]
    [InlineData("the category claimed in other letters", NoOrder)]
    [InlineData("no claim, a qualifying order", NoConsent)]
    [InlineData("no claim, pending, a qualifying order", Pending)]
    public void CustomerException_Edges(string situation, string expected)
    {
        var message = situation switch
        {
            "the order itself refused marketing" => ClaimingTheException("fr", "consent", "none", [Order("A-1001", "running-shoes", refused: true)]),
            "one order with refusal offered, one without" => ClaimingTheException("fr", "consent", "none",
                [Order("A-1001", "running-shoes", optOutOffered: false), Order("A-1002", "running-shoes", day: 2)]),
            "the category claimed in other letters" => ClaimingTheException("fr", "consent", "none", [Order("A-1001", "Running-Shoes")]),
            "no claim, a qualifying order" => Marketing("fr", "consent", "none") with { Orders = [Order("A-1001", "running-shoes")] },
            _ => Marketing("fr", "consent", "pending_confirmation") with { Orders = [Order("A-1001", "running-shoes")] },
        };

        Assert.Equal(expected, Outcome(message));
    }

    [Fact]
    public void CustomerException_CitesTheNewestOrderTakenWithARefusalOffered()
    {
        var decision = GateRules.Decide(ClaimingTheException("de", "consent", "none",
            [Order("A-1001", "running-shoes", day: 1), Order("A-1003", "running-shoes", day: 3), Order("A-1004", "running-shoes", optOutOffered: false, day: 4)]),
            ProspectingRules.Default);

        Assert.Equal(("customer_exception", "00000000-0000-7000-8000-000000000003"), (decision.EvidenceKind, decision.EvidenceId));
    }

    private static GateInputs ClaimingTheException(string regime, string basis, string state, Purchase[] orders) =>
        Marketing(regime, basis, state) with
        {
            Attestations = new Dictionary<string, string> { ["analogous_to"] = "running-shoes" },
            Orders = orders,
        };
}
