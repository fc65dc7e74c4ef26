using System.Globalization;
using Marketing.Access;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>
/// Sign-ups never confirmed are not kept (R20): after the configured time the request goes, and a person
/// who never confirmed anything goes with all their rows — their whole ledger chain, so that what remains
/// still verifies. Only the counts stay, in the audit log.
/// </summary>
public static class PurgeUnconfirmed
{
    public sealed record Report(int Requests, int People);

    public static async Task<Report> HandleAsync(MarketingDbContext db, TimeProvider clock, TimeSpan after, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - after;
        int requests = 0, people = 0;
        while (true)
        {
            var stale = await db.DoubleOptInRequests.AsNoTracking()
                .Where(r => r.Status == DoubleOptInStatuses.Pending && r.CreatedAt < cutoff)
                .OrderBy(r => r.CreatedAt).Take(500).Select(r => new { r.Id, r.PersonId }).ToListAsync(ct);
            if (stale.Count == 0)
            {
                break;
            }

            var personIds = stale.Select(r => r.PersonId).Distinct().ToList();
            // A person who holds any consent other than one awaiting confirmation, or a newer request, stays.
            var keep = await db.ConsentStates.Where(s => personIds.Contains(s.PersonId) && s.Status != ConsentStatuses.PendingConfirmation)
                .Select(s => s.PersonId)
                .Union(db.DoubleOptInRequests.Where(r => personIds.Contains(r.PersonId) && (r.CreatedAt >= cutoff || r.Status != DoubleOptInStatuses.Pending)).Select(r => r.PersonId))
                .ToListAsync(ct);
            var gone = personIds.Except(keep).ToList();
            var requestIds = stale.Select(r => r.Id).ToList();

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.DoubleOptInRequests.Where(r => requestIds.Contains(r.Id)).ExecuteDeleteAsync(ct);
            if (gone.Count > 0)
            {
                // The one place consent events are deleted: whole chains of people who never confirmed, so no chain is left broken.
                await db.SendRecords.Where(s => gone.Contains(s.PersonId)).ExecuteDeleteAsync(ct);
                await db.ConsentStates.Where(s => gone.Contains(s.PersonId)).ExecuteDeleteAsync(ct);
                await db.ConsentEvents.Where(e => gone.Contains(e.PersonId)).ExecuteDeleteAsync(ct);
                await db.Submissions.Where(s => gone.Contains(s.PersonId)).ExecuteDeleteAsync(ct);
                await db.People.Where(p => gone.Contains(p.Id)).ExecuteDeleteAsync(ct);
            }

            await transaction.CommitAsync(ct);
            requests += stale.Count;
            people += gone.Count;
        }

        if (requests > 0)
        {
            db.AuditEntries.Add(AuditEntry.Create(clock, "job:doi-purge", "doi.unconfirmed_purged", null,
                string.Create(CultureInfo.InvariantCulture, $"requests={requests} people={people} older_than={cutoff:O}")));
            await db.SaveChangesAsync(ct);
        }

        return new Report(requests, people);
    }
}
