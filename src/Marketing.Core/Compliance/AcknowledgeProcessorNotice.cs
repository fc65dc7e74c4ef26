using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Records that a processor acknowledged an erasure or objection notice (R35, R38): by the DPO from the processors page or
/// the API, or by the outbound webhook when the processor answers. Acknowledging twice changes nothing.
/// </summary>
public static class AcknowledgeProcessorNotice
{
    public const string Action = "processor.notice_acknowledged";

    public static async Task<Outcome<ProcessorNotice>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid noticeId, string actor, CancellationToken ct)
    {
        if (await db.ProcessorNotices.FirstOrDefaultAsync(n => n.Id == noticeId, ct) is not { } notice)
        {
            return new Refusal.NotFound();
        }

        if (notice.Status == ProcessorNoticeStatuses.Acknowledged)
        {
            return notice;
        }

        Acknowledge(db, clock, notice, actor);
        await db.SaveChangesAsync(ct);
        return notice;
    }

    /// <summary>
    /// The processor itself answered a notice's event (a 2xx from its webhook endpoint to <c>person.erased</c>, or to the
    /// <c>suppression.added</c> of an objection): its pending notices of that kind for the person are acknowledged in the
    /// caller's save (R18, R35). Returns how many.
    /// </summary>
    public static async Task<int> ByProcessorAsync(MarketingDbContext db, TimeProvider clock, Guid personId, string processorKey, string reason,
        string actor, CancellationToken ct)
    {
        var pending = await db.ProcessorNotices
            .Where(n => n.PersonId == personId && n.ProcessorKey == processorKey && n.Reason == reason && n.Status == ProcessorNoticeStatuses.Pending)
            .ToListAsync(ct);
        foreach (var notice in pending)
        {
            Acknowledge(db, clock, notice, actor);
        }

        return pending.Count;
    }

    private static void Acknowledge(MarketingDbContext db, TimeProvider clock, ProcessorNotice notice, string actor)
    {
        notice.Status = ProcessorNoticeStatuses.Acknowledged;
        notice.AcknowledgedAt = clock.GetUtcNow();
        notice.AcknowledgedBy = actor.Length > 200 ? actor[..200] : actor;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, Action, notice.PersonId.ToString(),
            $"notice={notice.Id} processor={notice.ProcessorKey} reason={notice.Reason}", "person"));
    }

    /// <summary>The notices of one person (erasure report, E4), or every pending one (processors page), oldest first.</summary>
    public static Task<List<ProcessorNotice>> ListAsync(MarketingDbContext db, Guid? personId, CancellationToken ct) =>
        db.ProcessorNotices.AsNoTracking()
            .Where(n => personId == null ? n.Status == ProcessorNoticeStatuses.Pending : n.PersonId == personId)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.ProcessorKey).Take(500).ToListAsync(ct);
}
