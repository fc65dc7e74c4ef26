using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <summary>
/// The published flow in numbers, per step of the latest version (steps are matched by id across versions, so people
/// still on an earlier version count at the step of the same id): how many people wait there, and what became of the
/// messages it made — sent, on their way, blocked by the gate (by reason, the enrolment ended there), skipped (the gate
/// said not yet for this person: no consent for the purpose or channel; the enrolment went on), failed — and how many
/// reached the goal of a goal step. Read from <c>enrolments</c> and <c>send_records</c> (each nurture message carries
/// its enrolment and its step).
/// </summary>
public static class ReadSequenceStats
{
    public sealed record StepStats(string StepId, string? Type, int Waiting, int Sent, int Queued, int Skipped, int Failed, int GoalReached,
        IReadOnlyList<(string Reason, int Count)> Blocked)
    {
        public int BlockedTotal => Blocked.Sum(b => b.Count);
    }

    public sealed record Stats(int Version, IReadOnlyList<StepStats> Steps, int Enrolled);

    /// <summary>Enrolments of each sequence (or of one) by status: sequence id → status → count.</summary>
    public static async Task<Dictionary<Guid, Dictionary<string, int>>> EnrolmentCountsAsync(MarketingDbContext db, Guid? sequenceId, CancellationToken ct)
    {
        var query = db.Enrolments.AsNoTracking();
        if (sequenceId is { } id)
        {
            query = query.Where(e => e.SequenceId == id);
        }

        var rows = await query.GroupBy(e => new { e.SequenceId, e.Status })
            .Select(g => new { g.Key.SequenceId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return rows.GroupBy(r => r.SequenceId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Status, r => r.Count));
    }

    /// <summary>Null when the sequence does not exist or was never published.</summary>
    public static async Task<Stats?> HandleAsync(MarketingDbContext db, string key, CancellationToken ct)
    {
        if (await db.Sequences.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct) is not { LatestVersion: > 0 } sequence)
        {
            return null;
        }

        var version = await db.SequenceVersions.AsNoTracking()
            .SingleAsync(v => v.SequenceId == sequence.Id && v.Version == sequence.LatestVersion, ct);
        var enrolments = db.Enrolments.AsNoTracking().Where(e => e.SequenceId == sequence.Id);
        var waiting = (await enrolments.Where(e => e.Status == EnrolmentStatuses.Active && e.StepId != null)
                .GroupBy(e => e.StepId!).Select(g => new { Step = g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(r => r.Step, r => r.Count);
        var enrolled = await enrolments.CountAsync(ct);
        var ended = (await enrolments.Where(e => e.EndReason != null && (e.Status == EnrolmentStatuses.Completed || e.Status == EnrolmentStatuses.Exited))
                .GroupBy(e => e.EndReason!).Select(g => new { Reason = g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(r => r.Reason, r => r.Count);
        // The step is in the message's data (JSON), which neither provider indexes: the projection is read and grouped here.
        var messages = await db.SendRecords.AsNoTracking()
            .Where(r => r.EnrolmentId != null && enrolments.Any(e => e.Id == r.EnrolmentId))
            .Select(r => new { r.Key, r.EnrolmentId, r.Status, r.DecisionReason })
            .ToListAsync(ct);
        // A blocked message whose enrolment ended at that step was a refusal; any other block skipped the step.
        var refusedAt = (await enrolments.Where(e => e.Status == EnrolmentStatuses.Exited && e.EndReason != null && e.EndReason.StartsWith("step '"))
                .Select(e => new { e.Id, e.EndReason }).ToListAsync(ct))
            .ToDictionary(e => e.Id, e => e.EndReason!);

        var steps = new List<StepStats>();
        foreach (var step in version.Definition.Steps ?? [])
        {
            var id = step.Id!;
            var mine = messages.Where(m => StepOf(m.Key) == id).ToList();
            var blocked = mine.Where(m => m.Status == SendStatuses.Blocked).ToList();
            var refused = blocked.Where(m => refusedAt.TryGetValue(m.EnrolmentId!.Value, out var reason) && reason.StartsWith($"step '{id}' blocked", StringComparison.Ordinal)).ToList();
            steps.Add(new StepStats(
                id,
                step.Type,
                waiting.GetValueOrDefault(id),
                mine.Count(m => m.Status == SendStatuses.Sent),
                mine.Count(m => m.Status is SendStatuses.Queued or SendStatuses.Sending or SendStatuses.HandingOver),
                blocked.Count - refused.Count,
                mine.Count(m => m.Status is SendStatuses.Failed or SendStatuses.Interrupted),
                step.Type == StepTypes.Goal ? ended.GetValueOrDefault($"goal '{id}' reached") : 0,
                refused.GroupBy(m => m.DecisionReason ?? "").Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList()));
        }

        return new Stats(version.Version, steps, enrolled);
    }

    /// <summary>A nurture message's key is <c>seq:{enrolment}:{run}:{step}</c> (see the engine); its last part is the step.</summary>
    private static string? StepOf(string key) => key.StartsWith("seq:", StringComparison.Ordinal) ? key.Split(':') is { Length: 4 } parts ? parts[3] : null : null;
}
