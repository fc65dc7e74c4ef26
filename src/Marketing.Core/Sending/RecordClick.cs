using Marketing.Consent;
using Marketing.Data;
using Marketing.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sending;

/// <summary>
/// Notes the first click on a recipient-level tracked link of a message, for sequences to branch on. Later clicks change
/// nothing; neither does a click from a person who no longer consents to click tracking (R31, R32): the link was written
/// while they did, and their consent is asked again as it stands now.
/// </summary>
public static class RecordClick
{
    /// <returns>Whether this was the message's first click, recorded.</returns>
    public static async Task<bool> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid sendId, CancellationToken ct)
    {
        if (await db.SendRecords.AsNoTracking().Where(r => r.Id == sendId && r.Recipient == SendRecipients.Person)
                .Select(r => (Guid?)r.PersonId).SingleOrDefaultAsync(ct) is not { } personId
            || !await TrackingConsent.HoldsAsync(db, personId, TrackingPurposes.Clicks, ct))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        return await db.SendRecords.Where(r => r.Id == sendId && r.ClickedAt == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClickedAt, now), ct) > 0;
    }
}
