using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Sending;

/// <summary>
/// One message the engine means to send, and what became of it. Its unique key makes asking twice one
/// message; the gate's decision, and the evidence it relied on, are written here at the moment of sending.
/// </summary>
public sealed class SendRecord
{
    public Guid Id { get; init; }
    /// <summary>Unique: <c>doi:{request}</c>, <c>api:{caller's key}</c>, <c>seq:{enrolment}:{steps run}:{step}</c>, <c>bc:{broadcast}:{person}</c>.</summary>
    public required string Key { get; init; }
    /// <summary>The person the message goes to; for account mail to a user of the app (<see cref="Recipient"/>), the user's id.</summary>
    public Guid PersonId { get; init; }
    /// <summary><c>person</c> (a lead) or <c>user</c> (staff, who get account mail only): see <see cref="SendRecipients"/>.</summary>
    public string Recipient { get; init; } = SendRecipients.Person;
    public required string Channel { get; init; }
    public required string MessageType { get; init; }
    public string? PurposeKey { get; init; }
    public required string TemplateKey { get; init; }
    /// <summary>What a transactional message is about, <c>kind:id</c> (<c>order:1234</c>); the gate refuses one without it.</summary>
    public string? Reference { get; init; }
    /// <summary>Values the template may use beyond the person (e.g. the double-opt-in request it confirms).</summary>
    public Dictionary<string, string> Data { get; init; } = [];
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset DueAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    /// <summary><c>{node}:{batch}</c> of the pass that claimed the message last.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>While <c>sending</c> or <c>handing_over</c>: the claim holds until then, renewed while its pass runs; after it, another pass takes over.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? Decision { get; set; }
    public string? DecisionReason { get; set; }
    /// <summary>
    /// <c>consent_event</c>, <c>legitimate_interest</c> or <c>customer_exception</c> for marketing; <c>transactional_reference</c>
    /// (the reference) for transactional mail; <c>message_type</c> for a confirmation.
    /// </summary>
    public string? EvidenceKind { get; set; }
    public string? EvidenceId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>Keyed hash of the address it went to: the record stays meaningful after the person is erased.</summary>
    public string? AddressHash { get; set; }
    public string? MessageId { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The enrolment whose step this message is, for nurture messages: branches read its clicks and replies.</summary>
    public Guid? EnrolmentId { get; init; }
    /// <summary>The sequence step this nurture message is (null for any other message): the sequence's statistics group by it.</summary>
    public string? StepId { get; init; }
    /// <summary>The broadcast this message is part of (null for any other message): its progress and reports group by it.</summary>
    public Guid? BroadcastId { get; init; }
    /// <summary>A broadcast's A/B sample the message was in, <c>a</c> or <c>b</c>; null for the rest of the audience.</summary>
    public string? Variant { get; init; }
    /// <summary>When the person first followed a tracked link of this message.</summary>
    public DateTimeOffset? ClickedAt { get; set; }
    /// <summary>When the person's mail client first loaded the open pixel, kept only with consent to open tracking (R30).</summary>
    public DateTimeOffset? OpenedAt { get; set; }
    /// <summary>What the provider last said of delivery (SMS status callbacks): queued, sent, delivered, undelivered or failed.</summary>
    public string? DeliveryStatus { get; set; }

    /// <summary>Writes the gate's answer on the record (when, why, on what evidence, to which address hash); false when it blocks.</summary>
    public bool Apply(GateDecision decision, DateTimeOffset at)
    {
        DecidedAt = at;
        AddressHash = decision.AddressHash;
        if (!decision.Allowed)
        {
            Block(decision.Reason);
            return false;
        }

        Decision = GateDecision.AllowedDecision;
        DecisionReason = Cut(decision.Reason, 200);
        EvidenceKind = decision.EvidenceKind;
        EvidenceId = decision.EvidenceId;
        return true;
    }

    public void Block(string reason)
    {
        Status = SendStatuses.Blocked;
        Decision = GateDecision.BlockedDecision;
        DecisionReason = Cut(reason, 200);
    }

    public void Fail(string error)
    {
        Status = SendStatuses.Failed;
        LastError = Cut(error, 1000);
    }

    /// <summary>Back to the queue after a transient error, to be claimed again at <paramref name="due"/>.</summary>
    public void Retry(string error, DateTimeOffset due)
    {
        Status = SendStatuses.Queued;
        DueAt = due;
        LastError = Cut(error, 1000);
    }

    /// <summary>Texts longer than their column are cut, never refused: the outcome matters more than its last words.</summary>
    public static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}

public static class DeliveryStatuses
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Undelivered = "undelivered";
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Queued, Sent, Delivered, Undelivered, Failed];

    /// <summary>Twilio's status of a message, as the record keeps it; Twilio reports more stages, and the others (receiving…) are null.</summary>
    public static string? FromTwilio(string? reported) => reported?.ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" => Queued,
        "sending" or "sent" => Sent,
        "delivered" or "read" => Delivered,
        "undelivered" => Undelivered,
        "failed" or "canceled" => Failed,
        _ => null,
    };

    /// <summary>Callbacks can arrive out of order: a later stage never goes back to an earlier one.</summary>
    public static int Rank(string? status) => status switch
    {
        Queued => 1,
        Sent => 2,
        Delivered or Undelivered or Failed => 3,
        _ => 0,
    };
}

public static class SendStatuses
{
    public const string Queued = "queued";
    /// <summary>Claimed by a pass and not handed to the relay or gateway yet: if the pass stops, the message is queued again.</summary>
    public const string Sending = "sending";
    /// <summary>Being handed over right now (SMTP DATA, a Twilio request): written before, settled after. At most one per connection.</summary>
    public const string HandingOver = "handing_over";
    public const string Sent = "sent";
    public const string Blocked = "blocked";
    public const string Failed = "failed";
    /// <summary>Its broadcast was cancelled before it was handed over: it never leaves.</summary>
    public const string Cancelled = "cancelled";
    /// <summary>A node stopped while handing the message over: it may or may not have left, so it is never tried again (invariant 3).</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Held by a pass: counted against caps and volumes as if sent.</summary>
    public static IReadOnlyList<string> Claimed { get; } = [Sending, HandingOver];
}

/// <summary>
/// Whom a send record addresses. Users of the web app are not people of the lead store: invitations and password
/// resets reach them through the same gate and dispatcher, addressed by their user id (ADR 9).
/// </summary>
public static class SendRecipients
{
    public const string Person = "person";
    public const string User = "user";
    /// <summary>Someone who filed a data-subject request, addressed by the ticket's id: mail about that request only (R36).</summary>
    public const string Requester = "requester";
}

public static class MessageTypes
{
    public const string Marketing = "marketing";
    public const string Transactional = "transactional";
    public const string DoubleOptIn = "doi";

    public static IReadOnlyList<string> All { get; } = [Marketing, Transactional, DoubleOptIn];
}

internal sealed class SendRecordConfiguration : IEntityTypeConfiguration<SendRecord>
{
    public void Configure(EntityTypeBuilder<SendRecord> builder)
    {
        builder.ToTable("send_records");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.Key).IsUnique();
        builder.HasIndex(s => new { s.Status, s.DueAt });
        builder.HasIndex(s => s.PersonId);
        builder.HasIndex(s => s.MessageId);
        // A sequence's statistics count its messages per step and status in the database (ReadSequenceStats).
        builder.HasIndex(s => new { s.EnrolmentId, s.StepId, s.Status });
        // A broadcast's materialising pass skips the people it has a message for; its progress counts by status.
        builder.HasIndex(s => new { s.BroadcastId, s.PersonId });
        // The home page's sends by outcome and blocks by reason over a window.
        builder.HasIndex(s => new { s.CreatedAt, s.Status });
        // Counts of what left in a window (the complaint rate, R69); rows not sent yet stay out of it.
        builder.HasIndex(s => s.SentAt).HasFilter("sent_at IS NOT NULL");
        builder.Property(s => s.Key).HasMaxLength(200);
        builder.Property(s => s.Recipient).HasMaxLength(10).HasDefaultValue(SendRecipients.Person);
        builder.Property(s => s.Channel).HasMaxLength(20);
        builder.Property(s => s.MessageType).HasMaxLength(20);
        builder.Property(s => s.PurposeKey).HasMaxLength(64);
        builder.Property(s => s.TemplateKey).HasMaxLength(64);
        builder.Property(s => s.Reference).HasMaxLength(TransactionalReference.MaxLength);
        builder.Property(s => s.Data).HasJsonConversion();
        builder.Property(s => s.Status).HasMaxLength(20);
        builder.Property(s => s.ClaimedBy).HasMaxLength(120);
        builder.Property(s => s.Decision).HasMaxLength(10);
        builder.Property(s => s.DecisionReason).HasMaxLength(200);
        builder.Property(s => s.EvidenceKind).HasMaxLength(30);
        builder.Property(s => s.EvidenceId).HasMaxLength(200);
        builder.Property(s => s.AddressHash).HasMaxLength(64);
        builder.Property(s => s.MessageId).HasMaxLength(200);
        builder.Property(s => s.LastError).HasMaxLength(1000);
        builder.Property(s => s.DeliveryStatus).HasMaxLength(20);
        builder.Property(s => s.Variant).HasMaxLength(1);
    }
}
