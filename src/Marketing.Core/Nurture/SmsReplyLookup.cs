using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <summary>Replies people sent by SMS, as reply-keyword branches read them.</summary>
internal static class SmsReplyLookup
{
    public static async Task<ILookup<Guid, (string Keyword, DateTimeOffset At)>> LoadAsync(MarketingDbContext db, List<Guid> personIds, CancellationToken ct) =>
        (await db.SmsReplies.AsNoTracking().Where(r => r.PersonId != null && personIds.Contains(r.PersonId.Value))
            .Select(r => new { PersonId = r.PersonId!.Value, r.Keyword, r.ReceivedAt }).ToListAsync(ct))
        .ToLookup(r => r.PersonId, r => (r.Keyword, r.ReceivedAt));
}
