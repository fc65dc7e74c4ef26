using Marketing.Common;
using Marketing.Data;

namespace Marketing.Diagnostics;

/// <summary>Records a probe due after a delay; the caller schedules the job that runs it.</summary>
public static class ScheduleProbe
{
    public const int DefaultDelaySeconds = 5;
    public const int MaxDelaySeconds = 86_400;

    public static async Task<Outcome<ScheduledProbe>> HandleAsync(MarketingDbContext db, TimeProvider clock, int? delaySeconds, CancellationToken ct)
    {
        var delay = delaySeconds ?? DefaultDelaySeconds;
        if (delay is < 0 or > MaxDelaySeconds)
        {
            return Refusal.Field("delaySeconds", $"must be between 0 and {MaxDelaySeconds}");
        }

        var now = clock.GetUtcNow();
        var probe = new ScheduledProbe { Id = Guid.CreateVersion7(), RequestedAt = now, DueAt = now.AddSeconds(delay) };
        db.ScheduledProbes.Add(probe);
        await db.SaveChangesAsync(ct);
        return probe;
    }
}
