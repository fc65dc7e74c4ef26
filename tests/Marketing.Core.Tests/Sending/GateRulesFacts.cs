using Marketing.Consent;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Suppression;

namespace Marketing.Core.Tests.Sending;

/// <summary>
/// The send gate's decision (R1–R4, R8, R20, R60, R61), as tables. An outcome is written
/// <c>allowed:&lt;evidence kind&gt;</c>, <c>blocked:&lt;code&gt;</c> (this message may not leave) or
/// <c>refused:&lt;code&gt;</c> (the person said no, or cannot be reached: the decision's <c>Refusal</c>).
/// </summary>
public sealed partial class GateRulesFacts
{
    private const string ByConsent = "allowed:consent_event";
    private const string ByInterest = "allowed:legitimate_interest";
    private const string ByOrder = "allowed:customer_exception";
    private const string ByReference = "allowed:transactional_reference";
    private const string ByRequest = "allowed:message_type";
    private const string NoConsent = "blocked:no_consent";
    private const string Pending = "blocked:consent_pending";
    private const string Withdrawn = "refused:consent_withdrawn";
    private const string Objected = "refused:consent_objected";
    private const string Expired = "refused:consent_expired";
    private const string NoBasis = "blocked:no_basis_for_regime";
    private const string NotForMarketing = "blocked:basis_not_for_marketing";
    private const string NoInterest = "blocked:legitimate_interest_not_allowed";
    private const string NotAttested = "blocked:relevance_not_attested";
    private const string RoleUnknown = "blocked:role_unknown";
    private const string NoException = "blocked:customer_exception_not_applicable";
    private const string NoOrder = "blocked:no_qualifying_order";
    private const string NoOptOut = "blocked:order_without_opt_out";
    private const string CustomerRefused = "refused:customer_refused_marketing";
    private const string NoReference = "blocked:transactional_without_reference";
    private const string NotTheirs = "blocked:transactional_order_not_theirs";
    private const string Dead = "refused:suppressed_address";
    private const string OptedOut = "refused:suppressed_all_marketing";
    private const string OptedOutOfPurpose = "refused:suppressed_purpose";

    /// <summary>The consent states a marketing row is decided in, in the order of its columns; <c>none</c>: the ledger holds nothing.</summary>
    private static readonly string[] States = ["none", "pending_confirmation", "granted", "confirmed", "withdrawn", "objected", "expired"];

    /// <summary>
    /// A marketing email, no attestation, to a person with no role attribute at a personal address: one line per
    /// regime and the basis the purpose declares for it (<c>none</c>: it declares none), one column per consent state.
    /// </summary>
    private static readonly (string Regime, string Basis, string[] Outcomes)[] MarketingTable =
    [
        ("eu", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("eu", "legitimate_interest", [NoInterest, NoInterest, NoInterest, NoInterest, Withdrawn, Objected, Expired]),
        ("eu", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("eu", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("eu-b2b", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("eu-b2b", "legitimate_interest", [NotAttested, NotAttested, NotAttested, NotAttested, Withdrawn, Objected, Expired]),
        ("eu-b2b", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("eu-b2b", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("fr", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("fr", "legitimate_interest", [NoInterest, NoInterest, NoInterest, NoInterest, Withdrawn, Objected, Expired]),
        ("fr", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("fr", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("fr-b2b", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("fr-b2b", "legitimate_interest", [NotAttested, NotAttested, NotAttested, NotAttested, Withdrawn, Objected, Expired]),
        ("fr-b2b", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("fr-b2b", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("de", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("de", "legitimate_interest", [NoInterest, NoInterest, NoInterest, NoInterest, Withdrawn, Objected, Expired]),
        ("de", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("de", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("de-b2b", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("de-b2b", "legitimate_interest", [NoInterest, NoInterest, NoInterest, NoInterest, Withdrawn, Objected, Expired]),
        ("de-b2b", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("de-b2b", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("uk", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("uk", "legitimate_interest", [NoInterest, NoInterest, NoInterest, NoInterest, Withdrawn, Objected, Expired]),
        ("uk", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("uk", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("uk-b2b", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("uk-b2b", "legitimate_interest", [ByInterest, ByInterest, ByInterest, ByInterest, Withdrawn, Objected, Expired]),
        ("uk-b2b", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("uk-b2b", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("us", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("us", "legitimate_interest", [ByInterest, ByInterest, ByInterest, ByInterest, Withdrawn, Objected, Expired]),
        ("us", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("us", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("us-b2b", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("us-b2b", "legitimate_interest", [ByInterest, ByInterest, ByInterest, ByInterest, Withdrawn, Objected, Expired]),
        ("us-b2b", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("us-b2b", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("ca", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("ca", "legitimate_interest", [NoInterest, NoInterest, NoInterest, NoInterest, Withdrawn, Objected, Expired]),
        ("ca", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("ca", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("ca-b2b", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("ca-b2b", "legitimate_interest", [NoInterest, NoInterest, NoInterest, NoInterest, Withdrawn, Objected, Expired]),
        ("ca-b2b", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("ca-b2b", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("other", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("other", "legitimate_interest", [ByInterest, ByInterest, ByInterest, ByInterest, Withdrawn, Objected, Expired]),
        ("other", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("other", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
        ("other-b2b", "consent", [NoConsent, Pending, ByConsent, ByConsent, Withdrawn, Objected, Expired]),
        ("other-b2b", "legitimate_interest", [ByInterest, ByInterest, ByInterest, ByInterest, Withdrawn, Objected, Expired]),
        ("other-b2b", "contract", [NotForMarketing, NotForMarketing, NotForMarketing, NotForMarketing, Withdrawn, Objected, Expired]),
        ("other-b2b", "none", [NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis, NoBasis]),
    ];

    public static TheoryData<string, string, string, string> MarketingRows()
    {
        var rows = new TheoryData<string, string, string, string>();
        foreach (var (regime, basis, outcomes) in MarketingTable)
        {
            for (var i = 0; i < States.Length; i++)
            {
                rows.Add(regime, basis, States[i], outcomes[i]);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(MarketingRows))]
    public void Marketing_IsDecidedByRegimeBasisAndConsentState(string regime, string basis, string state, string expected)
    {
        Assert.Equal(expected, Outcome(Marketing(regime, basis, state)));
        // SMS is held to the same rules: a purpose's basis and the person's consent are per channel, not per medium.
        Assert.Equal(expected, Outcome(Marketing(regime, basis, state) with { Channel = "sms" }));
    }

    [Fact]
    public void Tables_CoverEveryRegime()
    {
        var regimes = Regimes.All.Order().ToList();
        foreach (var basis in new[] { "consent", "legitimate_interest", "contract", "none" })
        {
            Assert.Equal(regimes, MarketingTable.Where(r => r.Basis == basis).Select(r => r.Regime).Order().ToList());
        }

        Assert.Equal(regimes, CustomerExceptionTable.Select(r => r.Regime).Order().ToList());
        Assert.All(MarketingTable, r => Assert.Equal(States.Length, r.Outcomes.Length));
    }

    /// <summary>
    /// Messages owed to the person need no marketing consent (R60): each row holds for every regime, basis and consent
    /// state, the sender identity missing too. A transactional message must name what it is about; an order must be
    /// one of the person's (they have ordered <c>A-1001</c>).
    /// </summary>
    [Theory]
    [InlineData("doi", null, ByRequest)]
    [InlineData("doi", "order:B-2002", ByRequest)]
    [InlineData("transactional", "order:A-1001", ByReference)]
    [InlineData("transactional", "request:quote-77", ByReference)]
    [InlineData("transactional", "account:password-reset", ByReference)]
    [InlineData("transactional", "order:B-2002", NotTheirs)]
    [InlineData("transactional", "order:a-1001", NotTheirs)]
    [InlineData("transactional", null, NoReference)]
    [InlineData("transactional", "", NoReference)]
    [InlineData("transactional", "A-1001", NoReference)]
    [InlineData("transactional", "order:", NoReference)]
    [InlineData("transactional", ":A-1001", NoReference)]
    [InlineData("transactional", "invoice:A-1001", NoReference)]
    [InlineData("transactional", "Order:A-1001", NoReference)]
    [InlineData("transactional", "order: A-1001", NoReference)]
    [InlineData("transactional", "order:A-1001\n", NoReference)]
    public void OwedMessages_IgnoreRegimeBasisAndConsent(string type, string? reference, string expected)
    {
        var wrong = new List<string>();
        foreach (var regime in Regimes.All)
        {
            foreach (var basis in new[] { "consent", "legitimate_interest", "contract", "none" })
            {
                foreach (var state in States)
                {
                    foreach (var identified in new[] { true, false })
                    {
                        var message = Marketing(regime, basis, state) with
                        {
                            MessageType = type,
                            Reference = reference,
                            Orders = [Order("A-1001", "running-shoes")],
                            SenderIdentified = identified,
                        };
                        if (Outcome(message) is var outcome && outcome != expected)
                        {
                            wrong.Add($"{regime}/{basis}/{state}/{(identified ? "identified" : "anonymous")}: {outcome}");
                        }
                    }
                }
            }
        }

        Assert.Empty(wrong);
    }

    /// <summary>
    /// A user of the app is staff, not a lead: mail about their account leaves whatever the regime, basis and consent;
    /// anything else to them is blocked, a marketing message with a confirmed consent too.
    /// </summary>
    [Theory]
    [InlineData("transactional", "account:invitation-9", "allowed:transactional_reference")]
    [InlineData("transactional", "account:password-reset", "allowed:transactional_reference")]
    [InlineData("transactional", "order:A-1001", "blocked:user_gets_account_mail_only")]
    [InlineData("transactional", "request:quote-77", "blocked:user_gets_account_mail_only")]
    [InlineData("transactional", null, "blocked:user_gets_account_mail_only")]
    [InlineData("marketing", null, "blocked:user_gets_account_mail_only")]
    [InlineData("doi", null, "blocked:user_gets_account_mail_only")]
    public void AUserOfTheApp_GetsAccountMailOnly(string type, string? reference, string expected)
    {
        var message = Marketing("fr", "consent", "confirmed") with
        {
            Recipient = "user",
            MessageType = type,
            Reference = reference,
            Orders = [Order("A-1001", "running-shoes")],
        };

        Assert.Equal(expected, Outcome(message));
    }

    /// <summary>
    /// A confirmed consent in <c>fr</c> to <c>newsletter</c>, and one suppression entry on the address's hash:
    /// dead addresses stop everything (R60), an opt-out stops marketing on its channel and scope only (R33, R34).
    /// </summary>
    [Theory]
    //          sent on  entry on  scope          reason          marketing          transactional  doi
    [InlineData("email", null, null, null, ByConsent, ByReference, ByRequest)]
    [InlineData("email", "*", "*", "hard_bounce", Dead, Dead, Dead)]
    [InlineData("email", "email", "*", "hard_bounce", Dead, Dead, Dead)]
    [InlineData("email", "email", "newsletter", "hard_bounce", Dead, Dead, Dead)]
    [InlineData("email", "email", "*", "complaint", Dead, Dead, Dead)]
    [InlineData("email", "email", "*", "soft_bounces", Dead, Dead, Dead)]
    [InlineData("email", "*", "*", "erasure", OptedOut, ByReference, ByRequest)]
    [InlineData("email", "sms", "*", "hard_bounce", ByConsent, ByReference, ByRequest)]
    [InlineData("email", "sms", "*", "erasure", ByConsent, ByReference, ByRequest)]
    [InlineData("email", "email", "*", "unsubscribe", OptedOut, ByReference, ByRequest)]
    [InlineData("email", "*", "*", "unsubscribe", OptedOut, ByReference, ByRequest)]
    [InlineData("email", "sms", "*", "unsubscribe", ByConsent, ByReference, ByRequest)]
    [InlineData("email", "email", "*", "manual", OptedOut, ByReference, ByRequest)]
    [InlineData("email", "email", "newsletter", "unsubscribe", OptedOutOfPurpose, ByReference, ByRequest)]
    [InlineData("email", "*", "newsletter", "unsubscribe", OptedOutOfPurpose, ByReference, ByRequest)]
    [InlineData("email", "email", "newsletter", "manual", OptedOutOfPurpose, ByReference, ByRequest)]
    [InlineData("email", "email", "offers", "unsubscribe", ByConsent, ByReference, ByRequest)]
    [InlineData("email", "email", "Newsletter", "unsubscribe", ByConsent, ByReference, ByRequest)]
    [InlineData("email", "sms", "newsletter", "unsubscribe", ByConsent, ByReference, ByRequest)]
    [InlineData("sms", "sms", "*", "unsubscribe", OptedOut, ByReference, ByRequest)]
    [InlineData("sms", "email", "*", "unsubscribe", ByConsent, ByReference, ByRequest)]
    [InlineData("sms", "sms", "newsletter", "unsubscribe", OptedOutOfPurpose, ByReference, ByRequest)]
    [InlineData("sms", "*", "*", "complaint", Dead, Dead, Dead)]
    [InlineData("sms", "email", "*", "hard_bounce", ByConsent, ByReference, ByRequest)]
    public void Suppression_StopsWhatItsScopeCovers(string channel, string? entryChannel, string? scope, string? reason,
        string marketing, string transactional, string doi)
    {
        SuppressionEntry[] entries = entryChannel is null ? [] : [Suppressed(entryChannel, scope!, reason!)];
        var message = Marketing("fr", "consent", "confirmed") with { Channel = channel, Suppressions = entries };

        Assert.Equal(marketing, Outcome(message));
        Assert.Equal(transactional, Outcome(message with { MessageType = "transactional", Reference = "account:password-reset" }));
        Assert.Equal(doi, Outcome(message with { MessageType = "doi" }));
    }

    /// <summary>
    /// R34: an erased person's address is refused marketing by its keyed hash, whoever signs up with it next, until the
    /// address's owner confirms a fresh consent after the erasure; a pending sign-up or an older consent does not lift it.
    /// </summary>
    [Theory]
    //          state                 consent updated at (minutes after the erasure)  marketing
    [InlineData("confirmed", 1, ByConsent)]
    [InlineData("confirmed", -1, OptedOut)]
    [InlineData("confirmed", 0, OptedOut)]
    [InlineData("granted", 1, OptedOut)]
    [InlineData("pending_confirmation", 1, OptedOut)]
    public void AnErasedAddress_IsMarketedAgain_OnlyAfterAFreshConfirmedConsent(string state, int minutes, string expected)
    {
        var erasure = Suppressed("*", "*", "erasure");
        var consent = State(state)!;
        consent.UpdatedAt = erasure.CreatedAt.AddMinutes(minutes);
        var message = Marketing("fr", "consent", state) with { Consent = consent, Suppressions = [erasure] };

        Assert.Equal(expected, Outcome(message));
    }

    public static TheoryData<string, Func<GateInputs, GateInputs>, string> StructureRows() => new()
    {
        // What the gate does not recognise blocks, before anything else is read.
        { "a message type it does not know", m => m with { MessageType = "newsletter" }, "blocked:unknown_message_type" },
        { "a message type in capitals", m => m with { MessageType = "Marketing" }, "blocked:unknown_message_type" },
        { "an empty message type", m => m with { MessageType = "" }, "blocked:unknown_message_type" },
        { "an unknown type on an unknown channel", m => m with { MessageType = "fax", Channel = "postal" }, "blocked:unknown_message_type" },
        { "the phone channel", m => m with { Channel = "phone" }, "blocked:unknown_channel" },
        { "the postal channel", m => m with { Channel = "postal" }, "blocked:unknown_channel" },
        { "a channel in capitals", m => m with { Channel = "Email" }, "blocked:unknown_channel" },
        { "an unknown channel for nobody", m => m with { Channel = "phone", Person = null }, "blocked:unknown_channel" },
        // The recipient.
        { "no person (erased)", m => m with { Person = null }, "refused:no_person" },
        { "no person, transactional", m => m with { Person = null, MessageType = "transactional", Reference = "account:x" }, "refused:no_person" },
        { "no person, double opt-in", m => m with { Person = null, MessageType = "doi" }, "refused:no_person" },
        { "no email address", m => m with { Person = Person("fr", email: null) }, "blocked:no_address" },
        { "no phone number for an SMS", m => m with { Channel = "sms", Person = Person("fr", phone: null) }, "blocked:no_address" },
        { "no email address, transactional", m => m with { Person = Person("fr", email: null), MessageType = "transactional", Reference = "account:x" }, "blocked:no_address" },
        { "an email address but no phone, by email", m => m with { Person = Person("fr", phone: null) }, ByConsent },
        // The purpose.
        { "no purpose named", m => m with { PurposeKey = null, Purpose = null }, "blocked:no_purpose" },
        { "a purpose that does not exist", m => m with { PurposeKey = "promotions", Purpose = null }, "blocked:unknown_purpose" },
        { "a purpose for SMS only, by email", m => m with { Purpose = Newsletter("fr", "consent", channels: ["sms"]) }, "blocked:purpose_channel" },
        { "a purpose for email only, by SMS", m => m with { Channel = "sms", Purpose = Newsletter("fr", "consent", channels: ["email"]) }, "blocked:purpose_channel" },
        { "a basis for another regime only", m => m with { Purpose = Newsletter("de", "consent") }, "blocked:no_basis_for_regime" },
        { "a regime the engine does not know", m => m with { Person = Person("xx") }, "blocked:no_basis_for_regime" },
        { "a legal obligation", m => m with { Purpose = Newsletter("fr", "legal_obligation") }, "blocked:basis_not_for_marketing" },
        { "a basis in capitals", m => m with { Purpose = Newsletter("fr", "Consent") }, "blocked:basis_not_for_marketing" },
        { "a consent status the ledger does not use", m => m with { Consent = State("maybe") }, "blocked:no_consent" },
        // The sender (R61, R70).
        { "no sender identity", m => m with { SenderIdentified = false }, "blocked:sender_identity" },
        // Which reason wins when there are several.
        { "an opt-out from all marketing and no purpose", m => m with { PurposeKey = null, Purpose = null, Suppressions = [Suppressed("email", "*", "unsubscribe")] }, "refused:suppressed_all_marketing" },
        { "an opt-out from a purpose that does not exist", m => m with { PurposeKey = "promotions", Purpose = null, Suppressions = [Suppressed("email", "promotions", "unsubscribe")] }, "refused:suppressed_purpose" },
        { "no address to send to, and a hard bounce listed", m => m with { Person = Person("fr", email: null), Suppressions = [Suppressed("*", "*", "hard_bounce")] }, "blocked:no_address" },
        { "a wrong channel for the purpose and no sender identity", m => m with { Purpose = Newsletter("fr", "consent", channels: ["sms"]), SenderIdentified = false }, "blocked:purpose_channel" },
        { "no sender identity and no basis", m => m with { Purpose = Newsletter("de", "consent"), SenderIdentified = false }, "blocked:sender_identity" },
        { "no sender identity and a withdrawal", m => m with { Consent = State("withdrawn"), SenderIdentified = false }, "blocked:sender_identity" },
        { "no basis and a withdrawal", m => m with { Purpose = Newsletter("de", "consent"), Consent = State("withdrawn") }, "blocked:no_basis_for_regime" },
        { "an opt-out and a withdrawal", m => m with { Consent = State("withdrawn"), Suppressions = [Suppressed("email", "*", "unsubscribe")] }, "refused:suppressed_all_marketing" },
        { "a complaint, transactional without a reference", m => m with { MessageType = "transactional", Suppressions = [Suppressed("email", "*", "complaint")] }, "refused:suppressed_address" },
    };

    /// <summary>A confirmed consent in <c>fr</c> to <c>newsletter</c> by email, changed as the row says.</summary>
    [Theory]
    [MemberData(nameof(StructureRows))]
    public void Structure_AnythingUnrecognisedBlocks_InThisOrder(string change, Func<GateInputs, GateInputs> apply, string expected)
    {
        Assert.Equal(ByConsent, Outcome(Marketing("fr", "consent", "confirmed")));
        Assert.True(Outcome(apply(Marketing("fr", "consent", "confirmed"))) == expected, change);
    }

    [Fact]
    public void Evidence_IsWhatTheDecisionReliedOn()
    {
        var byConsent = GateRules.Decide(Marketing("fr", "consent", "confirmed"), ProspectingRules.Default);
        Assert.Equal(("consent_event", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"), (byConsent.EvidenceKind, byConsent.EvidenceId));

        var byInterest = GateRules.Decide(Marketing("us", "legitimate_interest", "none"), ProspectingRules.Default);
        Assert.Equal(("legitimate_interest", "newsletter:us:bt-2026-01"), (byInterest.EvidenceKind, byInterest.EvidenceId));

        var byReference = GateRules.Decide(Marketing("fr", "none", "withdrawn") with
        {
            MessageType = "transactional",
            Reference = "order:A-1001",
            Orders = [Order("A-1001", "running-shoes")],
        }, ProspectingRules.Default);
        Assert.Equal(("transactional_reference", "order:A-1001"), (byReference.EvidenceKind, byReference.EvidenceId));

        var byRequest = GateRules.Decide(Marketing("fr", "none", "none") with { MessageType = "doi" }, ProspectingRules.Default);
        Assert.Equal(("message_type", "doi"), (byRequest.EvidenceKind, byRequest.EvidenceId));
    }

    [Fact]
    public void Decision_LeavesTheAddressToTheLoader()
    {
        // The address and its hash are the loader's to add: the rules return a decision about the message only.
        var decision = GateRules.Decide(Marketing("fr", "consent", "confirmed"), ProspectingRules.Default);
        Assert.Null(decision.Address);
        Assert.Null(decision.AddressHash);
    }

    [Theory]
    [InlineData("email", "ana.martin@acme.example")]
    [InlineData("sms", "+33612345678")]
    [InlineData("phone", null)]
    [InlineData("postal", null)]
    public void AddressFor_IsTheChannelsIdentifier(string channel, string? address) =>
        Assert.Equal(address, GateRules.AddressFor(Person("fr"), channel));

    private static readonly Guid PersonId = Guid.Parse("11111111-2222-4333-8444-555555555555");
    private static readonly Guid PurposeId = Guid.Parse("22222222-3333-4444-8555-666666666666");

    /// <summary>The outcome as the tables write it; a decision that contradicts itself (allowed with a code…) never matches a row.</summary>
    private static string Outcome(GateInputs message)
    {
        var decision = GateRules.Decide(message, ProspectingRules.Default);
        return decision switch
        {
            { Allowed: true, Code: null, Refusal: false, EvidenceKind: { } kind } => $"allowed:{kind}",
            { Allowed: false, Code: { } code, EvidenceKind: null, EvidenceId: null } => $"{(decision.Refusal ? "refused" : "blocked")}:{code}",
            _ => $"inconsistent: {decision}",
        };
    }

    /// <summary>A marketing email to <c>newsletter</c>, whose basis in <paramref name="regime"/> is <paramref name="basis"/>.</summary>
    private static GateInputs Marketing(string regime, string basis, string state) => new()
    {
        Channel = "email",
        MessageType = "marketing",
        PurposeKey = "newsletter",
        Person = Person(regime),
        Purpose = Newsletter(regime, basis),
        Consent = State(state),
        SenderIdentified = true,
    };

    private static Person Person(string regime, string? email = "ana.martin@acme.example", string? phone = "+33612345678",
        Dictionary<string, string>? attributes = null) => new()
    {
        Id = PersonId,
        Email = email,
        Phone = phone,
        Regime = regime,
        Source = "form:newsletter@1",
        Attributes = attributes ?? [],
    };

    private static Purpose Newsletter(string regime, string basis, List<string>? channels = null) => new()
    {
        Id = PurposeId,
        Key = "newsletter",
        Channels = channels ?? ["email", "sms"],
        Bases = basis == "none" ? [] : new() { [regime] = new PurposeBasis(basis, basis == "legitimate_interest" ? "bt-2026-01" : null) },
    };

    private static ConsentState? State(string state) => state == "none" ? null : new()
    {
        PersonId = PersonId,
        PurposeId = PurposeId,
        Channel = "email",
        Status = state,
        LastEventId = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
    };

    private static SuppressionEntry Suppressed(string channel, string scope, string reason) => new()
    {
        AddressHash = "5d41402abc4b2a76b9719d911017c592",
        Channel = channel,
        Scope = scope,
        Reason = reason,
        Source = "test",
        CreatedAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero),
    };

    private static Purchase Order(string reference, string category, bool optOutOffered = true, bool refused = false, int day = 1) => new()
    {
        Id = new Guid($"00000000-0000-7000-8000-{day:D12}"),
        PersonId = PersonId,
        Reference = reference,
        Category = category,
        OrderedAt = new DateTimeOffset(2026, 1, day, 12, 0, 0, TimeSpan.Zero),
        OptOutOffered = optOutOffered,
        RefusedMarketing = refused,
        Source = "key:shop",
    };
}
