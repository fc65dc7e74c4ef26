using System.Globalization;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// The daily art. 14 pass (R52): a person collected indirectly and not yet told gets, from day 21, one dedicated notice,
/// a transactional message through the gate, which informs them once it is sent; from day 25 while still not told, one
/// audit warning a day names them. A second run the same day queues and writes nothing more.
/// </summary>
public static class SendArt14Notices
{
    public const string Actor = "job:art14";
    public const string WarningAction = "person.art14_overdue";
    public const string Template = "art14-notice";
    public static readonly string Reference = $"{TransactionalReference.Notice}:art14";
    private const int Batch = 500;

    public sealed record Report(int Notices, int Warnings)
    {
        public override string ToString() => $"notices={Notices} warnings={Warnings}";
    }

    public static string NoticeKey(Guid personId) => $"art14:{personId:N}";

    public static async Task<Report> HandleAsync(MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var collectedBefore = now.AddDays(-Art14Rules.NoticeDay);
        var candidates = await db.People.AsNoTracking()
            .Where(p => p.CollectedIndirectlyAt != null && p.Art14InformedAt == null && p.ErasedAt == null && p.CollectedIndirectlyAt <= collectedBefore)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.CollectedIndirectlyAt, p.Email, p.Locale, p.RestrictedAt })
            .ToListAsync(ct);
        int notices = 0, warnings = 0;
        foreach (var chunk in candidates.Chunk(Batch))
        {
            var keys = chunk.Select(p => NoticeKey(p.Id)).ToList();
            var queued = (await db.SendRecords.AsNoTracking().Where(r => keys.Contains(r.Key)).Select(r => r.Key).ToListAsync(ct)).ToHashSet();
            var targets = chunk.Select(p => p.Id.ToString()).ToList();
            var warned = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.Action == WarningAction && a.At >= since && a.Target != null && targets.Contains(a.Target))
                .Select(a => a.Target!).ToListAsync(ct)).ToHashSet();
            foreach (var person in chunk)
            {
                var due = Art14Rules.Due(person.CollectedIndirectlyAt, null, now);
                // One notice ever, keyed by the person; a restricted person's data is only stored (R39), so none is queued for them.
                if (due.SendNotice && person.Email is not null && person.RestrictedAt is null && !queued.Contains(NoticeKey(person.Id)))
                {
                    db.SendRecords.Add(Notice(person.Id, person.Locale, now));
                    notices++;
                }

                if (due.Warn && !warned.Contains(person.Id.ToString()))
                {
                    var collected = person.CollectedIndirectlyAt!.Value;
                    db.AuditEntries.Add(AuditEntry.Create(clock, Actor, WarningAction, person.Id.ToString(), string.Create(CultureInfo.InvariantCulture,
                        $"collected indirectly on {collected:yyyy-MM-dd} (day {Art14Rules.DayOf(collected, now)}) and not yet given the art. 14 information; marketing is blocked after day {GateRules.Art14Days} (R52)"),
                        RecordAudit.PersonObject));
                    warnings++;
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return new Report(notices, warnings);
    }

    private static SendRecord Notice(Guid personId, string? locale, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Key = NoticeKey(personId),
        PersonId = personId,
        Channel = ChannelKeys.Email,
        MessageType = MessageTypes.Transactional,
        TemplateKey = Template,
        Reference = Reference,
        Data = locale is null ? [] : new Dictionary<string, string> { ["locale"] = locale },
        Status = SendStatuses.Queued,
        CreatedAt = now,
        DueAt = now,
    };
}
