using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Consent proof past its period, run daily (R41): once processing of a person under a purpose and channel ended (a
/// withdrawal, objection or expiry) more than the proof's years ago, the cleartext of those ledger events (address, IP,
/// user agent, page) is erased; the rows, their commitments and hashes stay, so the chain verifies (ADR 16). A person
/// under a legal hold of their consent proof is skipped. Running it twice changes nothing more.
/// </summary>
public static class PurgeConsentProof
{
    public const string Actor = "job:consent-proof-purge";
    public const string Action = "consent_proof.purged";
    private static readonly string[] Ended = [ConsentStatuses.Withdrawn, ConsentStatuses.Objected, ConsentStatuses.Expired];

    /// <param name="Held">People whose proof is due but kept by a legal hold.</param>
    public sealed record Report(int People, int Events, int Held)
    {
        public override string ToString() => $"people={People} events={Events} held={Held}";
    }

    public static async Task<Report> HandleAsync(MarketingDbContext db, TimeProvider clock, int years, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var endedBefore = now.AddYears(-years);
        // States whose processing ended long enough ago, of people not erased (an erasure already tombstoned theirs),
        // not yet purged.
        var due = await db.ConsentStates.AsNoTracking()
            .Where(s => Ended.Contains(s.Status) && s.UpdatedAt <= endedBefore)
            .Where(s => db.People.Any(p => p.Id == s.PersonId && p.ErasedAt == null))
            .Where(s => !db.EvidencePurges.Any(x => x.PersonId == s.PersonId && x.PurposeId == s.PurposeId && x.Channel == s.Channel))
            .Select(s => new { s.PersonId, s.PurposeId, s.Channel, s.UpdatedAt })
            .ToListAsync(ct);
        var held = (await db.LegalHolds.AsNoTracking()
            .Where(h => h.ReleasedAt == null && h.RecordKind == HeldRecordKinds.ConsentProof).Select(h => h.PersonId).ToListAsync(ct)).ToHashSet();

        var events = 0;
        HashSet<Guid> people = [], kept = [];
        foreach (var state in due)
        {
            if (!RetentionRules.MayPurgeEvidence(RetentionRules.ConsentProofUntil(state.UpdatedAt, years), now, held.Contains(state.PersonId)))
            {
                kept.Add(state.PersonId);
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.ConsentEvents.AsNoTracking()
                .Where(e => e.PersonId == state.PersonId && e.PurposeId == state.PurposeId && e.Channel == state.Channel && e.ErasedAt == null)
                .OrderBy(e => e.Sequence).ToListAsync(ct);
            await LedgerTombstones.WriteAsync(db, rows, now, ct);
            db.EvidencePurges.Add(new EvidencePurge
            {
                Id = Guid.CreateVersion7(), PersonId = state.PersonId, PurposeId = state.PurposeId, Channel = state.Channel,
                ProcessingEndedAt = state.UpdatedAt, PurgedAt = now, Events = rows.Count,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            events += rows.Count;
            people.Add(state.PersonId);
        }

        var report = new Report(people.Count, events, kept.Count);
        // R41: every purge is logged with its counts (and how many were kept by a hold); a day with nothing purged writes nothing.
        if (people.Count > 0)
        {
            db.AuditEntries.Add(AuditEntry.Create(clock, Actor, Action, null, $"{report} years={years}"));
            await db.SaveChangesAsync(ct);
        }

        return report;
    }
}
