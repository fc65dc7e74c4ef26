using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sending;

/// <summary>Who sends: marketing mail may not leave without it (R61, R70).</summary>
public sealed record SenderIdentity(string? LegalName, string? PostalAddress)
{
    public bool IsComplete => !string.IsNullOrWhiteSpace(LegalName) && !string.IsNullOrWhiteSpace(PostalAddress);
}

/// <summary>
/// The one way a message is let out (R2, invariant 1): it reads what <see cref="GateRules"/> weighs — person,
/// suppression list, purpose, consent state, orders — at the moment of sending, so a withdrawal recorded after a
/// message was queued still stops it, and hands each message to the rules.
/// </summary>
public sealed class SendGate(AddressHasher hasher, SenderIdentity sender, ProspectingRules? prospecting = null, TimeProvider? clock = null)
{
    private readonly ProspectingRules _prospecting = prospecting ?? ProspectingRules.Default;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

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
            if (people.TryGetValue(record.PersonId, out var person) && GateRules.AddressFor(person, record.Channel) is { } address)
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
        // Orders are read for campaigns that claim the customer exception, and for transactional messages about one.
        var categories = records.Select(r => r.Data.GetValueOrDefault(SendAttestations.AnalogousTo)).OfType<string>().Distinct().ToList();
        var orderIds = records.Where(r => r.MessageType == MessageTypes.Transactional)
            .Select(r => TransactionalReference.TryParse(r.Reference, out var reference) && reference.Kind == TransactionalReference.Order ? reference.Id : null)
            .OfType<string>().Distinct().ToList();
        var claimsException = categories.Count > 0;
        var orders = categories.Count == 0 && orderIds.Count == 0 ? Enumerable.Empty<Purchase>().ToLookup(p => p.PersonId)
            : (await db.Purchases.AsNoTracking()
                .Where(p => personIds.Contains(p.PersonId)
                    && (categories.Contains(p.Category) || (claimsException && p.RefusedMarketing) || orderIds.Contains(p.Reference)))
                .ToListAsync(ct))
            .ToLookup(p => p.PersonId);

        var now = _clock.GetUtcNow();
        var decisions = new Dictionary<Guid, GateDecision>(records.Count);
        foreach (var record in records)
        {
            var found = addresses.TryGetValue(record.Id, out var to);
            var person = people.GetValueOrDefault(record.PersonId);
            var purpose = record.PurposeKey is null ? null : purposes.GetValueOrDefault(record.PurposeKey);
            var decision = GateRules.Decide(new GateInputs
            {
                Channel = record.Channel,
                MessageType = record.MessageType,
                PurposeKey = record.PurposeKey,
                Reference = record.Reference,
                Recipient = record.Recipient,
                Attestations = record.Data,
                Person = person,
                Purpose = purpose,
                Consent = person is null || purpose is null ? null : states.GetValueOrDefault((person.Id, purpose.Id, record.Channel)),
                Suppressions = found ? [.. suppressions[to.Hash]] : [],
                Orders = [.. orders[record.PersonId]],
                SenderIdentified = sender.IsComplete,
                Now = now,
            }, _prospecting);
            decisions[record.Id] = found ? decision with { AddressHash = to.Hash, Address = decision.Allowed ? to.Address : null } : decision;
        }

        return decisions;
    }
}
