using System.Globalization;
using System.Runtime.CompilerServices;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>One ticket as export E4 (the DSR log) shows it.</summary>
public sealed record RequestLogRow(
    Guid RequestId,
    string Type,
    string Channel,
    string Status,
    DateTimeOffset SubmittedAtUtc,
    DateTimeOffset? ReceivedAtUtc,
    string? IdentityMethod,
    DateTimeOffset? IdentityVerifiedAtUtc,
    DateTimeOffset? DueAtUtc,
    DateTimeOffset? ExtendedAtUtc,
    DateTimeOffset? ExtensionNotifiedAtUtc,
    string? ExtensionReason,
    string Actions,
    string RecipientsNotified,
    DateTimeOffset? CompletedAtUtc,
    string? Outcome,
    string? OutcomeReason,
    bool ComplaintRightMentioned,
    string? Handler,
    string? ResponseArtefact);

/// <summary>
/// Export E4, the DSR log: every ticket with its deadline, extension, the actions taken on it and its outcome, streamed in
/// pages of tickets whose history is read per page, so memory stays flat for any number of them.
/// </summary>
public static class RequestLog
{
    private const int Page = 500;

    public static async IAsyncEnumerable<RequestLogRow> StreamAsync(MarketingDbContext db, DateTimeOffset? from, DateTimeOffset? to,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var skipped = 0;
        while (true)
        {
            var query = db.DataSubjectRequests.AsNoTracking().Where(t => t.Status != RequestStatuses.AwaitingConfirmation);
            if (from is { } f)
            {
                query = query.Where(t => t.ReceivedAt >= f);
            }

            if (to is { } t0)
            {
                query = query.Where(t => t.ReceivedAt < t0);
            }

            // Tickets are counted in thousands, not millions: an offset is cheap enough and the same on both providers.
            var tickets = await query.OrderBy(t => t.Id).Skip(skipped).Take(Page).ToListAsync(ct);
            if (tickets.Count == 0)
            {
                yield break;
            }

            var ids = tickets.Select(t => t.Id).ToList();
            var events = (await db.DataSubjectRequestEvents.AsNoTracking().Where(e => ids.Contains(e.RequestId)).ToListAsync(ct))
                .OrderBy(e => e.At).ThenBy(e => e.Id).ToLookup(e => e.RequestId);
            var people = tickets.Where(t => t.PersonId is not null).Select(t => t.PersonId!.Value).Distinct().ToList();
            var notices = (await db.ProcessorNotices.AsNoTracking().Where(n => people.Contains(n.PersonId)).ToListAsync(ct))
                .OrderBy(n => n.CreatedAt).ThenBy(n => n.ProcessorKey).ToLookup(n => n.PersonId);
            foreach (var ticket in tickets)
            {
                yield return Row(ticket, events[ticket.Id], ticket.PersonId is { } person ? notices[person] : []);
            }

            skipped += tickets.Count;
        }
    }

    private static RequestLogRow Row(DataSubjectRequest t, IEnumerable<DataSubjectRequestEvent> history, IEnumerable<ProcessorNotice> notices) => new(
        t.Id, t.Type, t.Channel, t.Status, t.SubmittedAt, t.ReceivedAt, t.IdentityMethod, t.IdentityVerifiedAt, t.DueAt, t.ExtendedAt,
        t.ExtensionNotifiedAt, t.ExtensionReason,
        string.Join(" | ", history.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.At:O} {e.Actor} {e.Action}{(e.Detail is null ? "" : ": " + e.Detail)}"))),
        RecipientsInformed(t, notices),
        t.ClosedAt, t.Outcome, t.OutcomeReason, t.ComplaintRightMentioned, t.Handler,
        t.ArchiveGeneratedAt is { } at ? string.Create(CultureInfo.InvariantCulture, $"archive {at:O} manifest sha256={t.ArchiveSha256}") : null);

    /// <summary>
    /// Art. 19 (R38): the processors told of the person's erasure or objection, with the acknowledgement of each. Only those
    /// requests oblige the controller to inform recipients; the other types say so.
    /// </summary>
    public static string RecipientsInformed(DataSubjectRequest t, IEnumerable<ProcessorNotice> notices)
    {
        var reason = t.Type switch
        {
            RequestTypes.Erasure => ProcessorNoticeReasons.Erasure,
            RequestTypes.Objection => ProcessorNoticeReasons.Objection,
            _ => null,
        };
        if (reason is null)
        {
            return "N/A: recipients are informed of an erasure or objection (Art. 19)";
        }

        var told = notices.Where(n => n.Reason == reason).ToList();
        return told.Count == 0
            ? "none recorded: no processor entry, or the erasure or objection is not done"
            : string.Join(" | ", told.Select(n => n.Status == ProcessorNoticeStatuses.Acknowledged
                ? string.Create(CultureInfo.InvariantCulture, $"{n.ProcessorKey}: acknowledged {n.AcknowledgedAt:O} by {n.AcknowledgedBy}")
                : string.Create(CultureInfo.InvariantCulture, $"{n.ProcessorKey}: pending since {n.CreatedAt:O}")));
    }
}
