using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Segments;

/// <summary>Creates or updates a segment by its key, once its definition is valid and names only what exists; audited.</summary>
public static class SaveSegment
{
    public sealed record Input(string? Name, SegmentDefinition? Definition);

    public sealed record Saved(Segment Segment, bool Created);

    public static async Task<Outcome<Saved>> HandleAsync(MarketingDbContext db, TimeProvider clock, string key, Input input, string actor, CancellationToken ct)
    {
        var errors = SegmentRules.Validate(key, input.Name, input.Definition);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        // The same check as a count: a purpose or a batch that does not exist is the field's error, not an empty segment.
        var audience = await QuerySegment.HandleAsync(db, clock, input.Definition!, ct);
        if (audience.Refusal is Refusal.Invalid invalid)
        {
            var prefixed = new RuleErrors();
            foreach (var (field, messages) in invalid.Errors)
            {
                prefixed["definition." + field] = messages;
            }

            return Refusal.Fields(prefixed);
        }

        var now = clock.GetUtcNow();
        var segment = await db.Segments.SingleOrDefaultAsync(s => s.Key == key, ct);
        var created = segment is null;
        if (segment is null)
        {
            segment = new Segment { Id = Guid.CreateVersion7(), Key = key, Name = "", Definition = "", CreatedAt = now };
            db.Segments.Add(segment);
        }

        segment.Name = input.Name!.Trim();
        segment.Definition = input.Definition!.ToJson();
        segment.UpdatedAt = now;
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, created ? "segment.created" : "segment.updated", key, null));
        await db.SaveChangesAsync(ct);
        return new Saved(segment, created);
    }
}
