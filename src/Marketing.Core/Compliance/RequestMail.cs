using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// Email to the requester of a data-subject request, through the gate's transactional path like account mail: a send
/// record addressed to the ticket (<see cref="SendRecipients.Requester"/>) with the reference <c>request:dsr-…</c>.
/// The dispatcher reads the ticket where it would read a person; a confirmation's token is made when the email is written.
/// </summary>
public static class RequestMail
{
    public const string RequestKey = "dsr_request";
    public const string ConfirmationTemplate = "request-confirmation";
    public const string ExtensionTemplate = "request-extension";
    public static readonly TimeSpan ConfirmationValidity = TimeSpan.FromDays(7);

    public static string Reference(Guid requestId) => $"{TransactionalReference.Request}:dsr-{requestId:N}";

    /// <summary>Queues the email; the caller saves. <paramref name="kind"/> makes its key unique per ticket.</summary>
    public static SendRecord Queue(MarketingDbContext db, DataSubjectRequest ticket, string template, string kind, DateTimeOffset now,
        Dictionary<string, string>? data = null)
    {
        var values = new Dictionary<string, string>(data ?? []) { [RequestKey] = ticket.Id.ToString("N"), ["locale"] = ticket.Locale ?? "en" };
        var record = new SendRecord
        {
            Id = Guid.CreateVersion7(),
            Key = $"dsr:{ticket.Id:N}:{kind}",
            PersonId = ticket.Id,
            Recipient = SendRecipients.Requester,
            Channel = ChannelKeys.Email,
            MessageType = MessageTypes.Transactional,
            TemplateKey = template,
            Reference = Reference(ticket.Id),
            Data = values,
            Status = SendStatuses.Queued,
            CreatedAt = now,
            DueAt = now,
        };
        db.SendRecords.Add(record);
        return record;
    }

    /// <summary>The requesters a batch writes to, as the gate and the templates see a recipient.</summary>
    internal static async Task<IEnumerable<Person>> RecipientsAsync(MarketingDbContext db, IReadOnlyList<SendRecord> records, CancellationToken ct)
    {
        var ids = records.Where(r => r.Recipient == SendRecipients.Requester).Select(r => r.PersonId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var tickets = await db.DataSubjectRequests.AsNoTracking().Where(t => ids.Contains(t.Id) && t.Email != null).ToListAsync(ct);
        return tickets.Select(t => new Person
        {
            Id = t.Id,
            Email = t.Email,
            Locale = t.Locale,
            // Not a lead: the gate lets a requester receive mail about their request only.
            Regime = "requester",
            Source = "request",
        });
    }

    /// <summary>Tickets whose confirmation the batch's emails carry, by id (N format), tracked: the pass writes each token's hash.</summary>
    internal static async Task<Dictionary<string, DataSubjectRequest>> AwaitingConfirmationAsync(MarketingDbContext db, IReadOnlyList<SendRecord> records, CancellationToken ct)
    {
        var ids = records.Where(r => r.Recipient == SendRecipients.Requester && r.TemplateKey == ConfirmationTemplate)
            .Select(r => r.Data.GetValueOrDefault(RequestKey)).OfType<string>()
            .Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return ids.Count == 0 ? [] : await db.DataSubjectRequests
            .Where(t => ids.Contains(t.Id) && t.Status == RequestStatuses.AwaitingConfirmation).ToDictionaryAsync(t => t.Id.ToString("N"), ct);
    }
}
