using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>Where the consent ledger's chain first fails to hold, if anywhere (R15).</summary>
public sealed record LedgerBreak(Guid? EventId, Guid PersonId, long Sequence, string Reason);

public sealed record LedgerVerification(long EventsChecked, long PeopleChecked, LedgerBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;

    /// <summary>One line for the audit log.</summary>
    public string Summary => FirstBreak is { } b
        ? $"broken at event {b.EventId?.ToString() ?? "(missing)"} person={b.PersonId} sequence={b.Sequence}"
        : $"intact events={EventsChecked}";
}

public static class VerifyLedger
{
    public const string VerifiedAction = "ledger.verified";
    /// <summary>The alert: an audit warning that the chain is broken, raised by the scheduled verification.</summary>
    public const string BrokenAction = "ledger.broken";
    public const string ScheduledActor = "job:ledger-verify";

    /// <summary>The last verification and what it found, for the home and compliance pages' status.</summary>
    public sealed record Status(DateTimeOffset At, string Actor, bool Intact, string? Detail);

    /// <summary>
    /// The daily verification (R15, R49): the same check, by the engine itself; a break is also an audit warning
    /// (<see cref="BrokenAction"/>), raised once per break found. Run again the same day, it checks nothing more and
    /// returns null (one verification a day is its schedule).
    /// </summary>
    public static async Task<LedgerVerification?> ScheduledAsync(MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now.AddHours(-20);
        if (await db.AuditEntries.AnyAsync(a => a.Action == VerifiedAction && a.Actor == ScheduledActor && a.At >= since && a.At <= now, ct))
        {
            return null;
        }

        var result = await CheckAsync(db, ct);
        db.AuditEntries.Add(AuditEntry.Create(clock, ScheduledActor, VerifiedAction, null, result.Summary));
        if (result.FirstBreak is { } broken)
        {
            db.AuditEntries.Add(AuditEntry.Create(clock, ScheduledActor, BrokenAction, broken.EventId?.ToString() ?? broken.PersonId.ToString(),
                $"{result.Summary}: {broken.Reason}", broken.EventId is null ? "person" : "consent_event"));
        }

        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>The newest verification, on demand or scheduled, or null before the first.</summary>
    public static async Task<Status?> LastAsync(MarketingDbContext db, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking().Where(a => a.Action == VerifiedAction).OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new Status(a.At, a.Actor, a.Detail == null || !a.Detail.StartsWith("broken"), a.Detail))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Recomputes every event's hash and link, person by person, streaming the ledger, and checks that each
    /// person's recorded chain head is the last event found (a deleted tail leaves no other trace). Each
    /// verification, and what it found, goes to the audit log with who asked.
    /// </summary>
    public static async Task<LedgerVerification> HandleAsync(MarketingDbContext db, TimeProvider clock, string actor, CancellationToken ct)
    {
        var result = await CheckAsync(db, ct);
        await RecordAudit.HandleAsync(db, clock, actor, VerifiedAction, null, result.Summary, ct);
        return result;
    }

    private static async Task<LedgerVerification> CheckAsync(MarketingDbContext db, CancellationToken ct)
    {
        long events = 0;
        var lastSeen = new Dictionary<Guid, (long Sequence, string Hash)>();
        Guid? currentPerson = null;
        long expectedSequence = 1;
        string? previousHash = null;
        // R38: only an erasure may remove an event's personal fields, and every erasure is on record.
        var erasedPeople = (await db.Erasures.AsNoTracking().Select(x => x.PersonId).ToListAsync(ct)).ToHashSet();
        // R41: and consent proof past its period, purged per person, purpose and channel.
        var purged = (await db.EvidencePurges.AsNoTracking().Select(x => new { x.PersonId, x.PurposeId, x.Channel }).ToListAsync(ct))
            .Select(x => (x.PersonId, x.PurposeId, x.Channel)).ToHashSet();

        await foreach (var e in db.ConsentEvents.AsNoTracking().OrderBy(e => e.PersonId).ThenBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            events++;
            if (e.PersonId != currentPerson)
            {
                currentPerson = e.PersonId;
                expectedSequence = 1;
                previousHash = null;
            }

            var problem =
                e.Sequence != expectedSequence ? $"sequence {e.Sequence} where {expectedSequence} was expected: an event is missing" :
                e.PreviousHash != previousHash ? "its previous-hash does not match the event before it: the chain was cut or reordered" :
                LedgerHash.Check(e) is { } altered ? altered :
                (e.ErasedAt is not null || e.PersonalSalt is null && e.HashVersion == LedgerHash.Committed) && !erasedPeople.Contains(e.PersonId) && !purged.Contains((e.PersonId, e.PurposeId, e.Channel))
                    ? "its personal fields were removed, but no erasure of the person or purge of their proof is on record" :
                null;
            if (problem is not null)
            {
                return new LedgerVerification(events, lastSeen.Count + 1, new LedgerBreak(e.Id, e.PersonId, e.Sequence, problem));
            }

            previousHash = e.Hash;
            expectedSequence++;
            lastSeen[e.PersonId] = (e.Sequence, e.Hash);
        }

        await foreach (var person in db.People.AsNoTracking().Where(p => p.LedgerSequence > 0)
            .Select(p => new { p.Id, p.LedgerSequence, p.LedgerHead }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!lastSeen.TryGetValue(person.Id, out var last) || last.Sequence != person.LedgerSequence || last.Hash != person.LedgerHead)
            {
                return new LedgerVerification(events, lastSeen.Count, new LedgerBreak(null, person.Id, person.LedgerSequence,
                    $"the person's chain ends at event {person.LedgerSequence}, but the ledger's last event is {(lastSeen.TryGetValue(person.Id, out var l) ? l.Sequence : 0)}: events were removed"));
            }
        }

        return new LedgerVerification(events, lastSeen.Count, null);
    }
}
