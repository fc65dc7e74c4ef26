using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Capture;

/// <summary>
/// A stored person confirmed a submission that named them (by its email's link, or by answering its SMS from their
/// number): its values become theirs. Only then does a submission change a person it did not create (invariant 7).
/// </summary>
public static class ApplyConfirmedSubmission
{
    /// <param name="submissionIds">The submissions the confirmation covers. With more than one (an SMS reply answers
    /// every waiting sign-up of the number), nobody can say whose values the person meant: none is applied.</param>
    public static async Task HandleAsync(MarketingDbContext db, Person person, IReadOnlyCollection<Guid> submissionIds, DateTimeOffset at, CancellationToken ct)
    {
        if (submissionIds.Count != 1)
        {
            return;
        }

        var id = submissionIds.First();
        var submission = await db.Submissions.SingleOrDefaultAsync(
            s => s.Id == id && s.PersonId == person.Id && s.Identity == SubmissionIdentities.Returning && s.AppliedAt == null, ct);
        if (submission?.Profile is not { } profile)
        {
            return;
        }

        profile.ApplyTo(person, at);
        submission.AppliedAt = at;
    }
}
