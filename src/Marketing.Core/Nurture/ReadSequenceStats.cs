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
/// its enrolment and its step), grouped by the database.
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
        // Counted per step and status by the database (send_records' step_id, indexed with the enrolment).
        var messages = await (from r in db.SendRecords.AsNoTracking()
                              join e in enrolments on r.EnrolmentId equals (Guid?)e.Id
                              where r.StepId != null
                              group r by new { r.StepId, r.Status } into g
                              select new { Step = g.Key.StepId!, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        // A blocked message whose enrolment ended at that step was a refusal (counted by reason); any other block skipped the step.
        var refused = await (from r in db.SendRecords.AsNoTracking()
                             join e in enrolments on r.EnrolmentId equals (Guid?)e.Id
                             where r.StepId != null && r.Status == SendStatuses.Blocked && e.Status == EnrolmentStatuses.Exited
                                   && e.EndReason != null && e.EndReason.StartsWith("step '" + r.StepId + "' blocked")
                             group r by new { r.StepId, r.DecisionReason } into g
                             select new { Step = g.Key.StepId!, Reason = g.Key.DecisionReason, Count = g.Count() }).ToListAsync(ct);

        var steps = new List<StepStats>();
        foreach (var step in version.Definition.Steps ?? [])
        {
            var id = step.Id!;
            int Count(params string[] statuses) => messages.Where(m => m.Step == id && statuses.Contains(m.Status)).Sum(m => m.Count);
            var refusals = refused.Where(r => r.Step == id)
                .Select(r => (Reason: r.Reason ?? "", r.Count)).GroupBy(r => r.Reason).Select(g => (g.Key, g.Sum(r => r.Count)))
                .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            steps.Add(new StepStats(
                id,
                step.Type,
                waiting.GetValueOrDefault(id),
                Count(SendStatuses.Sent),
                Count(SendStatuses.Queued, SendStatuses.Sending, SendStatuses.HandingOver),
                Count(SendStatuses.Blocked) - refusals.Sum(r => r.Item2),
                Count(SendStatuses.Failed, SendStatuses.Interrupted),
                step.Type == StepTypes.Goal ? ended.GetValueOrDefault($"goal '{id}' reached") : 0,
                refusals));
        }

        return new Stats(version.Version, steps, enrolled);
    }
}
