using System.Runtime.CompilerServices;
using Marketing.Common;
using Marketing.Data;
using Marketing.Segments;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Nurture;

/// <summary>
/// Enrols everyone a saved segment holds now into a running sequence (issue 18 item 3), through the same path as
/// <see cref="EnrolPeople"/>: each person once (once per segment for a sequence that re-enrols), so a second run adds
/// only who joined the segment since. The segment never holds a restricted, erased or suppressed person (R33, R38, R39).
/// </summary>
public static class EnrolSegment
{
    private const int Page = 2000;

    public sealed record Command(string? Sequence);

    public static async Task<Outcome<EnrolOutcome>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, string segmentKey, Command command, string actor, CancellationToken ct)
    {
        if (await db.Segments.AsNoTracking().Where(s => s.Key == segmentKey).Select(s => s.Definition).SingleOrDefaultAsync(ct) is not { } stored)
        {
            return new Refusal.NotFound();
        }

        if (string.IsNullOrWhiteSpace(command.Sequence))
        {
            return Refusal.Field("sequence", "the key of the published sequence to enrol the segment's people into is required");
        }

        if (await db.Sequences.AsNoTracking().SingleOrDefaultAsync(s => s.Key == command.Sequence, ct) is not { } sequence)
        {
            return Refusal.Field("sequence", $"'{command.Sequence}' names no sequence");
        }

        var audience = await QuerySegment.HandleAsync(db, clock, SegmentDefinition.FromJson(stored)!, ct);
        if (audience.Refusal is not null)
        {
            return audience.Refusal;
        }

        return await EnrolPeople.EnrolAsync(db, clock, sequence, PagesAsync(audience.Value.People, ct), $"segment:{segmentKey}", actor,
            $"segment {segmentKey}: ", ct);
    }

    /// <summary>The segment's ids in pages by id, each page a fresh query: nothing holds the whole audience in memory.</summary>
    private static async IAsyncEnumerable<List<Guid>> PagesAsync(IQueryable<Leads.Person> people, [EnumeratorCancellation] CancellationToken ct)
    {
        var after = Guid.Empty;
        while (true)
        {
            var last = after;
            var page = await people.Where(p => p.Id.CompareTo(last) > 0).OrderBy(p => p.Id).Select(p => p.Id).Take(Page).ToListAsync(ct);
            if (page.Count == 0)
            {
                yield break;
            }

            yield return page;
            after = page[^1];
        }
    }
}
