using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <param name="Restricted">People left out because their processing is restricted (R39).</param>
public sealed record EnrolOutcome(int Enrolled, int AlreadyEnrolled, int UnknownPeople, int Restricted = 0);

/// <summary>
/// Puts people into a sequence, on its latest published version. A person is in a sequence once unless it
/// allows re-enrolment, and then never twice at the same time; a trigger seen again changes nothing.
/// </summary>
public static class Enrol
{
    private const int Chunk = 2000;

    /// <summary>Enrolment through the API: each person once (or once per <paramref name="reference"/> when the sequence re-enrols).</summary>
    public static async Task<EnrolOutcome> PeopleAsync(MarketingDbContext db, Sequence sequence, IReadOnlyCollection<Guid> personIds, string? reference,
        DateTimeOffset now, CancellationToken ct)
    {
        var version = await LatestAsync(db, sequence, ct);
        var enrolled = 0;
        var already = 0;
        var unknown = 0;
        var restricted = 0;
        foreach (var chunk in personIds.Distinct().Chunk(Chunk))
        {
            var found = await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.RestrictedAt }).ToListAsync(ct);
            unknown += chunk.Length - found.Count;
            restricted += found.Count(p => p.RestrictedAt != null);
            var known = found.Where(p => p.RestrictedAt == null).Select(p => p.Id).ToList();
            var added = await AddAsync(db, sequence, version, known.Select(id => (id, $"api:{reference ?? ""}")).ToList(), now, ct);
            enrolled += added;
            already += known.Count - added;
        }

        return new EnrolOutcome(enrolled, already, unknown, restricted);
    }

    /// <summary>
    /// Enrols whoever a trigger fired for since the last scan: consents that became active, forms submitted.
    /// Each scan re-reads a few minutes before where it stopped, because rows committed late can carry an
    /// earlier time than rows already seen; the enrolments' unique keys make the overlap harmless.
    /// </summary>
    public static async Task<int> TriggeredAsync(MarketingDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var sequences = await db.Sequences.AsNoTracking().Where(s => s.Status == SequenceStatuses.Active).ToListAsync(ct);
        if (sequences.Count == 0)
        {
            return 0;
        }

        var ids = sequences.Select(s => s.Id).ToList();
        var versions = (await db.SequenceVersions.AsNoTracking().Where(v => ids.Contains(v.SequenceId)).ToListAsync(ct))
            .GroupBy(v => v.SequenceId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version)!);
        var live = sequences.Where(s => versions.ContainsKey(s.Id)).Select(s => (Sequence: s, Version: versions[s.Id])).ToList();
        var byPurpose = live.Where(l => l.Version.Definition.Trigger?.Type == TriggerTypes.ConsentConfirmed).ToLookup(l => l.Version.Definition.Trigger!.Purpose!);
        var byForm = live.Where(l => l.Version.Definition.Trigger?.Type == TriggerTypes.FormSubmitted).ToLookup(l => l.Version.Definition.Trigger!.Form!);
        var enrolled = 0;

        if (byPurpose.Count > 0)
        {
            var purposes = byPurpose.Select(g => g.Key).ToList();
            enrolled += await ScanAsync(db, "consent", now, async (from, to) =>
                (await db.ConsentEvents.AsNoTracking()
                    .Where(e => e.OccurredAt > from && e.OccurredAt <= to && purposes.Contains(e.PurposeKey)
                        && (e.Status == ConsentStatuses.Granted || e.Status == ConsentStatuses.Confirmed))
                    .Select(e => new { e.Id, e.PersonId, e.PurposeKey, e.OccurredAt }).ToListAsync(ct))
                .SelectMany(e => byPurpose[e.PurposeKey].Select(l => (l.Sequence, l.Version, e.PersonId, $"consent:{e.Id:N}", e.OccurredAt)))
                .ToList(), ct);
        }

        if (byForm.Count > 0)
        {
            var forms = byForm.Select(g => g.Key).ToList();
            enrolled += await ScanAsync(db, "form", now, async (from, to) =>
                (await db.Submissions.AsNoTracking()
                    .Where(s => s.ReceivedAt > from && s.ReceivedAt <= to && forms.Contains(s.FormId))
                    .Select(s => new { s.Id, s.PersonId, s.FormId, s.ReceivedAt }).ToListAsync(ct))
                .SelectMany(s => byForm[s.FormId].Select(l => (l.Sequence, l.Version, s.PersonId, $"form:{s.Id:N}", s.ReceivedAt)))
                .ToList(), ct);
        }

        return enrolled;
    }

    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private static async Task<int> ScanAsync(MarketingDbContext db, string cursorName, DateTimeOffset now,
        Func<DateTimeOffset, DateTimeOffset, Task<List<(Sequence Sequence, SequenceVersion Version, Guid PersonId, string Trigger, DateTimeOffset At)>>> read, CancellationToken ct)
    {
        var cursor = await db.NurtureCursors.FindAsync([cursorName], ct);
        if (cursor is null)
        {
            // Nothing from before a sequence's publication enrols anyway (see below): a new cursor need not look far back.
            cursor = new NurtureCursor { Name = cursorName, Position = now };
            db.NurtureCursors.Add(cursor);
        }

        var hits = await read(cursor.Position - Overlap, now);
        var enrolled = 0;
        foreach (var group in hits.Where(h => h.Version.PublishedAt <= h.At).GroupBy(h => h.Sequence.Id))
        {
            var first = group.First();
            enrolled += await AddAsync(db, first.Sequence, first.Version, group.Select(h => (h.PersonId, h.Trigger)).ToList(), now, ct);
        }

        cursor.Position = now;
        await db.SaveChangesAsync(ct);
        return enrolled;
    }

    /// <summary>Adds the enrolments not there yet; returns how many.</summary>
    private static async Task<int> AddAsync(MarketingDbContext db, Sequence sequence, SequenceVersion version,
        List<(Guid PersonId, string Trigger)> candidates, DateTimeOffset now, CancellationToken ct)
    {
        var reenrol = version.Definition.Reenrol;
        string KeyOf((Guid PersonId, string Trigger) c) => reenrol ? $"{sequence.Id:N}:{c.PersonId:N}:{c.Trigger}" : $"{sequence.Id:N}:{c.PersonId:N}";
        var keyed = candidates.DistinctBy(KeyOf).DistinctBy(c => c.PersonId).ToList();
        var keys = keyed.Select(KeyOf).ToList();
        var people = keyed.Select(c => c.PersonId).ToList();
        var taken = (await db.Enrolments.AsNoTracking().Where(e => keys.Contains(e.Key)).Select(e => e.Key).ToListAsync(ct)).ToHashSet();
        var inProgress = reenrol
            ? (await db.Enrolments.AsNoTracking().Where(e => e.SequenceId == sequence.Id && e.Status == EnrolmentStatuses.Active && people.Contains(e.PersonId))
                .Select(e => e.PersonId).ToListAsync(ct)).ToHashSet()
            : [];
        // R39: a restricted person joins no sequence while the restriction lasts.
        var restricted = (await db.People.AsNoTracking().Where(p => people.Contains(p.Id) && p.RestrictedAt != null).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var firstStep = version.Definition.Steps![0].Id;
        var added = keyed.Where(c => !taken.Contains(KeyOf(c)) && !inProgress.Contains(c.PersonId) && !restricted.Contains(c.PersonId)).Select(c => new Enrolment
        {
            Id = Guid.CreateVersion7(),
            Key = KeyOf(c),
            SequenceId = sequence.Id,
            VersionId = version.Id,
            Version = version.Version,
            PersonId = c.PersonId,
            Trigger = c.Trigger.Length > 120 ? c.Trigger[..120] : c.Trigger,
            Status = EnrolmentStatuses.Active,
            StepId = firstStep,
            DueAt = now,
            EnrolledAt = now,
        }).ToList();
        if (added.Count > 0)
        {
            await BulkInsert.SaveAsync(db, [added], ct);
        }

        return added.Count;
    }

    public static async Task<SequenceVersion> LatestAsync(MarketingDbContext db, Sequence sequence, CancellationToken ct) =>
        await db.SequenceVersions.AsNoTracking().Where(v => v.SequenceId == sequence.Id).OrderByDescending(v => v.Version).FirstAsync(ct);
}
