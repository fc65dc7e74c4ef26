using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Diagnostics;

/// <summary>
/// A job an operator schedules to prove that delayed work survives restarts and runs once.
/// It counts its own executions, so a duplicate run is visible instead of hidden by idempotency.
/// </summary>
public sealed class ScheduledProbe
{
    public Guid Id { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public int RunCount { get; set; }
    public DateTimeOffset? FirstRunAt { get; set; }
    public string? LastRunBy { get; set; }

    public static async Task RecordRunAsync(MarketingDbContext db, TimeProvider clock, Guid probeId, string runner, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.ScheduledProbes
            .Where(p => p.Id == probeId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(p => p.RunCount, p => p.RunCount + 1)
                .SetProperty(p => p.FirstRunAt, p => p.FirstRunAt ?? now)
                .SetProperty(p => p.LastRunBy, runner), ct);
    }
}
