using System.Globalization;
using Marketing.Access;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// R44: a transfer resting on the Data Privacy Framework is checked again every 12 months. Each processor whose check is
/// due gets one audit warning a day until its entry records a new check; a second run on the same day writes nothing.
/// </summary>
public static class RemindDpfReviews
{
    public const string WarningAction = "processor.dpf_review_due";

    public static async Task<int> HandleAsync(MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var since = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var certified = await db.Processors.AsNoTracking().Where(p => p.DpfCertified).OrderBy(p => p.Key).ToListAsync(ct);
        var warned = 0;
        foreach (var processor in certified.Where(p => TransferRules.DpfReviewDue(p, today)))
        {
            if (await db.AuditEntries.AnyAsync(a => a.Action == WarningAction && a.Target == processor.Key && a.At >= since, ct))
            {
                continue;
            }

            db.AuditEntries.Add(AuditEntry.Create(clock, "system", WarningAction, processor.Key, string.Create(CultureInfo.InvariantCulture,
                $"{processor.LegalName}: DPF certification last checked {processor.DpfVerifiedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never"}; check it on dataprivacyframework.gov and record the date (R44)")));
            warned++;
        }

        await db.SaveChangesAsync(ct);
        return warned;
    }
}
