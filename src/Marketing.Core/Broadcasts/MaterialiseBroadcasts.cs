using Marketing.Data;
using Marketing.Segments;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Broadcasts;

/// <summary>
/// Turns due broadcasts into send records, in batches, on any node, any number of times (invariant 3). A pass claims a
/// broadcast with a lease (the claim, like the status, is a concurrency token: a pass that stalled past its lease, or
/// ran into a cancel, commits nothing), then writes each batch's records and the broadcast's progress in one save.
/// Each person's record is keyed <c>bc:{broadcast}:{person}</c> and the send records' key is unique, so a repeat is
/// the same message, never a second one; people who have a record are skipped. Due times follow the schedule and the
/// throttle (<see cref="ThrottleSlots"/>). The dispatchers send the records, asking the gate when each leaves.
/// </summary>
public static class MaterialiseBroadcasts
{
    public sealed record Options(int BatchSize, TimeSpan Lease, TimeSpan PassBudget)
    {
        public static Options Default { get; } = new(1000, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(40));
    }

    /// <param name="Queued">Send records written, per channel.</param>
    public sealed record Report(IReadOnlyDictionary<string, int> Queued, int Finished)
    {
        public static Report Empty { get; } = new(new Dictionary<string, int>(), 0);
    }

    public static async Task<Report> HandleAsync(MarketingDbContext db, TimeProvider clock, SendPolicy policy, string node, Options options,
        CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        var due = await db.Broadcasts.AsNoTracking()
            .Where(b => (b.Status == BroadcastStatuses.Scheduled && b.StartsAt <= now)
                || (b.Status == BroadcastStatuses.Testing && b.TestEndsAt <= now)
                || b.Status == BroadcastStatuses.Sending)
            .OrderBy(b => b.StartsAt).Select(b => b.Id).ToListAsync(ct);
        var run = new Run(clock, options, started);
        foreach (var id in due)
        {
            if (run.OutOfTime)
            {
                break;
            }

            await AdvanceAsync(db, policy, id, $"{node}:{Guid.NewGuid():N}", run, ct);
        }

        return new Report(run.Queued, run.Finished);
    }

    private sealed class Run(TimeProvider clock, Options options, long started)
    {
        public Dictionary<string, int> Queued { get; } = [];
        public int Finished { get; set; }
        public Options Options => options;
        public TimeProvider Clock => clock;
        public bool OutOfTime => clock.GetElapsedTime(started) >= options.PassBudget;
    }

    private static async Task AdvanceAsync(MarketingDbContext db, SendPolicy policy, Guid id, string token, Run run, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = run.Clock.GetUtcNow();
        if (await db.Broadcasts.Where(b => b.Id == id && BroadcastStatuses.Cancellable.Contains(b.Status) && (b.ClaimedUntil == null || b.ClaimedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.ClaimedBy, token).SetProperty(b => b.ClaimedUntil, now + run.Options.Lease), ct) == 0)
        {
            return;
        }

        try
        {
            var broadcast = await db.Broadcasts.SingleAsync(b => b.Id == id, ct);
            if (broadcast.Status == BroadcastStatuses.Scheduled)
            {
                if (broadcast.IsTest)
                {
                    if (!await SampleAsync(db, policy, broadcast, run, ct))
                    {
                        return;
                    }

                    broadcast.Status = BroadcastStatuses.Testing;
                    broadcast.TestEndsAt = run.Clock.GetUtcNow().AddMinutes(broadcast.TestWaitMinutes!.Value);
                    await SaveAsync(db, broadcast, run, ct);
                    return;
                }

                broadcast.Status = BroadcastStatuses.Sending;
                await SaveAsync(db, broadcast, run, ct);
            }

            if (broadcast.Status == BroadcastStatuses.Testing)
            {
                if (broadcast.TestEndsAt > run.Clock.GetUtcNow())
                {
                    return;
                }

                broadcast.Winner = await PickWinnerAsync(db, broadcast.Id, ct);
                broadcast.Status = BroadcastStatuses.Sending;
                await SaveAsync(db, broadcast, run, ct);
            }

            if (broadcast.Status == BroadcastStatuses.Sending && broadcast.MaterialisedAt is null)
            {
                await RestAsync(db, policy, broadcast, run, ct);
            }

            if (broadcast.Status == BroadcastStatuses.Sending && broadcast.MaterialisedAt is not null
                && !await db.SendRecords.AnyAsync(r => r.BroadcastId == broadcast.Id
                    && (r.Status == SendStatuses.Queued || r.Status == SendStatuses.Sending || r.Status == SendStatuses.HandingOver), ct))
            {
                broadcast.Status = BroadcastStatuses.Sent;
                broadcast.FinishedAt = run.Clock.GetUtcNow();
                await SaveAsync(db, broadcast, run, ct);
                run.Finished++;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Cancelled meanwhile, or another pass took over after this one's lease ran out: nothing of this batch was written.
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Broadcasts.Where(b => b.Id == id && b.ClaimedBy == token)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.ClaimedBy, (string?)null).SetProperty(b => b.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
    }

    /// <summary>The A/B samples: each person of the audience whose bucket falls in a variant. False when the pass ran out of time first.</summary>
    private static async Task<bool> SampleAsync(MarketingDbContext db, SendPolicy policy, Broadcast broadcast, Run run, CancellationToken ct)
    {
        // The split needs every person's bucket, which only this process computes: the audience's ids are read once.
        var candidates = await Pending(db, await AudienceAsync(db, run, broadcast, ct), broadcast.Id).AsRecipients().ToListAsync(ct);
        var sample = candidates.Select(p => (Person: p, Variant: BroadcastRules.VariantOf(BroadcastRules.Bucket(broadcast.Id, p.Id), broadcast.TestPercent!.Value)))
            .Where(s => s.Variant is not null).ToList();
        foreach (var chunk in sample.Chunk(run.Options.BatchSize))
        {
            if (run.OutOfTime)
            {
                return false;
            }

            Add(db, policy, broadcast, chunk, broadcast.StartsAt!.Value, run);
            await SaveAsync(db, broadcast, run, ct);
        }

        return true;
    }

    /// <summary>Everyone of the audience without a message yet, batch after batch, with the winner's template after a test.</summary>
    private static async Task RestAsync(MarketingDbContext db, SendPolicy policy, Broadcast broadcast, Run run, CancellationToken ct)
    {
        var audience = await AudienceAsync(db, run, broadcast, ct);
        var phaseStart = broadcast.IsTest ? broadcast.TestEndsAt!.Value : broadcast.StartsAt!.Value;
        while (!run.OutOfTime)
        {
            var batch = await Pending(db, audience, broadcast.Id).OrderBy(p => p.Id).Take(run.Options.BatchSize).AsRecipients().ToListAsync(ct);
            Add(db, policy, broadcast, batch.Select(p => (p, (string?)null)).ToArray(), phaseStart, run);
            if (batch.Count < run.Options.BatchSize)
            {
                // The whole audience has its messages: the segment is not read again, so no one joins a broadcast that went out.
                broadcast.MaterialisedAt = run.Clock.GetUtcNow();
            }

            await SaveAsync(db, broadcast, run, ct);
            if (broadcast.MaterialisedAt is not null)
            {
                return;
            }
        }
    }

    private sealed record Recipient(Guid Id, string? TimeZone, string Regime, string? Phone);

    private static async Task<IQueryable<Leads.Person>> AudienceAsync(MarketingDbContext db, Run run, Broadcast broadcast, CancellationToken ct)
    {
        var definition = SegmentDefinition.FromJson(
            await db.Segments.AsNoTracking().Where(s => s.Key == broadcast.SegmentKey).Select(s => s.Definition).SingleOrDefaultAsync(ct) ?? "null");
        // A segment deleted or broken since it was scheduled holds no one: the broadcast ends with what it has.
        return definition is not null && await QuerySegment.HandleAsync(db, run.Clock, definition, ct) is { Refusal: null } audience
            ? audience.Value.People
            : db.People.Where(p => false);
    }

    private static IQueryable<Leads.Person> Pending(MarketingDbContext db, IQueryable<Leads.Person> audience, Guid broadcastId) =>
        audience.Where(p => !db.SendRecords.Any(r => r.BroadcastId == broadcastId && r.PersonId == p.Id));

    private static IQueryable<Recipient> AsRecipients(this IQueryable<Leads.Person> people) =>
        people.Select(p => new Recipient(p.Id, p.TimeZone, p.Regime, p.Phone));

    private static void Add(MarketingDbContext db, SendPolicy policy, Broadcast broadcast, (Recipient Person, string? Variant)[] batch,
        DateTimeOffset phaseStart, Run run)
    {
        var now = run.Clock.GetUtcNow();
        var slots = ThrottleSlots.Parse(broadcast.Slots);
        var interval = BroadcastRules.Interval(broadcast.ThrottleCount, broadcast.ThrottlePer);
        var winner = broadcast.Winner == BroadcastVariants.B ? broadcast.TestTemplateKey! : broadcast.TemplateKey;
        foreach (var (person, variant) in batch)
        {
            var start = broadcast.ScheduleKind == ScheduleKinds.Local
                ? Later(BroadcastRules.LocalInstant(broadcast.LocalAt!, policy.ZoneFor(person.TimeZone, person.Regime, person.Phone)), phaseStart)
                : phaseStart;
            db.SendRecords.Add(new SendRecord
            {
                Id = Guid.CreateVersion7(),
                Key = $"bc:{broadcast.Id:N}:{person.Id:N}",
                PersonId = person.Id,
                Channel = broadcast.Channel,
                MessageType = MessageTypes.Marketing,
                PurposeKey = broadcast.PurposeKey,
                TemplateKey = variant switch { BroadcastVariants.A => broadcast.TemplateKey, BroadcastVariants.B => broadcast.TestTemplateKey!, _ => winner },
                // R31: links for people without click-tracking consent name the campaign (the variant's), never the person.
                Data = new() { ["campaign"] = variant is null ? $"broadcast:{broadcast.Key}" : $"broadcast:{broadcast.Key}/{variant}", ["broadcast"] = broadcast.Key },
                Status = SendStatuses.Queued,
                CreatedAt = now,
                DueAt = slots.Take(start, interval),
                BroadcastId = broadcast.Id,
                Variant = variant,
            });
            run.Queued[broadcast.Channel] = run.Queued.GetValueOrDefault(broadcast.Channel) + 1;
        }

        broadcast.Materialised += batch.Length;
        broadcast.Slots = slots.ToJson();
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One commit for a batch's records and the broadcast's progress, and the claim renewed.</summary>
    private static async Task SaveAsync(MarketingDbContext db, Broadcast broadcast, Run run, CancellationToken ct)
    {
        broadcast.UpdatedAt = run.Clock.GetUtcNow();
        broadcast.ClaimedUntil = broadcast.UpdatedAt + run.Options.Lease;
        await db.SaveChangesAsync(ct);
        foreach (var entry in db.ChangeTracker.Entries<SendRecord>().ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>The samples' results as <see cref="BroadcastRules.PickWinner"/> judges them: only clicks recorded under consent are on a record.</summary>
    private static async Task<string> PickWinnerAsync(MarketingDbContext db, Guid broadcastId, CancellationToken ct)
    {
        var counts = await db.SendRecords.AsNoTracking().Where(r => r.BroadcastId == broadcastId && r.Variant != null)
            .GroupBy(r => r.Variant)
            .Select(g => new { Variant = g.Key!, Sent = g.Count(r => r.Status == SendStatuses.Sent), Clicked = g.Count(r => r.ClickedAt != null) })
            .ToListAsync(ct);
        BroadcastRules.VariantResult Of(string variant) =>
            counts.Find(c => c.Variant == variant) is { } c ? new(variant, c.Sent, c.Clicked) : new(variant, 0, 0);
        return BroadcastRules.PickWinner(Of(BroadcastVariants.A), Of(BroadcastVariants.B));
    }
}
