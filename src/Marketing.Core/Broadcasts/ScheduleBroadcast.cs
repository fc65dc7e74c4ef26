using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Broadcasts;

/// <summary>
/// Takes a draft out to be sent: what it names is checked again (a segment or template may have gone since), a time
/// in the past is refused, and the materialising job starts it at its start time. Audited.
/// </summary>
public static class ScheduleBroadcast
{
    public static async Task<Outcome<Broadcast>> HandleAsync(MarketingDbContext db, TemplateStore templates, TimeProvider clock, string key, string actor,
        CancellationToken ct)
    {
        var broadcast = await db.Broadcasts.SingleOrDefaultAsync(b => b.Key == key, ct);
        if (broadcast is null)
        {
            return new Refusal.NotFound();
        }

        if (broadcast.Status != BroadcastStatuses.Draft)
        {
            return new Refusal.Conflict(BroadcastRuleTexts.English["broadcast.not_draft"], $"broadcast '{key}' is {broadcast.Status}");
        }

        var errors = await SaveBroadcast.ReferenceErrorsAsync(db, templates, broadcast.SegmentKey, broadcast.PurposeKey, broadcast.Channel,
            [("template", broadcast.TemplateKey), .. broadcast.TestTemplateKey is { } b ? [("abTest.template", b)] : Array.Empty<(string, string)>()], ct);
        var now = clock.GetUtcNow();
        if (BroadcastRules.LatestOf(broadcast.ScheduleKind, broadcast.ScheduledAt, broadcast.LocalAt, now) < now)
        {
            errors.Set(broadcast.ScheduleKind == ScheduleKinds.Local ? "schedule.localAt" : "schedule.at", "broadcast.schedule_past");
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        broadcast.Status = BroadcastStatuses.Scheduled;
        broadcast.StartsAt = BroadcastRules.StartOf(broadcast.ScheduleKind, broadcast.ScheduledAt, broadcast.LocalAt, now);
        broadcast.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "broadcast.scheduled", key, $"starts={broadcast.StartsAt:O}"));
        await db.SaveChangesAsync(ct);
        return broadcast;
    }
}
