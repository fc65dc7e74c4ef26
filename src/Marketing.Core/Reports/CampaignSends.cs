using Marketing.Data;
using Marketing.Sending;

namespace Marketing.Reports;

/// <summary>
/// The messages of one campaign, as its report and its send list (E2) read them. Each kind of campaign says here which
/// send records are its own; everything downstream takes the query and knows no campaign kind.
/// </summary>
public static class CampaignSends
{
    /// <summary>The messages of a sequence, every version: each carries the enrolment whose step it is.</summary>
    public static IQueryable<SendRecord> OfSequence(MarketingDbContext db, Guid sequenceId) =>
        db.SendRecords.Where(r => db.Enrolments.Any(e => e.Id == r.EnrolmentId && e.SequenceId == sequenceId));

    /// <summary>The messages of a broadcast, its A/B samples and the rest alike.</summary>
    public static IQueryable<SendRecord> OfBroadcast(MarketingDbContext db, Guid broadcastId) =>
        db.SendRecords.Where(r => r.BroadcastId == broadcastId);

    /// <summary>
    /// The tracked-link campaigns (<c>campaign_click_counts.campaign</c>) of a sequence, <c>seq:{key}@{version}/{step}</c>,
    /// as the step each counts for (<see cref="Tracking.MessageTracking.Campaign"/>).
    /// </summary>
    public static (string Prefix, Func<string, string?> Step) SequenceLinks(string key) =>
        ($"seq:{key}@", campaign => campaign.LastIndexOf('/') is var slash and > 0 ? campaign[(slash + 1)..] : null);
}
