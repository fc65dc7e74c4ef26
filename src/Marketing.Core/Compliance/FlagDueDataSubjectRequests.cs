using System.Globalization;
using Marketing.Access;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// The daily deadline check (R36): an open ticket due within 7 days, and one past its due date, each raise one audit
/// warning per due date. Run again the same day, or the next, it warns of nothing twice; an extension, which moves the
/// due date, lets it warn again against the new one.
/// </summary>
public static class FlagDueDataSubjectRequests
{
    public const string DueSoonAction = "dsr.due_soon";
    public const string OverdueAction = "dsr.overdue";

    /// <returns>How many warnings were raised (due soon, overdue).</returns>
    public static async Task<(int DueSoon, int Overdue)> HandleAsync(MarketingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddDays(RequestDeadlines.WarningDays);
        var tickets = await db.DataSubjectRequests
            .Where(t => t.Status == RequestStatuses.Open && t.DueAt <= horizon && (t.DueSoonWarnedAt == null || (t.DueAt < now && t.OverdueWarnedAt == null)))
            .ToListAsync(ct);
        var (soon, overdue) = (0, 0);
        foreach (var ticket in tickets)
        {
            var flag = RequestDeadlines.Flag(ticket.DueAt, now);
            if (flag == DeadlineState.Overdue && ticket.OverdueWarnedAt is null)
            {
                ticket.OverdueWarnedAt = now;
                ticket.DueSoonWarnedAt ??= now;
                Warn(db, clock, ticket, OverdueAction, "overdue");
                overdue++;
            }
            else if (flag == DeadlineState.DueSoon && ticket.DueSoonWarnedAt is null)
            {
                ticket.DueSoonWarnedAt = now;
                Warn(db, clock, ticket, DueSoonAction, "due within 7 days");
                soon++;
            }
        }

        await db.SaveChangesAsync(ct);
        return (soon, overdue);
    }

    private static void Warn(MarketingDbContext db, TimeProvider clock, DataSubjectRequest ticket, string action, string what)
    {
        var detail = string.Create(CultureInfo.InvariantCulture, $"warning: {ticket.Type} request {what}, due {ticket.DueAt:O}");
        db.AuditEntries.Add(AuditEntry.Create(clock, "system", action, ticket.Id.ToString(), detail));
        db.DataSubjectRequestEvents.Add(DataSubjectRequestEvent.Create(ticket.Id, clock.GetUtcNow(), "system", action["dsr.".Length..], detail));
    }
}
