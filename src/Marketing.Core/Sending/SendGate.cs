using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sending;

/// <summary>What the gate answered for one message, and what it relied on.</summary>
public sealed record GateDecision(bool Allowed, string Reason, string? EvidenceKind = null, string? EvidenceId = null)
{
    public const string AllowedDecision = "allowed";
    public const string BlockedDecision = "blocked";

    /// <summary>Where the message goes, when allowed: never stored on the send record, only its hash.</summary>
    public string? Address { get; init; }
    public string? AddressHash { get; init; }

    /// <summary>
    /// The person said no, or can no longer be reached at all: suppressed, withdrawn, objected, expired or erased.
    /// Other refusals (no consent to this purpose yet, a pending confirmation) concern one message only.
    /// </summary>
    public bool Refusal { get; init; }

    public static GateDecision Block(string reason) => new(false, reason);

    public static GateDecision Refuse(string reason) => new(false, reason) { Refusal = true };
}

/// <summary>Who sends: marketing mail may not leave without it (R61, R70).</summary>
public sealed record SenderIdentity(string? LegalName, string? PostalAddress)
{
    public bool IsComplete => !string.IsNullOrWhiteSpace(LegalName) && !string.IsNullOrWhiteSpace(PostalAddress);
}

/// <summary>
/// The one place that decides whether a message may leave (R2, invariant 1). It reads everything it needs
/// at the moment of sending — person, suppression list, purpose, consent state — so a withdrawal recorded
/// after a message was queued still stops it. Anything it does not recognise blocks.
/// </summary>
public sealed class SendGate(AddressHasher hasher, SenderIdentity sender, ProspectingRules? prospecting = null)
{
    private readonly ProspectingRules _prospecting = prospecting ?? ProspectingRules.Default;

    /// <summary>Decides for a batch of messages with a handful of queries, whatever the batch's size.</summary>
    public async Task<IReadOnlyDictionary<Guid, GateDecision>> DecideAsync(MarketingDbContext db, IReadOnlyList<SendRecord> records, CancellationToken ct)
    {
        var personIds = records.Select(r => r.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var purposeKeys = records.Where(r => r.PurposeKey != null).Select(r => r.PurposeKey!).Distinct().ToList();
        var purposes = await db.Purposes.AsNoTracking().Where(p => purposeKeys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, ct);
        return await DecideAsync(db, records, people, purposes, ct);
    }

    /// <summary>
    /// The same, with the records' people and purposes already read in this pass by a caller that needs them too
    /// (the dispatcher renders with them); suppressions and consent states are always read here, now.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, GateDecision>> DecideAsync(MarketingDbContext db, IReadOnlyList<SendRecord> records,
        IReadOnlyDictionary<Guid, Person> people, IReadOnlyDictionary<string, Purpose> purposes, CancellationToken ct)
    {
        var personIds = records.Select(r => r.PersonId).Distinct().ToList();
        var addresses = new Dictionary<Guid, (string Address, string Hash)>();
        foreach (var record in records)
        {
            if (people.TryGetValue(record.PersonId, out var person) && AddressFor(person, record.Channel) is { } address)
            {
                addresses[record.Id] = (address, hasher.HashNormalized(address));
            }
        }

        var hashes = addresses.Values.Select(a => a.Hash).Distinct().ToList();
        var suppressions = (await db.Suppressions.AsNoTracking().Where(s => hashes.Contains(s.AddressHash)).ToListAsync(ct))
            .ToLookup(s => s.AddressHash);
        var purposeIds = purposes.Values.Select(p => p.Id).ToList();
        var states = (await db.ConsentStates.AsNoTracking()
                .Where(s => personIds.Contains(s.PersonId) && purposeIds.Contains(s.PurposeId))
                .ToListAsync(ct))
            .ToDictionary(s => (s.PersonId, s.PurposeId, s.Channel));
        // Orders are read only for campaigns that claim the customer exception.
        var categories = records.Select(r => r.Data.GetValueOrDefault(SendAttestations.AnalogousTo)).OfType<string>().Distinct().ToList();
        var purchases = categories.Count == 0 ? Enumerable.Empty<Purchase>().ToLookup(p => p.PersonId)
            : (await db.Purchases.AsNoTracking().Where(p => personIds.Contains(p.PersonId) && (categories.Contains(p.Category) || p.RefusedMarketing)).ToListAsync(ct))
                .ToLookup(p => p.PersonId);

        // Orders are read for transactional messages about one: the order must be this person's.
        var orderIds = records.Where(r => r.MessageType == MessageTypes.Transactional)
            .Select(r => TransactionalReference.TryParse(r.Reference, out var reference) && reference.Kind == TransactionalReference.Order ? reference.Id : null)
            .OfType<string>().Distinct().ToList();
        var orders = orderIds.Count == 0 ? [] : (await db.Purchases.AsNoTracking()
                .Where(p => personIds.Contains(p.PersonId) && orderIds.Contains(p.Reference)).Select(p => new { p.PersonId, p.Reference }).ToListAsync(ct))
            .Select(p => (p.PersonId, p.Reference)).ToHashSet();

        var decisions = new Dictionary<Guid, GateDecision>(records.Count);
        foreach (var record in records)
        {
            var found = addresses.TryGetValue(record.Id, out var to);
            var decision = Decide(record, people.GetValueOrDefault(record.PersonId), found ? to : null, suppressions, purposes, states, purchases, orders);
            decisions[record.Id] = found ? decision with { AddressHash = to.Hash, Address = decision.Allowed ? to.Address : null } : decision;
        }

        return decisions;
    }

    private GateDecision Decide(
        SendRecord record,
        Person? person,
        (string Address, string Hash)? address,
        ILookup<string, SuppressionEntry> suppressions,
        IReadOnlyDictionary<string, Purpose> purposes,
        Dictionary<(Guid, Guid, string), ConsentState> states,
        ILookup<Guid, Purchase> purchases,
        HashSet<(Guid PersonId, string Reference)> orders)
    {
        if (!MessageTypes.All.Contains(record.MessageType))
        {
            return GateDecision.Block($"unknown message type '{record.MessageType}'");
        }

        if (record.Channel is not (Channels.Email or Channels.Sms))
        {
            return GateDecision.Block($"unknown channel '{record.Channel}'");
        }

        if (person is null)
        {
            return GateDecision.Refuse("no such person (erased?)");
        }

        if (address is not { } to)
        {
            return GateDecision.Block($"the person has no {record.Channel} address");
        }

        var entries = suppressions[to.Hash].Where(s => s.Channel == SuppressionEntry.AnyChannel || s.Channel == record.Channel).ToList();
        // Dead addresses, complaints and erasures stop every kind of message (R60).
        if (entries.FirstOrDefault(s => SuppressionReasons.StopsEverything(s.Reason)) is { } hard)
        {
            return GateDecision.Refuse($"suppressed: {hard.Reason} ({hard.Source}, {hard.CreatedAt:yyyy-MM-dd})");
        }

        if (record.Recipient != SendRecipients.Person)
        {
            return Staff(record);
        }

        if (record.MessageType == MessageTypes.Transactional)
        {
            return Transactional(record, orders);
        }

        if (record.MessageType != MessageTypes.Marketing)
        {
            // A confirmation needs no consent: the person just asked for it.
            return new GateDecision(true, $"{record.MessageType} message: no marketing consent needed", "message_type", record.MessageType);
        }

        if (entries.FirstOrDefault(s => s.Scope == SuppressionEntry.AnyPurpose || s.Scope == record.PurposeKey) is { } optOut)
        {
            return GateDecision.Refuse($"suppressed: {optOut.Reason} from {(optOut.Scope == SuppressionEntry.AnyPurpose ? "all marketing" : optOut.Scope)} ({optOut.Source}, {optOut.CreatedAt:yyyy-MM-dd})");
        }

        if (record.PurposeKey is null || !purposes.TryGetValue(record.PurposeKey, out var purpose))
        {
            return GateDecision.Block(record.PurposeKey is null ? "a marketing message must name its purpose" : $"unknown purpose '{record.PurposeKey}'");
        }

        if (!purpose.Channels.Contains(record.Channel))
        {
            return GateDecision.Block($"purpose '{purpose.Key}' does not cover the {record.Channel} channel");
        }

        if (!sender.IsComplete)
        {
            return GateDecision.Block("the sender's legal name and postal address are not configured (R61, R70)");
        }

        if (!purpose.Bases.TryGetValue(person.Regime, out var basis))
        {
            return GateDecision.Block($"purpose '{purpose.Key}' declares no lawful basis for regime '{person.Regime}'");
        }

        var state = states.GetValueOrDefault((person.Id, purpose.Id, record.Channel));
        if (state?.Status is ConsentStatuses.Withdrawn or ConsentStatuses.Objected or ConsentStatuses.Expired)
        {
            // An objection ends direct marketing whatever the basis (GDPR art. 21(3)).
            return GateDecision.Refuse($"consent {state.Status} (ledger event {state.LastEventId})");
        }

        return basis.Basis switch
        {
            LawfulBases.Consent => state?.Status switch
            {
                ConsentStatuses.Granted or ConsentStatuses.Confirmed =>
                    new GateDecision(true, $"consent {state.Status}", "consent_event", state.LastEventId.ToString()),
                ConsentStatuses.PendingConfirmation => CustomerException(record, person, purchases)
                    ?? GateDecision.Block("consent is pending double opt-in confirmation (R20)"),
                _ => CustomerException(record, person, purchases)
                    ?? GateDecision.Block($"no consent recorded for '{purpose.Key}' on {record.Channel}"),
            },
            LawfulBases.LegitimateInterest => LegitimateInterest(record, person, to.Address, purpose, basis),
            _ => GateDecision.Block($"basis '{basis.Basis}' does not allow marketing"),
        };
    }

    /// <summary>
    /// Legitimate interest carries electronic marketing only where the law lets it: business addresses in
    /// France and the EU (R4), the UK's B2B rule, and the opt-out regimes of the US and elsewhere. Never in
    /// Germany (R8), never to EU consumers (R3: for them it is consent, or the customer exception that a purpose
    /// based on consent may rest on), never under CASL's consent rule.
    /// </summary>
    private GateDecision LegitimateInterest(SendRecord record, Person person, string address, Purpose purpose, PurposeBasis basis)
    {
        var regime = person.Regime;
        var evidence = $"{purpose.Key}:{regime}:{basis.BalancingTestRef}";
        switch (regime)
        {
            case "de" or "de-b2b":
                return GateDecision.Block("legitimate interest is never a basis for electronic marketing in Germany (R8)");
            case "fr" or "eu" or "uk":
                return GateDecision.Block($"legitimate interest does not carry electronic marketing to consumers in regime '{regime}' (R3)");
            case "ca" or "ca-b2b":
                return GateDecision.Block("Canadian law needs consent for electronic marketing");
        }

        if (!ProspectingRules.NeedsRelevance(regime))
        {
            return new GateDecision(true, $"legitimate interest for regime '{regime}'", "legitimate_interest", evidence);
        }

        // R4: the campaign must concern the recipient's job, and the engine must know what that job is, unless the
        // address is a company's own mailbox, which is no natural person's.
        if (record.Data.GetValueOrDefault(SendAttestations.RelevantToRole) != "true")
        {
            return GateDecision.Block($"legitimate interest in regime '{regime}' needs the campaign attested relevant to the recipient's role (relevantToRole, R4)");
        }

        if (record.Channel == Channels.Email && _prospecting.IsLegalPersonAddress(address))
        {
            return new GateDecision(true, $"legitimate interest for regime '{regime}', legal_person_address, relevance to the role attested",
                "legitimate_interest", evidence);
        }

        return ProspectingRules.HasRole(person)
            ? new GateDecision(true, $"legitimate interest for regime '{regime}', relevance to the role attested", "legitimate_interest", evidence)
            : GateDecision.Block($"legitimate interest in regime '{regime}' needs the person's role or industry (attribute {string.Join(", ", ProspectingRules.RoleAttributes)}; R4)");
    }

    /// <summary>
    /// The customer exception (R3, R7, § 7(3) UWG): no consent, but an order in the category the campaign's offer is
    /// analogous to, taken with a free way to refuse marketing; every marketing message carries the opt-out. Null when
    /// the campaign does not claim it.
    /// </summary>
    private static GateDecision? CustomerException(SendRecord record, Person person, ILookup<Guid, Purchase> purchases)
    {
        if (record.Data.GetValueOrDefault(SendAttestations.AnalogousTo) is not { } category)
        {
            return null;
        }

        if (!ProspectingRules.CustomerExceptionApplies(person.Regime))
        {
            return GateDecision.Block($"no consent, and the customer exception does not apply in regime '{person.Regime}'");
        }

        var orders = purchases[person.Id].Where(p => p.Category == category).ToList();
        if (orders.Count == 0)
        {
            return GateDecision.Block($"no consent, and no order in category '{category}' for the customer exception (R3)");
        }

        if (purchases[person.Id].FirstOrDefault(o => o.RefusedMarketing) is { } refused)
        {
            return GateDecision.Refuse($"no consent, and the customer refused marketing when ordering ({refused.Reference}, R3)");
        }

        return orders.Where(o => o.OptOutOffered).OrderByDescending(o => o.OrderedAt).FirstOrDefault() is { } order
            ? new GateDecision(true, $"customer exception: order {order.Reference} in '{category}', refusal offered at collection", "customer_exception", order.Id.ToString())
            : GateDecision.Block($"no consent, and the orders in '{category}' were taken without offering a way to refuse marketing (R3)");
    }

    /// <summary>
    /// Transactional mail needs no consent because it is owed to the person: about their order, their request, their
    /// account. Checked here again at sending, whoever queued it (R60; issue 14, item 1): without a reference, or about an
    /// order that is not theirs, it is marketing in disguise and blocked.
    /// </summary>
    private static GateDecision Transactional(SendRecord record, HashSet<(Guid PersonId, string Reference)> orders)
    {
        if (!TransactionalReference.TryParse(record.Reference, out var reference))
        {
            return GateDecision.Block("a transactional message must name the order, request or account event it is about (reference, R60)");
        }

        return reference.Kind == TransactionalReference.Order && !orders.Contains((record.PersonId, reference.Id))
            ? GateDecision.Block($"transactional message about order '{reference.Id}', which is no order of this person (reference, R60)")
            : new GateDecision(true, $"transactional message about {reference}: no marketing consent needed", "transactional_reference", reference.ToString());
    }

    /// <summary>
    /// A user of the web app is not a lead: the engine writes to one only about their account (an invitation, a
    /// password reset), never marketing, whatever asked for it (ADR 9).
    /// </summary>
    private static GateDecision Staff(SendRecord record) =>
        record.Recipient == SendRecipients.User && record.MessageType == MessageTypes.Transactional
            && TransactionalReference.TryParse(record.Reference, out var reference) && reference.Kind == TransactionalReference.Account
            ? new GateDecision(true, $"account message to a user of the app about {reference}: no marketing consent needed", "transactional_reference", reference.ToString())
            : GateDecision.Block("a user of the app receives only transactional messages about their account (reference account:…)");

    private static string? AddressFor(Person person, string channel) => channel switch
    {
        Channels.Email => person.Email,
        Channels.Sms => person.Phone,
        _ => null,
    };
}
