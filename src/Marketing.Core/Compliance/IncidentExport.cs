using System.Runtime.CompilerServices;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// E8: the breach register (R50, art. 33(5)), one row per incident, notified or not: the facts, the effects, the remedial
/// action, and the notification decision with its timestamps.
/// </summary>
public static class IncidentExport
{
    public sealed record Row(
        Guid Id, string Title, string Description, DateTimeOffset AwareAt, DateTimeOffset NotificationDueAt, string State,
        string Scope, string DataCategories, string SubjectCategories, string LikelyConsequences, string MeasuresTaken, bool HighRisk,
        DateTimeOffset? NotifiedAt, string AuthorityReference, string LateReason, string NotRequiredReason, DateTimeOffset? SubjectsInformedAt,
        string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public static async IAsyncEnumerable<Row> StreamAsync(MarketingDbContext db, DateTimeOffset now, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var i in db.Incidents.AsNoTracking().OrderBy(i => i.AwareAt).ThenBy(i => i.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new Row(i.Id, i.Title, i.Description, i.AwareAt, IncidentRules.DeadlineAt(i.AwareAt), IncidentRules.Code(IncidentRules.State(i, now)),
                IncidentDrafts.DescribeScope(i.ScopeKind, i.ScopeKey, i.ScopeFrom, i.ScopeTo, "en"), string.Join("|", i.DataCategories),
                string.Join("|", i.SubjectCategories), i.LikelyConsequences ?? "", i.MeasuresTaken ?? "", i.HighRisk, i.NotifiedAt, i.AuthorityReference ?? "",
                i.LateReason ?? "", i.NotRequiredReason ?? "", i.SubjectsInformedAt, i.CreatedBy, i.CreatedAt, i.UpdatedAt);
        }
    }
}
