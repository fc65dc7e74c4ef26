using Marketing.Consent;
using Marketing.Data;
using Marketing.Overview;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Reports;

/// <summary>
/// A form over a period, per UTC day: submissions (by the day they arrived) and confirmations (double-opt-in requests
/// of its submissions, by the day they were confirmed). The confirmation rate is the share of the period's submissions
/// that asked for a confirmation whose request is confirmed now: a submission repeating a waiting request counts with it.
/// </summary>
public static class ReadFormReport
{
    public sealed record Report(string FormId, ReportRules.Period Period, int[] Submissions, int[] Confirmations, int Asked, int Confirmed)
    {
        public decimal? ConfirmationRate => ReportRules.Rate(Confirmed, Asked);
    }

    /// <summary>Null when no form has this id.</summary>
    public static async Task<Report?> HandleAsync(MarketingDbContext db, string formId, ReportRules.Period period, CancellationToken ct)
    {
        if (!await db.Forms.AnyAsync(f => f.Id == formId, ct))
        {
            return null;
        }

        var submissions = db.Submissions.AsNoTracking().Where(s => s.FormId == formId);
        var perDay = await DailyCounts.CountAsync(submissions, s => s.ReceivedAt, period.Days, period.End, ct);
        var confirmed = db.DoubleOptInRequests.AsNoTracking()
            .Where(r => r.Status == DoubleOptInStatuses.Confirmed && r.ConfirmedAt != null && submissions.Any(s => s.Id == r.SubmissionId));
        var confirmations = await DailyCounts.CountAsync(confirmed, r => r.ConfirmedAt!.Value, period.Days, period.End, ct);

        var start = period.Days[0];
        var asking = submissions.Where(s => s.ReceivedAt >= start && s.ReceivedAt < period.End && s.ConfirmationRequestId != null);
        var asked = await asking.CountAsync(ct);
        var answered = await asking.CountAsync(s => db.DoubleOptInRequests.Any(r => r.Id == s.ConfirmationRequestId && r.Status == DoubleOptInStatuses.Confirmed), ct);
        return new Report(formId, period, perDay, confirmations, asked, answered);
    }
}
