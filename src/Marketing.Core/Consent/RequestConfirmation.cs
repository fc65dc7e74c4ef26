using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>
/// A double-opt-in request for the purposes of one sign-up that need one (R20), and how to tell whether one already
/// waits: at most one confirmation email per address and purpose in a window, so a flood of sign-ups naming one
/// address mails it once.
/// </summary>
public static class RequestConfirmation
{
    /// <summary>One request for all the pending events of one sign-up; the link's token is made when the email is written.</summary>
    public static DoubleOptInRequest Open(Person person, Guid submissionId, string locale, IReadOnlyList<ConsentEvent> pending, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            PersonId = person.Id,
            SubmissionId = submissionId,
            PendingEventIds = [.. pending.Select(e => e.Id)],
            Locale = locale,
            Status = DoubleOptInStatuses.Pending,
            CreatedAt = now,
        };

    /// <summary>
    /// Confirmation requests still waiting that were opened since <paramref name="since"/>, per person and purpose. Read
    /// from the database, so every node counts the same; two nodes racing for one person meet on the person's row version.
    /// </summary>
    public static async Task<Dictionary<(Guid PersonId, Guid PurposeId), Guid>> WaitingSinceAsync(
        MarketingDbContext db, IReadOnlyList<Guid> people, DateTimeOffset since, CancellationToken ct)
    {
        if (people.Count == 0)
        {
            return [];
        }

        var requests = await db.DoubleOptInRequests.AsNoTracking()
            .Where(r => people.Contains(r.PersonId) && r.Status == DoubleOptInStatuses.Pending && r.CreatedAt >= since)
            .Select(r => new { r.Id, r.PendingEventIds }).ToListAsync(ct);
        if (requests.Count == 0)
        {
            return [];
        }

        var eventIds = requests.SelectMany(r => r.PendingEventIds).ToList();
        var purposeOf = await db.ConsentEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id))
            .Select(e => new { e.Id, e.PersonId, e.PurposeId }).ToDictionaryAsync(e => e.Id, ct);
        var found = new Dictionary<(Guid, Guid), Guid>();
        foreach (var request in requests)
        {
            foreach (var id in request.PendingEventIds.Where(purposeOf.ContainsKey))
            {
                found.TryAdd((purposeOf[id].PersonId, purposeOf[id].PurposeId), request.Id);
            }
        }

        return found;
    }
}
