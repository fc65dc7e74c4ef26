using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Tracking;

/// <summary>
/// Whether people consent, now, to a tracking purpose on email (R30, R31): asked when a message is rendered, and asked
/// again when its pixel or tracked link is hit, so that a withdrawal stops tracking from mail already sent (R32).
/// </summary>
public static class TrackingConsent
{
    private static IQueryable<Guid> Consenting(MarketingDbContext db, string purposeKey) =>
        db.ConsentStates.AsNoTracking()
            .Where(s => s.Channel == ChannelKeys.Email && (s.Status == ConsentStatuses.Granted || s.Status == ConsentStatuses.Confirmed)
                && db.Purposes.Any(p => p.Id == s.PurposeId && p.Key == purposeKey))
            // An erased person tracks nothing, nor one whose processing is restricted (R38, R39).
            .Where(s => !db.People.Any(p => p.Id == s.PersonId && (p.ErasedAt != null || p.RestrictedAt != null)))
            .Select(s => s.PersonId);

    /// <summary>Those of <paramref name="people"/> who consent now.</summary>
    public static async Task<HashSet<Guid>> AmongAsync(MarketingDbContext db, IReadOnlyCollection<Guid> people, string purposeKey, CancellationToken ct) =>
        people.Count == 0 ? [] : (await Consenting(db, purposeKey).Where(id => people.Contains(id)).ToListAsync(ct)).ToHashSet();

    public static Task<bool> HoldsAsync(MarketingDbContext db, Guid personId, string purposeKey, CancellationToken ct) =>
        Consenting(db, purposeKey).AnyAsync(id => id == personId, ct);
}
