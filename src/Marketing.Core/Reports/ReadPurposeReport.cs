using Marketing.Consent;
using Marketing.Data;
using Marketing.Overview;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Reports;

/// <summary>
/// A purpose over a period, per UTC day, from the consent ledger: consents granted (a <c>granted</c> or <c>confirmed</c>
/// event: a double opt-in counts on the day it is confirmed) and withdrawn (<c>withdrawn</c> events; an objection is
/// counted apart), with how many consents stand now (the consent states, every channel).
/// </summary>
public static class ReadPurposeReport
{
    public sealed record Report(string Key, string Name, ReportRules.Period Period, int[] Granted, int[] Withdrawn, int[] Objected, int StandingNow);

    /// <summary>Null when no purpose has this key.</summary>
    public static async Task<Report?> HandleAsync(MarketingDbContext db, string key, string locale, ReportRules.Period period, CancellationToken ct)
    {
        if (await db.Purposes.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key, ct) is not { } purpose)
        {
            return null;
        }

        var events = db.ConsentEvents.AsNoTracking().Where(e => e.PurposeKey == key);
        var granted = await DailyCounts.CountAsync(events.Where(e => e.Status == ConsentStatuses.Granted || e.Status == ConsentStatuses.Confirmed),
            e => e.OccurredAt, period.Days, period.End, ct);
        var withdrawn = await DailyCounts.CountAsync(events.Where(e => e.Status == ConsentStatuses.Withdrawn), e => e.OccurredAt, period.Days, period.End, ct);
        var objected = await DailyCounts.CountAsync(events.Where(e => e.Status == ConsentStatuses.Objected), e => e.OccurredAt, period.Days, period.End, ct);
        var standing = await db.ConsentStates.AsNoTracking()
            .CountAsync(s => s.PurposeId == purpose.Id && (s.Status == ConsentStatuses.Granted || s.Status == ConsentStatuses.Confirmed), ct);
        return new Report(purpose.Key, purpose.NameIn(locale), period, granted, withdrawn, objected, standing);
    }
}
