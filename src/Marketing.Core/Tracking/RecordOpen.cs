using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Tracking;

/// <summary>What the engine keeps of opens (<c>Marketing:Email:OpenTracking</c>).</summary>
public enum OpenTracking
{
    /// <summary>No pixel in any message.</summary>
    Off,
    /// <summary>The first open of each message (its time) and the person's last-open day, for people who consent (R30).</summary>
    Individual,
    /// <summary>Only the day of the person's last open, overwritten at each: no time, no per-message history (R32).</summary>
    Deliverability,
}

/// <summary>
/// A message's open pixel was loaded. Recorded only while the person consents to open tracking now (R32: a withdrawal
/// stops the pixels of mail already sent); what is kept follows the mode. Nothing else of the request (address, browser)
/// is kept in either mode.
/// </summary>
public static class RecordOpen
{
    /// <returns>Whether anything was recorded.</returns>
    public static async Task<bool> HandleAsync(MarketingDbContext db, TimeProvider clock, OpenTracking mode, Guid sendId, CancellationToken ct)
    {
        if (mode == OpenTracking.Off
            || await db.SendRecords.AsNoTracking().Where(r => r.Id == sendId && r.Recipient == SendRecipients.Person && r.MessageType == MessageTypes.Marketing)
                .Select(r => (Guid?)r.PersonId).SingleOrDefaultAsync(ct) is not { } personId
            || !await TrackingConsent.HoldsAsync(db, personId, TrackingPurposes.Opens, ct))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(u => u.SetProperty(p => p.LastOpenOn, today), ct);
        if (mode == OpenTracking.Individual)
        {
            await db.SendRecords.Where(r => r.Id == sendId && r.OpenedAt == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.OpenedAt, now), ct);
        }

        return true;
    }
}
