using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <summary>Enrols people in a running sequence by hand (through the API), each once; see <see cref="Enrol"/>.</summary>
public static class EnrolPeople
{
    public const int MaxPeople = 100_000;
    public const int MaxReferenceLength = 80;

    /// <param name="Reference">For a sequence that re-enrols: people enrol once per reference.</param>
    public sealed record Command(List<Guid>? PersonIds, string? Reference);

    public static async Task<Outcome<EnrolOutcome>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, string key, Command command, string actor, CancellationToken ct)
    {
        if (await db.Sequences.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct) is not { } sequence)
        {
            return new Refusal.NotFound();
        }

        if (command.PersonIds is not { Count: > 0 and <= MaxPeople } people)
        {
            return Refusal.Field("personIds", "between 1 and 100000 person ids are required");
        }

        if (command.Reference is { Length: > MaxReferenceLength })
        {
            return Refusal.Field("reference", "at most 80 characters");
        }

        return await EnrolAsync(db, clock, sequence, One(people), command.Reference, actor, "", ct);
    }

    /// <summary>The enrolment itself, shared with <see cref="EnrolSegment"/>: the sequence must be running; each chunk of ids is written in its own transaction.</summary>
    internal static async Task<Outcome<EnrolOutcome>> EnrolAsync(MarketingDbContext db, TimeProvider clock, Sequence sequence,
        IAsyncEnumerable<List<Guid>> chunks, string? reference, string actor, string auditNote, CancellationToken ct)
    {
        if (Refused(sequence) is { } refused)
        {
            return refused;
        }

        var total = new EnrolOutcome(0, 0, 0, 0);
        try
        {
            await foreach (var people in chunks.WithCancellation(ct))
            {
                var outcome = await Enrol.PeopleAsync(db, sequence, people, reference, clock.GetUtcNow(), ct);
                total = new EnrolOutcome(total.Enrolled + outcome.Enrolled, total.AlreadyEnrolled + outcome.AlreadyEnrolled,
                    total.UnknownPeople + outcome.UnknownPeople, total.Restricted + outcome.Restricted);
            }
        }
        catch (Exception e) when (BulkInsert.IsDuplicate(e))
        {
            return new Refusal.Conflict("Some of these people were being enrolled at the same moment; send the request again (nobody is enrolled twice).");
        }

        // After the enrolments, which are written chunk by chunk in their own transactions: the entry counts them all.
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "sequence.enrolled", sequence.Key,
            $"{auditNote}{total.Enrolled} enrolled, {total.AlreadyEnrolled} already, {total.UnknownPeople} unknown"));
        await db.SaveChangesAsync(ct);
        return total;
    }

    private static async IAsyncEnumerable<List<Guid>> One(List<Guid> people)
    {
        await Task.CompletedTask;
        yield return people;
    }

    private static Refusal.Conflict? Refused(Sequence sequence) => sequence.Status == SequenceStatuses.Active ? null
        : new Refusal.Conflict(sequence.Status == SequenceStatuses.Draft
            ? "The sequence has never been published."
            : "The sequence is paused: nobody new enrols until it is resumed.");
}
