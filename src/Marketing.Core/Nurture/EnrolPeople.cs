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

        if (sequence.Status != SequenceStatuses.Active)
        {
            return new Refusal.Conflict(sequence.Status == SequenceStatuses.Draft
                ? "The sequence has never been published."
                : "The sequence is paused: nobody new enrols until it is resumed.");
        }

        EnrolOutcome outcome;
        try
        {
            outcome = await Enrol.PeopleAsync(db, sequence, people, command.Reference, clock.GetUtcNow(), ct);
        }
        catch (Exception e) when (BulkInsert.IsDuplicate(e))
        {
            return new Refusal.Conflict("Some of these people were being enrolled at the same moment; send the request again (nobody is enrolled twice).");
        }

        // After the enrolments, which are written chunk by chunk in their own transactions: the entry counts them all.
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "sequence.enrolled", key, $"{outcome.Enrolled} enrolled, {outcome.AlreadyEnrolled} already, {outcome.UnknownPeople} unknown"));
        await db.SaveChangesAsync(ct);
        return outcome;
    }
}
