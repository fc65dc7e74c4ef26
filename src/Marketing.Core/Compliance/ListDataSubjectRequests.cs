using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>One line of the queue: a ticket with where it stands against its due date.</summary>
public sealed record RequestLine(
    Guid Id, string Type, string Channel, string Status, string? Email, Guid? PersonId, DateTimeOffset SubmittedAt, DateTimeOffset? ReceivedAt,
    DateTimeOffset? DueAt, bool Extended, string? Outcome, DateTimeOffset? ClosedAt, DeadlineState Flag);

/// <summary>A ticket and its history, oldest step first.</summary>
public sealed record RequestTicket(DataSubjectRequest Request, DeadlineState Flag, IReadOnlyList<DataSubjectRequestEvent> History);

/// <summary>
/// The DSR queue (R36): open tickets first, soonest due first, each flagged at D-7 and overdue; then the closed ones,
/// newest first, and the filings still awaiting their requester's confirmation.
/// </summary>
public static class ListDataSubjectRequests
{
    public const int MaxLines = 500;

    public static async Task<IReadOnlyList<RequestLine>> HandleAsync(MarketingDbContext db, TimeProvider clock, string? status, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = db.DataSubjectRequests.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(t => t.Status == status);
        }

        var tickets = await query.OrderBy(t => t.Status == RequestStatuses.Open ? 0 : t.Status == RequestStatuses.AwaitingConfirmation ? 2 : 1)
            .ThenBy(t => t.DueAt).ThenBy(t => t.Id).Take(MaxLines).ToListAsync(ct);
        return [.. tickets.Select(t => Line(t, now))];
    }

    public static async Task<RequestTicket?> ReadAsync(MarketingDbContext db, TimeProvider clock, Guid id, CancellationToken ct)
    {
        if (await db.DataSubjectRequests.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct) is not { } ticket)
        {
            return null;
        }

        var history = await db.DataSubjectRequestEvents.AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        return new RequestTicket(ticket, FlagOf(ticket, clock.GetUtcNow()), history);
    }

    public static RequestLine Line(DataSubjectRequest t, DateTimeOffset now) => new(
        t.Id, t.Type, t.Channel, t.Status, t.Email, t.PersonId, t.SubmittedAt, t.ReceivedAt, t.DueAt, t.ExtendedAt is not null, t.Outcome, t.ClosedAt,
        FlagOf(t, now));

    /// <summary>Only an open ticket runs against its clock.</summary>
    public static DeadlineState FlagOf(DataSubjectRequest t, DateTimeOffset now) =>
        t.Status == RequestStatuses.Open ? RequestDeadlines.Flag(t.DueAt, now) : DeadlineState.None;
}
