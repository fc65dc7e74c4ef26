using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Segments;

/// <summary>How many people a segment holds now: a saved one by its key, or an unsaved definition (the live count while editing).</summary>
public static class CountSegment
{
    public static async Task<Outcome<long>> HandleAsync(MarketingDbContext db, TimeProvider clock, string key, CancellationToken ct)
    {
        var stored = await db.Segments.AsNoTracking().Where(s => s.Key == key).Select(s => s.Definition).SingleOrDefaultAsync(ct);
        return stored is null ? new Refusal.NotFound() : await HandleAsync(db, clock, SegmentDefinition.FromJson(stored), ct);
    }

    public static async Task<Outcome<long>> HandleAsync(MarketingDbContext db, TimeProvider clock, SegmentDefinition? definition, CancellationToken ct)
    {
        var errors = SegmentRules.ValidateDefinition(definition);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var audience = await QuerySegment.HandleAsync(db, clock, definition!, ct);
        return audience.Refusal ?? (Outcome<long>)await audience.Value.People.LongCountAsync(ct);
    }
}
