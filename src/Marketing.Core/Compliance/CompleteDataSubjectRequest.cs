using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Marketing.Webhooks;

namespace Marketing.Compliance;

/// <summary>
/// Closes a request with its outcome (R36, E4): fulfilled, partially fulfilled or refused. A partial answer or a refusal
/// states its reason and that the requester was told of their right to complain to the supervisory authority.
/// </summary>
public static class CompleteDataSubjectRequest
{
    public sealed record Request(string? Outcome, string? Reason, bool ComplaintRightMentioned);

    public static async Task<Outcome<DataSubjectRequest>> HandleAsync(MarketingDbContext db, TimeProvider clock, Guid requestId, Request request,
        string actor, CancellationToken ct)
    {
        if (await db.DataSubjectRequests.SingleOrDefaultAsync(t => t.Id == requestId, ct) is not { } ticket)
        {
            return new Refusal.NotFound();
        }

        if (ticket.Status != RequestStatuses.Open)
        {
            return new Refusal.Conflict(RequestProblems.Describe(RequestProblems.NotOpen));
        }

        var problems = new Dictionary<string, string[]>();
        void Add(string field, string code) => problems[field] = [RequestProblems.Describe(code)];
        var outcome = OpenDataSubjectRequest.Check(request.Outcome, RequestOutcomes.All, "outcome", RequestProblems.OutcomeInvalid, Add);
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason is { Length: > DataSubjectRequest.MaxReasonLength } || (reason is not null && !StoredText.IsAcceptable(reason)))
        {
            Add("reason", RequestProblems.ReasonTooLong);
        }
        else if (outcome is RequestOutcomes.Partially or RequestOutcomes.Refused)
        {
            if (reason is null)
            {
                Add("reason", RequestProblems.ReasonRequired);
            }

            if (!request.ComplaintRightMentioned)
            {
                Add("complaintRightMentioned", RequestProblems.ComplaintRightRequired);
            }
        }

        var act = outcome == RequestOutcomes.Fulfilled ? await ActAsync(db, ticket, ct) : null;
        if (act is { Done: false })
        {
            Add("outcome", RequestProblems.ActNotDone);
        }

        if (problems.Count > 0)
        {
            return Refusal.Fields(problems);
        }

        var now = clock.GetUtcNow();
        ticket.Status = RequestStatuses.Closed;
        ticket.ClosedAt = now;
        ticket.Outcome = outcome;
        ticket.OutcomeReason = reason;
        ticket.ComplaintRightMentioned = request.ComplaintRightMentioned;
        ticket.Handler = actor;
        db.DataSubjectRequestEvents.Add(DataSubjectRequestEvent.Create(ticket.Id, now, actor, "completed",
            (reason is null ? $"outcome={outcome}" : $"outcome={outcome}; reason: {reason}") + (act?.Proof is { } proof ? $"; {proof}" : "")));
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "dsr.completed", ticket.Id.ToString(), $"type={ticket.Type} outcome={outcome}"));
        WebhookOutbox.DsrCompleted(db, ticket.Id, ticket.Type, ticket.PersonId, outcome!, now);
        await db.SaveChangesAsync(ct);
        return ticket;
    }

    private sealed record Act(bool Done, string? Proof);

    /// <summary>
    /// R38, R39, R17: an erasure, restriction or objection request is fulfilled by the act on the person, never by a
    /// ticket closed alone; the act's proof (the erasure and its scan, the restriction, the objection) goes on the ticket.
    /// </summary>
    private static async Task<Act?> ActAsync(MarketingDbContext db, DataSubjectRequest ticket, CancellationToken ct)
    {
        if (ticket.Type is not (RequestTypes.Erasure or RequestTypes.Restriction or RequestTypes.Objection))
        {
            return null;
        }

        if (ticket.PersonId is not { } personId)
        {
            return new Act(false, null);
        }

        switch (ticket.Type)
        {
            case RequestTypes.Erasure:
                var erasure = await db.Erasures.Where(e => e.PersonId == personId).OrderByDescending(e => e.At).FirstOrDefaultAsync(ct);
                return erasure is null ? new Act(false, null) : new Act(true, $"erasure {erasure.Id:D}: {erasure.ScanResult}");
            case RequestTypes.Restriction:
                var restrictedAt = await db.People.Where(p => p.Id == personId).Select(p => p.RestrictedAt).SingleOrDefaultAsync(ct);
                return restrictedAt is { } at ? new Act(true, $"restricted since {at:O}") : new Act(false, null);
            default:
                var objections = await db.ConsentEvents.CountAsync(e => e.PersonId == personId && e.Status == Marketing.Consent.ConsentStatuses.Objected, ct);
                return objections > 0 ? new Act(true, $"objection recorded in {objections} ledger events") : new Act(false, null);
        }
    }
}
