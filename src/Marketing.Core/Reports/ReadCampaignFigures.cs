using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Reports;

/// <summary>
/// What became of a campaign's messages, per step (null for a campaign without steps), counted by the database over
/// any filter of send records (<see cref="CampaignSends"/>):
/// <list type="bullet">
/// <item>sent: handed to the relay or gateway; bounced: a hard or soft bounce report names the message, or the SMS
/// gateway said undelivered or failed; delivered: sent and not bounced;</item>
/// <item>complaints: an abuse report names the message; unsubscribes: the address unsubscribed after this message and
/// before any later one reached it (the last message before an unsubscribe is the one it answers); withdrawing only
/// from open or click tracking is no unsubscribe;</item>
/// <item>clicks per person and opens: only recorded for people who consent to click or open tracking (R30, R31);
/// everyone else's clicks are counted per campaign link without a person (<c>campaign_click_counts</c>), given apart.</item>
/// </list>
/// </summary>
public static class ReadCampaignFigures
{
    public sealed record Figures(string? Step, int Sent, int Delivered, int Bounced, int Complaints, int Unsubscribes,
        int PersonClicks, long AggregateClicks, int Opens)
    {
        public decimal? DeliveryRate => ReportRules.Rate(Delivered, Sent);
        public decimal? ClickRate => ReportRules.Rate(PersonClicks, Delivered);

        public static Figures None(string? step) => new(step, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /// <param name="links">The campaign's aggregate link counts and the step each counts for.</param>
    public static async Task<IReadOnlyDictionary<string, Figures>> HandleAsync(MarketingDbContext db, IQueryable<SendRecord> sends,
        IQueryable<Tracking.CampaignClickCount> links, Func<string, string?> stepOfLink, CancellationToken ct)
    {
        var sent = sends.AsNoTracking().Where(r => r.Status == SendStatuses.Sent);
        string[] bounces = [DeliveryEventKinds.HardBounce, DeliveryEventKinds.SoftBounce];
        string[] undelivered = [DeliveryStatuses.Undelivered, DeliveryStatuses.Failed];
        string[] trackingOnly = [TrackingPurposes.Clicks, TrackingPurposes.Opens];

        var counts = await Count(sent, ct);
        var bounced = await Count(sent.Where(r => (r.DeliveryStatus != null && undelivered.Contains(r.DeliveryStatus))
            || (r.MessageId != null && db.DeliveryFeedback.Any(f => f.MessageId == r.MessageId && bounces.Contains(f.Kind)))), ct);
        var complaints = await Count(sent.Where(r => r.MessageId != null
            && db.DeliveryFeedback.Any(f => f.MessageId == r.MessageId && f.Kind == DeliveryEventKinds.Complaint)), ct);
        var unsubscribes = await Count(sent.Where(r => r.AddressHash != null && r.SentAt != null
            && db.Suppressions.Any(u => u.AddressHash == r.AddressHash && u.Reason == SuppressionReasons.Unsubscribe && !trackingOnly.Contains(u.Scope)
                && u.CreatedAt > r.SentAt
                && !db.SendRecords.Any(n => n.AddressHash == r.AddressHash && n.Status == SendStatuses.Sent && n.SentAt > r.SentAt && n.SentAt < u.CreatedAt))), ct);
        var clicks = await Count(sent.Where(r => r.ClickedAt != null), ct);
        var opens = await Count(sent.Where(r => r.OpenedAt != null), ct);
        var aggregate = (await links.AsNoTracking().Select(l => new { l.Campaign, l.Clicks }).ToListAsync(ct))
            .GroupBy(l => stepOfLink(l.Campaign) ?? "").ToDictionary(g => g.Key, g => g.Sum(l => l.Clicks));

        return counts.Keys.Union(aggregate.Keys).ToDictionary(step => step, step =>
        {
            var n = counts.GetValueOrDefault(step);
            var b = bounced.GetValueOrDefault(step);
            return new Figures(step.Length == 0 ? null : step, n, Delivered(n, b), b, complaints.GetValueOrDefault(step),
                unsubscribes.GetValueOrDefault(step), clicks.GetValueOrDefault(step), aggregate.GetValueOrDefault(step), opens.GetValueOrDefault(step));
        });
    }

    /// <summary>Delivered is what was sent and did not bounce (email has no delivery receipt to count instead).</summary>
    public static int Delivered(int sent, int bounced) => Math.Max(0, sent - bounced);

    private static async Task<Dictionary<string, int>> Count(IQueryable<SendRecord> rows, CancellationToken ct) =>
        (await rows.GroupBy(r => r.StepId).Select(g => new { Step = g.Key, Count = g.Count() }).ToListAsync(ct))
        .ToDictionary(r => r.Step ?? "", r => r.Count);
}
