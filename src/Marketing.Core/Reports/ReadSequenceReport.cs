using Marketing.Data;
using Marketing.Nurture;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Reports;

/// <summary>
/// A sequence's report: each step of its latest version in order (<see cref="ReadSequenceStats"/>, which also counts the
/// goals reached) with what became of its messages (<see cref="ReadCampaignFigures"/>), every version's messages of a
/// step counted at the step of the same id.
/// </summary>
public static class ReadSequenceReport
{
    public sealed record StepRow(string StepId, string? Type, int GoalReached, ReadCampaignFigures.Figures Figures);

    public sealed record Report(string Key, string Name, int Version, int Enrolled, IReadOnlyList<StepRow> Steps);

    /// <summary>Null when no published sequence has this key.</summary>
    public static async Task<Report?> HandleAsync(MarketingDbContext db, string key, CancellationToken ct)
    {
        if (await ReadSequenceStats.HandleAsync(db, key, ct) is not { } stats)
        {
            return null;
        }

        var sequence = await db.Sequences.AsNoTracking().SingleAsync(s => s.Key == key, ct);
        var (prefix, stepOfLink) = CampaignSends.SequenceLinks(key);
        var figures = await ReadCampaignFigures.HandleAsync(db, CampaignSends.OfSequence(db, sequence.Id),
            db.CampaignClickCounts.Where(c => c.Campaign.StartsWith(prefix)), stepOfLink, ct);
        return new Report(sequence.Key, sequence.Draft.Name ?? sequence.Key, stats.Version, stats.Enrolled,
            [.. stats.Steps.Select(s => new StepRow(s.StepId, s.Type, s.GoalReached, figures.GetValueOrDefault(s.StepId) ?? ReadCampaignFigures.Figures.None(s.StepId)))]);
    }
}
