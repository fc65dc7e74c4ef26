using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Each person's last qualifying activity (R40, <see cref="QualifyingActivities"/>): the sign-up, a submission, an SMS
/// reply, a click, an order, a consent confirmed. Opens are not read: they are no contact.
/// </summary>
public static class ReadLastContact
{
    public static async Task<Dictionary<Guid, DateTimeOffset>> HandleAsync(MarketingDbContext db, IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var last = new Dictionary<Guid, DateTimeOffset>(personIds.Count);
        if (personIds.Count == 0)
        {
            return last;
        }

        var ids = personIds.ToList();
        // Read as rows and folded here: a maximum over a converted date column is not translated alike on both providers.
        Fold(last, await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new Dated(p.Id, p.CreatedAt)).ToListAsync(ct));
        Fold(last, await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.PersonId)).Select(s => new Dated(s.PersonId, s.ReceivedAt)).ToListAsync(ct));
        Fold(last, await db.SendRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId) && r.ClickedAt != null)
            .Select(r => new Dated(r.PersonId, r.ClickedAt!.Value)).ToListAsync(ct));
        Fold(last, await db.SmsReplies.AsNoTracking().Where(r => r.PersonId != null && ids.Contains(r.PersonId.Value))
            .Select(r => new Dated(r.PersonId!.Value, r.ReceivedAt)).ToListAsync(ct));
        Fold(last, await db.Purchases.AsNoTracking().Where(p => ids.Contains(p.PersonId)).Select(p => new Dated(p.PersonId, p.OrderedAt)).ToListAsync(ct));
        Fold(last, await db.ConsentStates.AsNoTracking().Where(s => ids.Contains(s.PersonId) && s.Status == ConsentStatuses.Confirmed)
            .Select(s => new Dated(s.PersonId, s.UpdatedAt)).ToListAsync(ct));
        return last;
    }

    private sealed record Dated(Guid PersonId, DateTimeOffset At);

    private static void Fold(Dictionary<Guid, DateTimeOffset> last, List<Dated> rows)
    {
        foreach (var row in rows)
        {
            if (!last.TryGetValue(row.PersonId, out var known) || row.At > known)
            {
                last[row.PersonId] = row.At;
            }
        }
    }
}
