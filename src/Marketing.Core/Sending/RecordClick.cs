using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sending;

/// <summary>
/// Notes the first click on a tracked link of a message (only sent to people who consented to click tracking, R31),
/// for sequences to branch on. Later clicks change nothing.
/// </summary>
public static class RecordClick
{
    /// <returns>Whether this was the message's first click.</returns>
    public static async Task<bool> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid sendId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.SendRecords.Where(r => r.Id == sendId && r.ClickedAt == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClickedAt, now), ct) > 0;
    }
}
