using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// The prospect rule, run daily (R19, R40): a person whose last qualifying activity is older than the prospect period
/// enters <c>retention_expiring</c> and is sent one re-permission message, through the gate like any message; a
/// qualifying activity since (a click, a reply, an order, a confirmed consent) keeps them; without one within the answer
/// days they are erased or archived as their purposes' policy says. Running it twice in a day changes nothing more.
/// </summary>
public static class ApplyRetention
{
    public const string Actor = "job:retention";
    public const string Action = "retention.applied";
    public const string RepermissionTemplate = "retention-repermission";
    public const string ArchiveReason = "retention period ended without an answer to the re-permission message: archived (R40)";
    private const int Batch = 500;

    public sealed record Report(int Expiring, int Repermissions, int Kept, int Erased, int Archived, int Refused)
    {
        public bool Changed => Expiring + Kept + Erased + Archived + Refused > 0;

        public override string ToString() =>
            $"expiring={Expiring} repermission_messages={Repermissions} kept={Kept} erased={Erased} archived={Archived} refused={Refused}";
    }

    public static async Task<Report> HandleAsync(MarketingDbContext db, ErasureServices erasure, RetentionPeriods periods, CancellationToken ct)
    {
        var clock = erasure.Clock;
        var now = clock.GetUtcNow();
        int expiring = 0, repermissions = 0, kept = 0, erased = 0, archived = 0, refused = 0;

        // Who may have run out: created before the period, neither erased, archived (restricted) nor already expiring.
        var createdBefore = now.AddMonths(-periods.ProspectMonths);
        var candidates = await db.People.AsNoTracking()
            .Where(p => p.ErasedAt == null && p.RestrictedAt == null && p.RetentionExpiringAt == null && p.CreatedAt <= createdBefore)
            .Select(p => p.Id).ToListAsync(ct);
        foreach (var chunk in candidates.Chunk(Batch))
        {
            var lastContact = await ReadLastContact.HandleAsync(db, chunk, ct);
            var people = await db.People.Where(p => chunk.Contains(p.Id)).ToListAsync(ct);
            var entering = people.Where(p => RetentionRules.Stage(lastContact.GetValueOrDefault(p.Id, p.CreatedAt), null, now, periods) == RetentionStage.Expires).ToList();
            var purposes = await LivePurposesAsync(db, entering.Select(p => p.Id).ToList(), ct);
            foreach (var person in entering)
            {
                person.RetentionExpiringAt = now;
                person.UpdatedAt = now;
                expiring++;
                if (Repermission(person, purposes.GetValueOrDefault(person.Id), now) is { } message)
                {
                    db.SendRecords.Add(message);
                    repermissions++;
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var waiting = await db.People.AsNoTracking()
            .Where(p => p.RetentionExpiringAt != null && p.ErasedAt == null && p.RestrictedAt == null)
            .Select(p => new { p.Id, p.CreatedAt, Since = p.RetentionExpiringAt!.Value }).ToListAsync(ct);
        foreach (var chunk in waiting.Chunk(Batch))
        {
            var lastContact = await ReadLastContact.HandleAsync(db, chunk.Select(p => p.Id).ToList(), ct);
            foreach (var person in chunk)
            {
                switch (RetentionRules.Stage(lastContact.GetValueOrDefault(person.Id, person.CreatedAt), person.Since, now, periods))
                {
                    case RetentionStage.Answered:
                        await ClearAsync(db, person.Id, ct);
                        kept++;
                        break;
                    case RetentionStage.Due when await PolicyAsync(db, person.Id, ct) == RetentionPolicies.Archive:
                        var restricted = await RestrictPerson.HandleAsync(db, clock, person.Id, new RestrictPerson.Command(ArchiveReason), Actor, ct);
                        db.ChangeTracker.Clear();
                        if (restricted.Refusal is null)
                        {
                            await ClearAsync(db, person.Id, ct);
                            archived++;
                        }
                        else
                        {
                            refused++;
                        }

                        break;
                    case RetentionStage.Due:
                        var outcome = await ErasePerson.TryAsync(db, erasure, new ErasureRequest(person.Id, ErasureGrounds.RetentionExpired, Actor), ct);
                        db.ChangeTracker.Clear();
                        if (outcome.Refusal is null)
                        {
                            await ClearAsync(db, person.Id, ct);
                            erased++;
                        }
                        else
                        {
                            refused++;
                        }

                        break;
                }
            }
        }

        var report = new Report(expiring, repermissions, kept, erased, archived, refused);
        // R41: every purge is logged with its counts; a day with nothing to do writes nothing.
        if (report.Changed)
        {
            db.AuditEntries.Add(AuditEntry.Create(clock, Actor, Action, null,
                $"{report} prospect_months={periods.ProspectMonths} answer_days={periods.AnswerDays}"));
            await db.SaveChangesAsync(ct);
        }

        return report;
    }

    /// <summary>Out of retention_expiring: answered, archived or erased.</summary>
    private static Task<int> ClearAsync(MarketingDbContext db, Guid personId, CancellationToken ct) =>
        db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(u => u.SetProperty(p => p.RetentionExpiringAt, (DateTimeOffset?)null), ct);

    /// <summary>The purpose a person last confirmed or granted on email, which the re-permission message asks about.</summary>
    private static async Task<Dictionary<Guid, string>> LivePurposesAsync(MarketingDbContext db, List<Guid> personIds, CancellationToken ct)
    {
        if (personIds.Count == 0)
        {
            return [];
        }

        var live = await db.ConsentStates.AsNoTracking()
            .Where(s => personIds.Contains(s.PersonId) && s.Channel == ChannelKeys.Email
                && (s.Status == ConsentStatuses.Confirmed || s.Status == ConsentStatuses.Granted))
            .Join(db.Purposes.AsNoTracking(), s => s.PurposeId, p => p.Id, (s, p) => new { s.PersonId, p.Key, s.UpdatedAt })
            .ToListAsync(ct);
        return live.GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.UpdatedAt).First().Key);
    }

    /// <summary>
    /// The one re-permission message (R19), keyed by the person and the day they entered retention_expiring so that it is
    /// asked for once; only where the person has an address and a live consent to ask about. The gate decides at sending.
    /// </summary>
    private static SendRecord? Repermission(Leads.Person person, string? purposeKey, DateTimeOffset now)
    {
        if (person.Email is null || purposeKey is null)
        {
            return null;
        }

        var data = new Dictionary<string, string> { [SendAttestations.Repermission] = "true" };
        if (person.Locale is not null)
        {
            data["locale"] = person.Locale;
        }

        return new SendRecord
        {
            Id = Guid.CreateVersion7(),
            Key = $"retention:{person.Id:N}:{now:yyyyMMdd}",
            PersonId = person.Id,
            Channel = ChannelKeys.Email,
            MessageType = MessageTypes.Marketing,
            PurposeKey = purposeKey,
            TemplateKey = RepermissionTemplate,
            Data = data,
            Status = SendStatuses.Queued,
            CreatedAt = now,
            DueAt = now,
        };
    }

    /// <summary>The person's purposes' policies, folded (<see cref="RetentionPolicies.For"/>); erase when they have none.</summary>
    private static async Task<string> PolicyAsync(MarketingDbContext db, Guid personId, CancellationToken ct) =>
        RetentionPolicies.For(await db.ConsentStates.AsNoTracking().Where(s => s.PersonId == personId)
            .Join(db.Purposes.AsNoTracking(), s => s.PurposeId, p => p.Id, (s, p) => p.RetentionPolicy).Distinct().ToListAsync(ct));
}
