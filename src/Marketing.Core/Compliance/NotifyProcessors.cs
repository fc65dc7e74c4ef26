using Marketing.Access;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Records, for each processor entry, the duty to tell it that a person was erased or objected (R18, R35, R38; Art. 19
/// GDPR). The engine does not record which processor carried which message, so every entry of the register is a
/// recipient. Added to the caller's unit of work: the duty exists exactly when the erasure or objection does.
/// </summary>
public static class NotifyProcessors
{
    public const string RecordedAction = "processor.notice_recorded";

    public static async Task<int> RecordAsync(MarketingDbContext db, TimeProvider clock, Guid personId, string reason, Guid? erasureId, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pending = (await db.ProcessorNotices.AsNoTracking()
            .Where(n => n.PersonId == personId && n.Reason == reason && n.Status == ProcessorNoticeStatuses.Pending)
            .Select(n => n.ProcessorKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var recorded = 0;
        foreach (var processor in await db.Processors.AsNoTracking().OrderBy(p => p.Key).Select(p => new { p.Key, p.LegalName }).ToListAsync(ct))
        {
            // One open duty per processor and reason: a second objection adds nothing the first one's notice does not say.
            if (pending.Contains(processor.Key))
            {
                continue;
            }

            var notice = new ProcessorNotice
            {
                Id = Guid.CreateVersion7(), PersonId = personId, ProcessorKey = processor.Key, ProcessorName = processor.LegalName,
                Reason = reason, ErasureId = erasureId, CreatedAt = now, Status = ProcessorNoticeStatuses.Pending,
            };
            db.ProcessorNotices.Add(notice);
            db.AuditEntries.Add(AuditEntry.Create(clock, actor, RecordedAction, personId.ToString(),
                $"notice={notice.Id} processor={processor.Key} reason={reason} status=pending", "person"));
            recorded++;
        }

        return recorded;
    }
}
