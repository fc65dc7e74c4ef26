using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Marketing.Segments;
using Marketing.Sending;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Broadcasts;

/// <summary>Creates or updates a broadcast's draft by its key, once every field is valid and names what exists; audited.</summary>
public static class SaveBroadcast
{
    /// <param name="Kind">now, at or local.</param>
    /// <param name="LocalAt">For local: <c>yyyy-MM-ddTHH:mm</c>, the wall-clock time in each person's zone.</param>
    public sealed record ScheduleInput(string? Kind, DateTimeOffset? At = null, string? LocalAt = null);

    /// <param name="Per">hour or minute.</param>
    public sealed record ThrottleInput(int? Count, string? Per);

    /// <param name="Template">Variant b's template; variant a is the broadcast's.</param>
    /// <param name="Percent">Per cent of the audience in each variant's sample.</param>
    public sealed record AbTestInput(string? Template, int? Percent, int? WaitMinutes);

    public sealed record Input(string? Name, string? Segment, string? Purpose, string? Channel, string? Template, ScheduleInput? Schedule,
        ThrottleInput? Throttle = null, AbTestInput? AbTest = null);

    public sealed record Saved(Broadcast Broadcast, bool Created);

    public static async Task<Outcome<Saved>> HandleAsync(MarketingDbContext db, TemplateStore templates, TimeProvider clock, string key, Input input,
        string actor, CancellationToken ct)
    {
        var errors = BroadcastRules.Validate(key, input);
        if (errors.Count == 0)
        {
            errors = await ReferenceErrorsAsync(db, templates, input.Segment!, input.Purpose!, input.Channel!,
                [("template", input.Template!), .. input.AbTest is { } t ? [("abTest.template", t.Template!)] : Array.Empty<(string, string)>()], ct);
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var now = clock.GetUtcNow();
        var broadcast = await db.Broadcasts.SingleOrDefaultAsync(b => b.Key == key, ct);
        var created = broadcast is null;
        if (broadcast is null)
        {
            broadcast = new Broadcast
            {
                Id = Guid.CreateVersion7(), Key = key, Name = "", Status = BroadcastStatuses.Draft, SegmentKey = "", PurposeKey = "", Channel = "",
                TemplateKey = "", ScheduleKind = ScheduleKinds.Now, CreatedAt = now,
            };
            db.Broadcasts.Add(broadcast);
        }
        else if (broadcast.Status != BroadcastStatuses.Draft)
        {
            return new Refusal.Conflict(BroadcastRuleTexts.English["broadcast.not_draft"], $"broadcast '{key}' is {broadcast.Status}");
        }

        broadcast.Name = input.Name!.Trim();
        broadcast.SegmentKey = input.Segment!;
        broadcast.PurposeKey = input.Purpose!;
        broadcast.Channel = input.Channel!;
        broadcast.TemplateKey = input.Template!;
        broadcast.ScheduleKind = input.Schedule!.Kind!;
        broadcast.ScheduledAt = input.Schedule.At?.ToUniversalTime();
        broadcast.LocalAt = input.Schedule.LocalAt;
        broadcast.ThrottleCount = input.Throttle?.Count;
        broadcast.ThrottlePer = input.Throttle?.Per;
        broadcast.TestTemplateKey = input.AbTest?.Template;
        broadcast.TestPercent = input.AbTest?.Percent;
        broadcast.TestWaitMinutes = input.AbTest?.WaitMinutes;
        broadcast.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, created ? "broadcast.created" : "broadcast.updated", key, null));
        await db.SaveChangesAsync(ct);
        return new Saved(broadcast, created);
    }

    /// <summary>The segment (of the same channel), the purpose and each marketing template of that channel must exist.</summary>
    internal static async Task<RuleErrors> ReferenceErrorsAsync(MarketingDbContext db, TemplateStore templates, string segmentKey, string purposeKey,
        string channel, IReadOnlyList<(string Field, string Key)> templateKeys, CancellationToken ct)
    {
        var errors = new RuleErrors();
        var segment = await db.Segments.AsNoTracking().Where(s => s.Key == segmentKey).Select(s => s.Definition).SingleOrDefaultAsync(ct);
        if (segment is null)
        {
            errors.Set("segment", "broadcast.segment_unknown");
        }
        else if (SegmentDefinition.FromJson(segment)?.Channel != channel)
        {
            errors.Set("segment", "broadcast.segment_channel");
        }

        if (!await db.Purposes.AnyAsync(p => p.Key == purposeKey, ct))
        {
            errors.Set("purpose", "broadcast.purpose_unknown");
        }

        var set = await templates.LoadAsync(db, templateKeys.Select(t => t.Key).ToList(), ct);
        foreach (var (field, templateKey) in templateKeys)
        {
            if (set.Find(templateKey, null, channel) is not { MessageType: MessageTypes.Marketing })
            {
                errors.Set(field, "broadcast.template_unknown");
            }
        }

        return errors;
    }
}
