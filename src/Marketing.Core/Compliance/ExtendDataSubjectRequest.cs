using System.Globalization;
using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Extends a request by up to two months for a stated reason (R36, GDPR art. 12(3)): only once, only before the first
/// due date, and only by sending the requester the notice with the reason and the new date, queued in the same save.
/// </summary>
public static class ExtendDataSubjectRequest
{
    public static async Task<Outcome<DataSubjectRequest>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid requestId, int months, string? reason,
        string actor, CancellationToken ct)
    {
        if (await db.DataSubjectRequests.SingleOrDefaultAsync(t => t.Id == requestId, ct) is not { } ticket)
        {
            return new Refusal.NotFound();
        }

        var now = clock.GetUtcNow();
        if (RequestDeadlines.CheckExtension(ticket, months, reason, now) is { } problem)
        {
            return problem.Field == "status"
                ? new Refusal.Conflict(RequestProblems.Describe(problem.Code))
                : Refusal.Field(problem.Field, RequestProblems.Describe(problem.Code));
        }

        var stated = reason!.Trim();
        var due = RequestDeadlines.ExtendedDueAt(ticket.ReceivedAt!.Value, months);
        ticket.ExtendedAt = now;
        ticket.ExtensionReason = stated;
        ticket.ExtensionNotifiedAt = now;
        ticket.DueAt = due;
        ticket.DueSoonWarnedAt = null;
        ticket.OverdueWarnedAt = null;
        RequestMail.Queue(db, ticket, RequestMail.ExtensionTemplate, "extension", now, new Dictionary<string, string>
        {
            ["request_due_at"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["request_reason"] = stated,
        });
        db.DataSubjectRequestEvents.Add(DataSubjectRequestEvent.Create(ticket.Id, now, actor, "extended",
            string.Create(CultureInfo.InvariantCulture, $"months={months} due={due:O} notice queued; reason: {stated}")));
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "dsr.extended", ticket.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"months={months} due={due:O}")));
        await db.SaveChangesAsync(ct);
        return ticket;
    }
}
