using System.Collections.Concurrent;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

public sealed record NurtureOptions(int BatchSize, TimeSpan Lease, TimeSpan PassBudget)
{
    public static NurtureOptions Default { get; } = new(500, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(40));
}

public sealed record NurturePassReport(int Enrolled, int Advanced, int QueuedEmail, int QueuedSms, int Blocked, int Completed, int Exited, IReadOnlyList<string> Failures)
{
    public static NurturePassReport Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, []);

    public NurturePassReport Add(NurturePassReport other) => new(
        Enrolled + other.Enrolled, Advanced + other.Advanced, QueuedEmail + other.QueuedEmail, QueuedSms + other.QueuedSms,
        Blocked + other.Blocked, Completed + other.Completed, Exited + other.Exited, [.. Failures, .. other.Failures]);
}

/// <summary>
/// Advances due enrolments in batches. A pass claims a batch (FOR UPDATE SKIP LOCKED on PostgreSQL, so passes
/// on many nodes never take the same enrolment), runs each one's steps until it waits, sends or ends, and
/// commits the new send records and the enrolments' new positions in one transaction. A pass that dies
/// commits nothing: its claims lapse and another pass redoes the same steps, and the send records' unique
/// keys (<c>seq:{enrolment}:{steps run}:{step}</c>) make that a repeat of the same message, never a second one.
/// Sending is the dispatchers' business: the gate is asked here too, so a person who withdrew leaves the
/// sequence at the step that would have reached them, and asked again when the message leaves.
/// </summary>
public sealed class NurtureEngine(SendGate gate, SendPolicy policy, TimeProvider clock, NurtureOptions options)
{
    /// <summary>Steps one enrolment may run in one batch; the rest wait for the next batch, so a batch's time stays bounded.</summary>
    private const int MaxStepsPerAdvance = 50;

    private readonly ConcurrentDictionary<Guid, SequenceDefinition> _definitions = new();

    public NurtureOptions Options => options;

    /// <summary>Advances batch after batch until nothing is due or the pass has run long enough.</summary>
    public async Task<NurturePassReport> RunDueAsync(MarketingDbContext db, string node, CancellationToken ct, Action<BatchOutcome>? afterBatch = null)
    {
        var report = NurturePassReport.Empty;
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < options.PassBudget)
        {
            var batch = await AdvanceBatchAsync(db, node, ct);
            report = report.Add(batch.Report);
            afterBatch?.Invoke(batch);
            if (batch.Claimed < options.BatchSize)
            {
                break;
            }
        }

        return report;
    }

    public sealed record BatchOutcome(int Claimed, NurturePassReport Report);

    public async Task<BatchOutcome> AdvanceBatchAsync(MarketingDbContext db, string node, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        var claimed = await ClaimAsync(db, now, $"{node}:{Guid.NewGuid():N}", ct);
        if (claimed.Count == 0)
        {
            return new BatchOutcome(0, NurturePassReport.Empty);
        }

        var context = await BatchContext.LoadAsync(db, claimed, this, ct);
        var run = new Run(now);
        var moving = claimed.ToList();
        for (var round = 0; round < MaxStepsPerAdvance && moving.Count > 0; round++)
        {
            var sending = new List<(Enrolment Enrolment, SendRecord Record)>();
            foreach (var enrolment in moving)
            {
                if (Walk(enrolment, context, run) is { } record)
                {
                    sending.Add((enrolment, record));
                }
            }

            moving = await GateAsync(db, sending, context, run, ct);
        }

        // Still going after that many steps in a row (a long run of sends with no wait between): they stay due, and
        // the next batch carries on from where these stopped. Validation refuses loops without a wait, so this ends.
        foreach (var enrolment in claimed)
        {
            enrolment.ClaimedBy = null;
            enrolment.ClaimedUntil = null;
        }

        db.SendRecords.AddRange(run.Records);
        // One commit for the new messages and the enrolments' new positions. If another pass took these
        // enrolments over (this one stalled past its lease), the claim check fails and nothing is written.
        await db.SaveChangesAsync(ct);
        return new BatchOutcome(claimed.Count, run.Report(claimed.Count));
    }

    /// <summary>Runs steps of one enrolment until it waits, ends, or reaches a send step (returned, to be asked of the gate).</summary>
    private SendRecord? Walk(Enrolment enrolment, BatchContext context, Run run)
    {
        var definition = context.Definitions[enrolment.VersionId];
        var person = context.People.GetValueOrDefault(enrolment.PersonId);
        if (person is null)
        {
            End(enrolment, run, EnrolmentStatuses.Exited, "the person no longer exists (erased)");
            return null;
        }

        if (definition.Steps!.FirstOrDefault(s => s.Type == StepTypes.Goal && Holds(s.Condition!, enrolment, person, context)) is { } goal)
        {
            End(enrolment, run, EnrolmentStatuses.Completed, $"goal '{goal.Id}' reached");
            return null;
        }

        if (definition.Step(enrolment.StepId) is not { } step)
        {
            Fail(enrolment, run, $"step '{enrolment.StepId}' is not in version {enrolment.Version}");
            return null;
        }

        enrolment.StepsRun++;
        switch (step.Type)
        {
            case StepTypes.Email or StepTypes.Sms:
                return NewRecord(enrolment, step, context, run);
            case StepTypes.Wait:
                enrolment.StepId = step.Next;
                enrolment.DueAt = step.Duration is not null
                    ? run.Now + WaitTimes.ParseDuration(step.Duration)!.Value
                    : WaitTimes.NextLocal(run.Now, policy.ZoneFor(person.TimeZone, person.Regime, person.Phone), WallClock.ParseTime(step.Until!.Time)!.Value,
                        (step.Until.Days ?? []).Select(d => WallClock.ParseDay(d)!.Value).ToList());
                return null;
            case StepTypes.Branch:
                enrolment.StepId = Holds(step.Condition!, enrolment, person, context) ? step.Then : step.Else;
                run.Continue(enrolment);
                return null;
            case StepTypes.Goal:
                // Reaching a goal step whose condition does not hold yet just moves on; the check above ends the enrolment when it does.
                enrolment.StepId = step.Next;
                run.Continue(enrolment);
                return null;
            default:
                End(enrolment, run, EnrolmentStatuses.Completed, $"exit step '{step.Id}'");
                return null;
        }
    }

    private static SendRecord NewRecord(Enrolment enrolment, SequenceStep step, BatchContext context, Run run)
    {
        var sequence = context.SequenceKeys[enrolment.SequenceId];
        var data = new Dictionary<string, string> { ["sequence"] = $"{sequence}@{enrolment.Version}", ["step"] = step.Id! };
        SendAttestations.Apply(data, step.RelevantToRole, step.AnalogousTo);
        return new SendRecord
        {
            Id = Guid.CreateVersion7(),
            Key = $"seq:{enrolment.Id:N}:{enrolment.StepsRun}:{step.Id}",
            PersonId = enrolment.PersonId,
            Channel = step.Type!,
            MessageType = MessageTypes.Marketing,
            PurposeKey = step.Purpose,
            TemplateKey = step.Template!,
            Data = data,
            Status = SendStatuses.Queued,
            CreatedAt = run.Now,
            DueAt = run.Now,
            EnrolmentId = enrolment.Id,
            StepId = step.Id,
        };
    }

    /// <summary>
    /// Asks the gate about this round's messages together. A refusal (withdrawal, suppression, erasure) is written on
    /// the step's send record and ends the enrolment there: withdrawal wins (invariant 4). Any other block (no consent
    /// to this purpose) is written likewise and skips the step. Allowed messages are queued for their dispatcher,
    /// which asks again when they leave. Returns the enrolments that go on to their next step.
    /// </summary>
    private async Task<List<Enrolment>> GateAsync(MarketingDbContext db, List<(Enrolment Enrolment, SendRecord Record)> sending,
        BatchContext context, Run run, CancellationToken ct)
    {
        var moving = run.TakeContinuing();
        if (sending.Count == 0)
        {
            return moving;
        }

        var existing = await ExistingKeysAsync(db, sending.Select(s => s.Record.Key).ToList(), ct);
        var fresh = sending.Where(s => !existing.Contains(s.Record.Key)).ToList();
        var decisions = await gate.DecideAsync(db, fresh.Select(s => s.Record).ToList(), context.People, context.Purposes, ct);
        foreach (var (enrolment, record) in sending)
        {
            var step = context.Definitions[enrolment.VersionId].Step(enrolment.StepId)!;
            if (!decisions.TryGetValue(record.Id, out var decision))
            {
                // The same step's message exists already: it was queued before, by a pass that then lost its claim.
                enrolment.StepId = step.Next;
                moving.Add(enrolment);
                continue;
            }

            run.Records.Add(record);
            // Only a refusal is written here: an allowed message gets its decision from the dispatcher, when it leaves.
            if (!decision.Allowed)
            {
                record.Apply(decision, run.Now);
                run.Blocked++;
                if (decision.Refusal)
                {
                    End(enrolment, run, EnrolmentStatuses.Exited, $"step '{step.Id}' blocked by the send gate: {decision.Reason}");
                }
                else
                {
                    // Not for this person on this channel yet (no consent, a confirmation pending): this step is skipped, the rest goes on.
                    enrolment.StepId = step.Next;
                    moving.Add(enrolment);
                }

                continue;
            }

            if (record.Channel == StepTypes.Email)
            {
                run.QueuedEmail++;
            }
            else
            {
                run.QueuedSms++;
            }

            enrolment.StepId = step.Next;
            moving.Add(enrolment);
        }

        return moving;
    }

    private static async Task<HashSet<string>> ExistingKeysAsync(MarketingDbContext db, List<string> keys, CancellationToken ct) =>
        (await db.SendRecords.AsNoTracking().Where(r => keys.Contains(r.Key)).Select(r => r.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    private static bool Holds(StepCondition condition, Enrolment enrolment, Person person, BatchContext context) => condition.Type switch
    {
        ConditionTypes.Consent => context.States(person.Id)
            .Where(s => s.PurposeId == context.Purposes.GetValueOrDefault(condition.Purpose!)?.Id && (condition.Channel is null || s.Channel == condition.Channel))
            .Any(s => (condition.Status is { Count: > 0 } wanted ? wanted : [ConsentStatuses.Granted, ConsentStatuses.Confirmed]).Contains(s.Status)),
        ConditionTypes.Attribute => person.Attributes.TryGetValue(condition.Attribute!, out var value)
            && (condition.Value is null || string.Equals(value, condition.Value, StringComparison.OrdinalIgnoreCase)),
        ConditionTypes.Clicked => context.Messages(enrolment.Id).Any(m => m.Step == condition.Step && m.ClickedAt is not null),
        ConditionTypes.Replied => context.Replied(enrolment, person, condition),
        _ => false,
    };

    private static void End(Enrolment enrolment, Run run, string status, string reason)
    {
        enrolment.Status = status;
        enrolment.EndedAt = run.Now;
        enrolment.EndReason = reason.Length > 300 ? reason[..300] : reason;
        (status == EnrolmentStatuses.Completed ? run.Completed : run.Exited).Add(enrolment.Id);
    }

    private static void Fail(Enrolment enrolment, Run run, string reason)
    {
        End(enrolment, run, EnrolmentStatuses.Failed, reason);
        run.Failures.Add($"enrolment {enrolment.Id}: {reason}");
    }

    private async Task<List<Enrolment>> ClaimAsync(MarketingDbContext db, DateTimeOffset now, string token, CancellationToken ct)
    {
        await ProviderQueries.For(db).ClaimEnrolmentsAsync(db, options.BatchSize, now, now + options.Lease, token, ct);
        return await db.Enrolments.Where(e => e.ClaimedBy == token).ToListAsync(ct);
    }

    /// <summary>What happened in one batch.</summary>
    private sealed class Run(DateTimeOffset now)
    {
        private readonly List<Enrolment> _continuing = [];
        public DateTimeOffset Now { get; } = now;
        public List<SendRecord> Records { get; } = [];
        public HashSet<Guid> Completed { get; } = [];
        public HashSet<Guid> Exited { get; } = [];
        public List<string> Failures { get; } = [];
        public int QueuedEmail;
        public int QueuedSms;
        public int Blocked;

        public void Continue(Enrolment enrolment) => _continuing.Add(enrolment);

        public List<Enrolment> TakeContinuing()
        {
            var taken = _continuing.ToList();
            _continuing.Clear();
            return taken;
        }

        public NurturePassReport Report(int claimed) =>
            new(0, claimed, QueuedEmail, QueuedSms, Blocked, Completed.Count, Exited.Count, Failures);
    }

    /// <summary>A sent nurture message, as a branch sees it.</summary>
    private sealed record StepMessage(string? Step, DateTimeOffset? SentAt, DateTimeOffset? ClickedAt);

    /// <summary>What a batch reads besides the enrolments, in a few queries for the whole batch.</summary>
    private sealed class BatchContext
    {
        public required Dictionary<Guid, SequenceDefinition> Definitions { get; init; }
        public required Dictionary<Guid, string> SequenceKeys { get; init; }
        public required Dictionary<Guid, Person> People { get; init; }
        public required Dictionary<string, Purpose> Purposes { get; init; }
        public required ILookup<Guid, ConsentState> ConsentStates { get; init; }
        public required ILookup<Guid, StepMessage> SentMessages { get; init; }
        public required ILookup<Guid, (string Keyword, DateTimeOffset At)> Replies { get; init; }

        public IEnumerable<ConsentState> States(Guid personId) => ConsentStates[personId];

        public IEnumerable<StepMessage> Messages(Guid enrolmentId) => SentMessages[enrolmentId];

        public bool Replied(Enrolment enrolment, Person person, StepCondition condition)
        {
            var sent = Messages(enrolment.Id).Where(m => m.Step == condition.Step && m.SentAt is not null).Select(m => m.SentAt!.Value).ToList();
            return sent.Count > 0 && Replies[person.Id].Any(r => r.At >= sent.Min()
                && (condition.Keyword is null || string.Equals(r.Keyword, condition.Keyword, StringComparison.OrdinalIgnoreCase)));
        }

        public static async Task<BatchContext> LoadAsync(MarketingDbContext db, List<Enrolment> enrolments, NurtureEngine engine, CancellationToken ct)
        {
            var versionIds = enrolments.Select(e => e.VersionId).Distinct().ToList();
            var missing = versionIds.Where(id => !engine._definitions.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                foreach (var version in await db.SequenceVersions.AsNoTracking().Where(v => missing.Contains(v.Id)).ToListAsync(ct))
                {
                    engine._definitions.TryAdd(version.Id, version.Definition);
                }
            }

            var definitions = versionIds.ToDictionary(id => id, id => engine._definitions[id]);
            var sequenceIds = enrolments.Select(e => e.SequenceId).Distinct().ToList();
            var personIds = enrolments.Select(e => e.PersonId).Distinct().ToList();
            var steps = definitions.Values.SelectMany(d => d.Steps!).ToList();
            var conditions = steps.Where(s => s.Condition is not null).Select(s => s.Condition!).ToList();
            var purposeKeys = steps.Select(s => s.Purpose).Concat(conditions.Select(c => c.Purpose)).Where(k => k is not null).Select(k => k!).Distinct().ToList();
            var enrolmentIds = enrolments.Select(e => e.Id).ToList();
            var needsMessages = conditions.Any(c => c.Type is ConditionTypes.Clicked or ConditionTypes.Replied);
            var needsReplies = conditions.Any(c => c.Type == ConditionTypes.Replied);
            var needsStates = conditions.Any(c => c.Type == ConditionTypes.Consent);

            var messages = needsMessages
                ? await db.SendRecords.AsNoTracking().Where(r => r.EnrolmentId != null && enrolmentIds.Contains(r.EnrolmentId.Value))
                    .Select(r => new { r.EnrolmentId, r.Data, r.SentAt, r.ClickedAt }).ToListAsync(ct)
                : [];
            return new BatchContext
            {
                Definitions = definitions,
                SequenceKeys = await db.Sequences.AsNoTracking().Where(s => sequenceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Key, ct),
                People = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct),
                Purposes = await db.Purposes.AsNoTracking().Where(p => purposeKeys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, ct),
                ConsentStates = needsStates
                    ? (await db.ConsentStates.AsNoTracking().Where(s => personIds.Contains(s.PersonId)).ToListAsync(ct)).ToLookup(s => s.PersonId)
                    : Array.Empty<ConsentState>().ToLookup(s => s.PersonId),
                SentMessages = messages.ToLookup(m => m.EnrolmentId!.Value, m => new StepMessage(m.Data.GetValueOrDefault("step"), m.SentAt, m.ClickedAt)),
                Replies = needsReplies ? await SmsReplyLookup.LoadAsync(db, personIds, ct) : Array.Empty<(Guid, (string, DateTimeOffset))>().ToLookup(r => r.Item1, r => r.Item2),
            };
        }
    }
}
