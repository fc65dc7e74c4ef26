using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Capture;

/// <summary>
/// Submissions held for review, newest first: their identifiers named different people (or a known one and a new one),
/// so each consent went to the holder of its identifier and no person was joined to another (invariant 7). An admin
/// or compliance officer sees who is involved and what was submitted, and can contact or merge people by hand.
/// </summary>
public static class ListHeldSubmissions
{
    /// <param name="People">Everyone the submission touched: the person it created, if any, and the holders of its consents.</param>
    public sealed record HeldSubmission(Guid Id, string FormId, int FormVersion, DateTimeOffset ReceivedAt, string Review, Guid PersonId,
        IReadOnlyList<Guid> People, SubmittedProfile? Profile, IReadOnlyList<string> Purposes);

    public static async Task<IReadOnlyList<HeldSubmission>> HandleAsync(MarketingDbContext db, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        var query = db.Submissions.AsNoTracking().Where(s => s.Review != null);
        if (before is { } until)
        {
            query = query.Where(s => s.ReceivedAt < until);
        }

        var held = await query.OrderByDescending(s => s.ReceivedAt).Take(limit).ToListAsync(ct);
        var ids = held.Select(s => (Guid?)s.Id).ToList();
        var events = ids.Count == 0 ? [] : await db.ConsentEvents.AsNoTracking().Where(e => ids.Contains(e.SubmissionId))
            .Select(e => new { e.SubmissionId, e.PersonId, e.PurposeKey }).ToListAsync(ct);
        return [.. held.Select(s =>
        {
            var own = events.Where(e => e.SubmissionId == s.Id).ToList();
            return new HeldSubmission(s.Id, s.FormId, s.FormVersion, s.ReceivedAt, s.Review!, s.PersonId,
                [.. own.Select(e => e.PersonId).Prepend(s.PersonId).Distinct()], s.Profile, [.. own.Select(e => e.PurposeKey).Distinct()]);
        })];
    }
}
