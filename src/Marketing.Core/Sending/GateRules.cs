using Marketing.Consent;
using Marketing.Leads;
using Marketing.Suppression;

namespace Marketing.Sending;

/// <summary>
/// Everything the gate weighs for one message, as read at the moment of sending: the message, its recipient, the
/// purpose it serves, and what is recorded about them. <see cref="SendGate"/> reads these in batch.
/// </summary>
public sealed record GateInputs
{
    public required string Channel { get; init; }
    public required string MessageType { get; init; }
    public string? PurposeKey { get; init; }
    /// <summary>What a transactional message is about, <c>kind:id</c>.</summary>
    public string? Reference { get; init; }
    /// <summary><c>person</c> (a lead) or <c>user</c> (a user of the app, who gets account mail only).</summary>
    public string Recipient { get; init; } = SendRecipients.Person;
    /// <summary>What the marketer stated about the campaign (<see cref="SendAttestations"/>).</summary>
    public IReadOnlyDictionary<string, string> Attestations { get; init; } = new Dictionary<string, string>();
    /// <summary>Null when there is no such person (erased).</summary>
    public Person? Person { get; init; }
    /// <summary>The purpose named by <see cref="PurposeKey"/>, null when there is none by that key.</summary>
    public Purpose? Purpose { get; init; }
    /// <summary>The person's consent state for the purpose on the channel, null when the ledger holds none.</summary>
    public ConsentState? Consent { get; init; }
    /// <summary>Suppression entries on the hash of the person's address on the channel, whatever their channel.</summary>
    public IReadOnlyList<SuppressionEntry> Suppressions { get; init; } = [];
    /// <summary>
    /// The person's orders: at least those in the category the campaign is analogous to, those where marketing was
    /// refused, and the one a transactional message names.
    /// </summary>
    public IReadOnlyList<Purchase> Orders { get; init; } = [];
    /// <summary>The sender's legal name and postal address are configured (R61, R70).</summary>
    public bool SenderIdentified { get; init; }
    /// <summary>The moment of sending; with <see cref="LastContactAt"/>, what a basis's <c>valid_until</c> is weighed against (R19), and the deadlines that run from a person's collection (R52).</summary>
    public DateTimeOffset? At { get; init; }
    /// <summary>The person's last qualifying activity (<see cref="Compliance.ReadLastContact"/>); null when not read.</summary>
    public DateTimeOffset? LastContactAt { get; init; }
}

/// <summary>
/// Whether one message may leave, and on what evidence (R2, invariant 1): a function of its inputs alone, with no
/// database, clock or network, so that every rule can be tested as a table. Anything it does not recognise blocks.
/// </summary>
public static class GateRules
{
    /// <summary>R52: art. 14(3)(a), "within a reasonable period ... at the latest within one month".</summary>
    public const int Art14Days = 30;

    public static GateDecision Decide(GateInputs message, ProspectingRules prospecting)
    {
        if (!MessageTypes.All.Contains(message.MessageType))
        {
            return GateDecision.Block(BlockCodes.UnknownMessageType, $"unknown message type '{message.MessageType}'");
        }

        if (message.Channel is not (ChannelKeys.Email or ChannelKeys.Sms))
        {
            return GateDecision.Block(BlockCodes.UnknownChannel, $"unknown channel '{message.Channel}'");
        }

        if (message.Person is not { } person)
        {
            return GateDecision.Refuse(BlockCodes.NoPerson, "no such person (erased?)");
        }

        // R39, GDPR art. 18(2): a restricted person's data is only stored, so nothing leaves, transactional mail and
        // confirmations included. The notice that the restriction is lifted is queued once it is lifted (LiftRestriction).
        if (message.Recipient == SendRecipients.Person && person.RestrictedAt is { } restrictedAt)
        {
            return GateDecision.Block(BlockCodes.Restricted, $"processing of this person is restricted since {restrictedAt:yyyy-MM-dd} (R39)");
        }

        if (AddressFor(person, message.Channel) is not { } address)
        {
            return GateDecision.Block(BlockCodes.NoAddress, $"the person has no {message.Channel} address");
        }

        var entries = message.Suppressions.Where(s => s.Channel == SuppressionEntry.AnyChannel || s.Channel == message.Channel).ToList();
        // Dead addresses, complaints and erasures stop every kind of message (R60).
        if (entries.FirstOrDefault(s => SuppressionReasons.StopsEverything(s.Reason)) is { } hard)
        {
            return GateDecision.Refuse(BlockCodes.SuppressedAddress, $"suppressed: {hard.Reason} ({hard.Source}, {hard.CreatedAt:yyyy-MM-dd})");
        }

        if (message.Recipient == SendRecipients.Requester)
        {
            return RequesterMail(message);
        }

        if (message.Recipient != SendRecipients.Person)
        {
            return AccountMail(message);
        }

        if (message.MessageType == MessageTypes.Transactional)
        {
            return Transactional(message);
        }

        if (message.MessageType != MessageTypes.Marketing)
        {
            // A confirmation needs no consent: the person just asked for it.
            return new GateDecision(true, $"{message.MessageType} message: no marketing consent needed", "message_type", message.MessageType);
        }

        // R34: an erasure's keyed hash refuses marketing to the address until its owner confirms a fresh consent after it.
        // An objection outranks an opt-out in the same scope: it is the stronger statement (R17, GDPR art. 21(3)).
        if (entries.Where(s => (s.Scope == SuppressionEntry.AnyPurpose || s.Scope == message.PurposeKey)
                && !(s.Reason == SuppressionReasons.Erasure && message.Consent is { Status: ConsentStatuses.Confirmed } fresh && fresh.UpdatedAt > s.CreatedAt))
                .OrderBy(s => s.Reason == SuppressionReasons.Objection ? 0 : 1).FirstOrDefault() is { } optOut)
        {
            if (optOut.Reason == SuppressionReasons.Objection)
            {
                return GateDecision.Refuse(BlockCodes.Objected,
                    $"objection to {(optOut.Scope == SuppressionEntry.AnyPurpose ? "all marketing" : optOut.Scope)} on {optOut.Channel} ({optOut.Source}, {optOut.CreatedAt:yyyy-MM-dd}, R17)");
            }

            return GateDecision.Refuse(optOut.Scope == SuppressionEntry.AnyPurpose ? BlockCodes.SuppressedAllMarketing : BlockCodes.SuppressedPurpose,
                $"suppressed: {optOut.Reason} from {(optOut.Scope == SuppressionEntry.AnyPurpose ? "all marketing" : optOut.Scope)} ({optOut.Source}, {optOut.CreatedAt:yyyy-MM-dd})");
        }

        if (message.PurposeKey is null || message.Purpose is not { } purpose)
        {
            return message.PurposeKey is null
                ? GateDecision.Block(BlockCodes.NoPurpose, "a marketing message must name its purpose")
                : GateDecision.Block(BlockCodes.UnknownPurpose, $"unknown purpose '{message.PurposeKey}'");
        }

        if (!purpose.Channels.Contains(message.Channel))
        {
            return GateDecision.Block(BlockCodes.PurposeChannel, $"purpose '{purpose.Key}' does not cover the {message.Channel} channel");
        }

        if (!message.SenderIdentified)
        {
            return GateDecision.Block(BlockCodes.SenderIdentity, "the sender's legal name and postal address are not configured (R61, R70)");
        }

        if (!purpose.Bases.TryGetValue(person.Regime, out var basis))
        {
            return GateDecision.Block(BlockCodes.NoBasisForRegime, $"purpose '{purpose.Key}' declares no lawful basis for regime '{person.Regime}'");
        }

        // R52, GDPR art. 14(3): a person whose data came from someone else is told within a month, or is not marketed to.
        if (person.CollectedIndirectlyAt is { } collected && person.Art14InformedAt is null && message.At is { } sendingAt && sendingAt > collected.AddDays(Art14Days))
        {
            return GateDecision.Block(BlockCodes.Art14NotInformed,
                $"collected indirectly on {collected:yyyy-MM-dd} and not given the art. 14 information within {Art14Days} days (R52)");
        }

        var state = message.Consent;
        if (state?.Status is ConsentStatuses.Withdrawn or ConsentStatuses.Objected or ConsentStatuses.Expired)
        {
            // An objection ends direct marketing whatever the basis (GDPR art. 21(3)).
            var code = state.Status switch
            {
                ConsentStatuses.Withdrawn => BlockCodes.ConsentWithdrawn,
                ConsentStatuses.Objected => BlockCodes.ConsentObjected,
                _ => BlockCodes.ConsentExpired,
            };
            return GateDecision.Refuse(code, $"consent {state.Status} (ledger event {state.LastEventId})");
        }

        // R19: an expired basis is as good as none. The one re-permission message to a person in retention_expiring
        // (R40) is the exception; whatever else would stop it (withdrawal, objection, suppression, the basis) still does.
        if (message.At is { } at && message.LastContactAt is { } lastContact
            && Compliance.RetentionRules.ValidUntil(lastContact, person.Regime, basis) is { } validUntil && at >= validUntil
            && !(message.Attestations.GetValueOrDefault(SendAttestations.Repermission) == "true" && person.RetentionExpiringAt is not null))
        {
            return GateDecision.Refuse(BlockCodes.BasisExpired,
                $"the {basis.Basis} basis of '{purpose.Key}' in regime '{person.Regime}' was valid until {validUntil:yyyy-MM-dd}, after the last contact on {lastContact:yyyy-MM-dd} (R19)");
        }

        return basis.Basis switch
        {
            LawfulBases.Consent => state?.Status switch
            {
                ConsentStatuses.Granted or ConsentStatuses.Confirmed =>
                    new GateDecision(true, $"consent {state.Status}", "consent_event", state.LastEventId.ToString()),
                ConsentStatuses.PendingConfirmation => CustomerException(message, person)
                    ?? GateDecision.Block(BlockCodes.ConsentPending, "consent is pending double opt-in confirmation (R20)"),
                _ => CustomerException(message, person)
                    ?? GateDecision.Block(BlockCodes.NoConsent, $"no consent recorded for '{purpose.Key}' on {message.Channel}"),
            },
            // R51, R55: someone else's list carries no legitimate interest of ours unless its assessment was named for the purpose.
            LawfulBases.LegitimateInterest when person.CollectedIndirectlyAt is not null
                && state?.Status is not (ConsentStatuses.LegitimateInterest or ConsentStatuses.Granted or ConsentStatuses.Confirmed) =>
                GateDecision.Block(BlockCodes.NoMarketingBasis, $"collected indirectly with no basis recorded for '{purpose.Key}' on {message.Channel} (R55)"),
            LawfulBases.LegitimateInterest => LegitimateInterest(message, person, address, purpose, basis, prospecting),
            _ => GateDecision.Block(BlockCodes.BasisNotForMarketing, $"basis '{basis.Basis}' does not allow marketing"),
        };
    }

    /// <summary>Where a message on <paramref name="channel"/> goes; null for a channel the gate does not send on.</summary>
    public static string? AddressFor(Person person, string channel) => channel switch
    {
        ChannelKeys.Email => person.Email,
        // The same form STOP suppresses: a number libphonenumber rejects is still suppressed as stored (R58, R64).
        ChannelKeys.Sms => Identifiers.PhoneKey(person.Phone),
        _ => null,
    };

    /// <summary>
    /// Legitimate interest carries electronic marketing only where the law lets it: business addresses in
    /// France and the EU (R4), the UK's B2B rule, and the opt-out regimes of the US and elsewhere. Never in
    /// Germany (R8), never to EU consumers (R3: for them it is consent, or the customer exception that a purpose
    /// based on consent may rest on), never under CASL's consent rule.
    /// </summary>
    private static GateDecision LegitimateInterest(GateInputs message, Person person, string address, Purpose purpose, PurposeBasis basis, ProspectingRules prospecting)
    {
        var regime = person.Regime;
        var evidence = $"{purpose.Key}:{regime}:{basis.BalancingTestRef}";
        switch (regime)
        {
            case "de" or "de-b2b":
                return GateDecision.Block(BlockCodes.LegitimateInterestNotAllowed, "legitimate interest is never a basis for electronic marketing in Germany (R8)");
            case "fr" or "eu" or "uk":
                return GateDecision.Block(BlockCodes.LegitimateInterestNotAllowed, $"legitimate interest does not carry electronic marketing to consumers in regime '{regime}' (R3)");
            case "ca" or "ca-b2b":
                return GateDecision.Block(BlockCodes.LegitimateInterestNotAllowed, "Canadian law needs consent for electronic marketing");
        }

        if (!ProspectingRules.NeedsRelevance(regime))
        {
            return new GateDecision(true, $"legitimate interest for regime '{regime}'", "legitimate_interest", evidence);
        }

        // R4: the campaign must concern the recipient's job, and the engine must know what that job is, unless the
        // address is a company's own mailbox, which is no natural person's.
        if (message.Attestations.GetValueOrDefault(SendAttestations.RelevantToRole) != "true")
        {
            return GateDecision.Block(BlockCodes.RelevanceNotAttested, $"legitimate interest in regime '{regime}' needs the campaign attested relevant to the recipient's role (relevantToRole, R4)");
        }

        if (message.Channel == ChannelKeys.Email && prospecting.IsLegalPersonAddress(address))
        {
            return new GateDecision(true, $"legitimate interest for regime '{regime}', legal_person_address, relevance to the role attested",
                "legitimate_interest", evidence);
        }

        return ProspectingRules.HasRole(person)
            ? new GateDecision(true, $"legitimate interest for regime '{regime}', relevance to the role attested", "legitimate_interest", evidence)
            : GateDecision.Block(BlockCodes.RoleUnknown, $"legitimate interest in regime '{regime}' needs the person's role or industry (attribute {string.Join(", ", ProspectingRules.RoleAttributes)}; R4)");
    }

    /// <summary>
    /// The customer exception (R3, R7, § 7(3) UWG): no consent, but an order in the category the campaign's offer is
    /// analogous to, taken with a free way to refuse marketing; every marketing message carries the opt-out. Null when
    /// the campaign does not claim it.
    /// </summary>
    private static GateDecision? CustomerException(GateInputs message, Person person)
    {
        if (message.Attestations.GetValueOrDefault(SendAttestations.AnalogousTo) is not { } category)
        {
            return null;
        }

        if (!ProspectingRules.CustomerExceptionApplies(person.Regime))
        {
            return GateDecision.Block(BlockCodes.CustomerExceptionNotApplicable, $"no consent, and the customer exception does not apply in regime '{person.Regime}'");
        }

        var orders = message.Orders.Where(p => p.Category == category).ToList();
        if (orders.Count == 0)
        {
            return GateDecision.Block(BlockCodes.NoQualifyingOrder, $"no consent, and no order in category '{category}' for the customer exception (R3)");
        }

        if (message.Orders.FirstOrDefault(o => o.RefusedMarketing) is { } refused)
        {
            return GateDecision.Refuse(BlockCodes.CustomerRefusedMarketing, $"no consent, and the customer refused marketing when ordering ({refused.Reference}, R3)");
        }

        return orders.Where(o => o.OptOutOffered).OrderByDescending(o => o.OrderedAt).FirstOrDefault() is { } order
            ? new GateDecision(true, $"customer exception: order {order.Reference} in '{category}', refusal offered at collection", "customer_exception", order.Id.ToString())
            : GateDecision.Block(BlockCodes.OrderWithoutOptOut, $"no consent, and the orders in '{category}' were taken without offering a way to refuse marketing (R3)");
    }

    /// <summary>
    /// Transactional mail needs no consent because it is owed to the person: about their order, their request, their
    /// account. Checked here again at sending, whoever queued it (R60): without a reference, or about an
    /// order that is not theirs, it is marketing in disguise and blocked.
    /// </summary>
    /// <summary>A user of the app is staff, not a lead: they receive mail about their account and nothing else.</summary>
    private static GateDecision AccountMail(GateInputs message) =>
        message.Recipient == SendRecipients.User && message.MessageType == MessageTypes.Transactional
            && TransactionalReference.TryParse(message.Reference, out var reference) && reference.Kind == TransactionalReference.Account
            ? new GateDecision(true, $"account message to a user of the app about {reference}: no marketing consent needed", "transactional_reference", reference.ToString())
            : GateDecision.Block(BlockCodes.UserGetsAccountMailOnly, "a user of the app receives only transactional messages about their account (reference account:…)");

    /// <summary>Someone who filed a data-subject request receives mail about that request and nothing else (R36).</summary>
    private static GateDecision RequesterMail(GateInputs message) =>
        message.MessageType == MessageTypes.Transactional
            && TransactionalReference.TryParse(message.Reference, out var reference) && reference.Kind == TransactionalReference.Request
            ? new GateDecision(true, $"message to a requester about their request {reference}: no marketing consent needed", "transactional_reference", reference.ToString())
            : GateDecision.Block(BlockCodes.RequesterGetsRequestMailOnly, "a requester receives only transactional messages about their request (reference request:…)");

    private static GateDecision Transactional(GateInputs message)
    {
        if (!TransactionalReference.TryParse(message.Reference, out var reference))
        {
            return GateDecision.Block(BlockCodes.TransactionalWithoutReference, "a transactional message must name the order, request or account event it is about (reference, R60)");
        }

        // R52: a notice is owed only to a person collected indirectly and not yet told; to anyone else it is marketing in disguise.
        if (reference.Kind == TransactionalReference.Notice && (message.Person is not { } person || !Leads.Art14Rules.Owed(person)))
        {
            return GateDecision.Block(BlockCodes.TransactionalNoticeNotOwed, "a notice goes only to a person collected indirectly who was not yet given the art. 14 information (reference, R52)");
        }

        return reference.Kind == TransactionalReference.Order && !message.Orders.Any(o => o.Reference == reference.Id)
            ? GateDecision.Block(BlockCodes.TransactionalOrderNotTheirs, $"transactional message about order '{reference.Id}', which is no order of this person (reference, R60)")
            : new GateDecision(true, $"transactional message about {reference}: no marketing consent needed", "transactional_reference", reference.ToString());
    }
}
