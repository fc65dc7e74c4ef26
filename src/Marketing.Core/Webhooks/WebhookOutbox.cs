using System.Text.Json;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Webhooks;

/// <summary>
/// Stages outbox events beside the change that causes them, to be saved by the caller's own save (same transaction).
/// Each event carries ids and what it needs, never an address or a name (R55): a receiver that needs more asks the
/// API, which checks its key and audits the read (R49).
/// </summary>
public static class WebhookOutbox
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The event types some enabled endpoint subscribes to: the only ones worth writing (one query on a small table).</summary>
    public static async Task<HashSet<string>> WantedTypesAsync(MarketingDbContext db, CancellationToken ct) =>
        [.. (await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).Select(e => e.EventTypes).ToListAsync(ct)).SelectMany(t => t)];

    /// <summary>
    /// Takes out of a save the events no enabled endpoint subscribes to, checked in the save itself (its transaction):
    /// a disabled endpoint is not queued new events either, so nobody would ever receive them. Whether any are left.
    /// </summary>
    public static async Task<bool> DropUnwantedAsync(DbContext db, CancellationToken ct)
    {
        var staged = db.ChangeTracker.Entries<WebhookEvent>().Where(e => e.State == EntityState.Added).ToList();
        if (staged.Count == 0 || db is not MarketingDbContext marketing)
        {
            return staged.Count > 0;
        }

        var wanted = await WantedTypesAsync(marketing, ct);
        foreach (var entry in staged.Where(e => !wanted.Contains(e.Entity.Type)))
        {
            entry.State = EntityState.Detached;
        }

        return staged.Any(e => e.State == EntityState.Added);
    }

    /// <summary>The event a ledger event raises, if any: a grant or confirmation, or a withdrawal, objection or expiry.</summary>
    public static WebhookEvent? ForConsent(ConsentEvent e) =>
        TypeOfConsent(e.Status) is { } type
            ? Create(type, e.OccurredAt, new { PersonId = e.PersonId, ConsentEventId = e.Id, Purpose = e.PurposeKey, e.Channel, e.Status, e.Method, e.OccurredAt })
            : null;

    public static void Consent(MarketingDbContext db, ConsentEvent e)
    {
        if (ForConsent(e) is { } webhook)
        {
            db.WebhookEvents.Add(webhook);
        }
    }

    /// <summary>Adds a suppression entry and its <c>suppression.added</c> event, for the caller's save (R18: processors learn of it).</summary>
    /// <param name="personId">The person the entry was made for, when it was made for one (an unsubscribe, an erasure).</param>
    public static void AddSuppression(MarketingDbContext db, SuppressionEntry s, Guid? personId = null)
    {
        db.Suppressions.Add(s);
        db.WebhookEvents.Add(ForSuppression(s, personId));
    }

    public static WebhookEvent ForSuppression(SuppressionEntry s, Guid? personId = null) =>
        Create(WebhookEventTypes.SuppressionAdded, s.CreatedAt, new { SuppressionId = s.Id, PersonId = personId, s.Channel, Purpose = s.Scope, s.Reason, CreatedAt = s.CreatedAt });

    public static WebhookEvent LeadCaptured(Guid personId, Guid submissionId, string formId, int formVersion, bool newPerson, DateTimeOffset at) =>
        Create(WebhookEventTypes.LeadCaptured, at, new { PersonId = personId, SubmissionId = submissionId, FormId = formId, FormVersion = formVersion, NewPerson = newPerson, ReceivedAt = at });

    public static void PersonErased(MarketingDbContext db, Guid personId, Guid erasureId, DateTimeOffset at) =>
        db.WebhookEvents.Add(Create(WebhookEventTypes.PersonErased, at, new { PersonId = personId, ErasureId = erasureId, ErasedAt = at }));

    private static readonly HashSet<string> FinalStatuses = [SendStatuses.Sent, SendStatuses.Blocked, SendStatuses.Failed, SendStatuses.Interrupted];

    /// <summary>
    /// Stages <c>send.outcome</c> for the records of a dispatch batch that reached a final status and were not staged yet
    /// (<paramref name="staged"/>), so the caller's next save writes outcome and event together.
    /// </summary>
    public static void SendOutcomes(MarketingDbContext db, IEnumerable<SendRecord> batch, HashSet<Guid> staged, DateTimeOffset at)
    {
        foreach (var record in batch.Where(r => FinalStatuses.Contains(r.Status) && staged.Add(r.Id)))
        {
            SendOutcome(db, record, at);
        }
    }

    /// <summary>What became of a message: sent, blocked by the gate (with its reason code), failed or interrupted.</summary>
    public static void SendOutcome(MarketingDbContext db, SendRecord r, DateTimeOffset at)
    {
        // Account mail to staff is not a lead's message; only people's sends are events.
        if (r.Recipient != SendRecipients.Person)
        {
            return;
        }

        db.WebhookEvents.Add(Create(WebhookEventTypes.SendOutcome, at, new
        {
            SendId = r.Id, PersonId = r.PersonId, r.Channel, r.MessageType, Purpose = r.PurposeKey, r.Status, r.Decision,
            Reason = r.Status == SendStatuses.Blocked ? r.DecisionReason : null, r.EnrolmentId, At = at,
        }));
    }

    public static void DsrCompleted(MarketingDbContext db, Guid requestId, string kind, Guid? personId, string outcome, DateTimeOffset at) =>
        db.WebhookEvents.Add(Create(WebhookEventTypes.DsrCompleted, at, new { RequestId = requestId, Kind = kind, PersonId = personId, Outcome = outcome, CompletedAt = at }));

    private static string? TypeOfConsent(string status) => status switch
    {
        ConsentStatuses.Granted or ConsentStatuses.Confirmed => WebhookEventTypes.ConsentGranted,
        ConsentStatuses.Withdrawn or ConsentStatuses.Objected or ConsentStatuses.Expired => WebhookEventTypes.ConsentWithdrawn,
        _ => null,
    };

    private static WebhookEvent Create(string type, DateTimeOffset at, object data) => new()
    {
        Id = Guid.CreateVersion7(), Type = type, OccurredAt = at, DataJson = JsonSerializer.Serialize(data, Json),
    };
}
