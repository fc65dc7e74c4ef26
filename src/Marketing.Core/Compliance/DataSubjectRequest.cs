using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Compliance;

/// <summary>
/// A data-subject request as a ticket with its deadline (R36, E4): what was asked, by which channel, when it was received
/// and how the requester's identity was checked, its due date, an extension with its reason and notice, and how it ended.
/// A request filed on the public intake is opened only when its requester confirms from their mailbox, so nobody files
/// for someone else.
/// </summary>
public sealed class DataSubjectRequest
{
    public const int MaxTextLength = 2000;
    public const int MaxReasonLength = 1000;

    public Guid Id { get; init; }
    public required string Type { get; init; }
    public required string Channel { get; init; }
    /// <summary>The requester's address, where the confirmation, the extension notice and the reply go.</summary>
    public string? Email { get; set; }
    /// <summary>The person of the lead store the request is about, when one is known.</summary>
    public Guid? PersonId { get; set; }
    public string? Locale { get; init; }
    /// <summary>What the requester wrote, or the agent noted.</summary>
    public string? Details { get; set; }
    public required string Status { get; set; }
    /// <summary>When the intake form was filled in (public intake) or the agent entered the request.</summary>
    public DateTimeOffset SubmittedAt { get; init; }
    /// <summary>When the request counts as received: at entry by an agent, at the requester's confirmation on the public intake.</summary>
    public DateTimeOffset? ReceivedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? IdentityMethod { get; set; }
    public DateTimeOffset? IdentityVerifiedAt { get; set; }
    /// <summary>SHA-256 of the confirmation link's token, written when the email carrying it is written.</summary>
    public string? ConfirmationTokenHash { get; set; }
    public DateTimeOffset? ConfirmationExpiresAt { get; set; }
    public DateTimeOffset? ExtendedAt { get; set; }
    public string? ExtensionReason { get; set; }
    /// <summary>When the extension notice to the requester was queued (before the first due date, R36).</summary>
    public DateTimeOffset? ExtensionNotifiedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Outcome { get; set; }
    public string? OutcomeReason { get; set; }
    /// <summary>A refusal or partial answer told the requester of their right to complain to the authority (R36).</summary>
    public bool ComplaintRightMentioned { get; set; }
    /// <summary>Who closed the ticket, as the audit log names actors.</summary>
    public string? Handler { get; set; }
    /// <summary>When the last access or portability archive was generated (R37), and its manifest's SHA-256.</summary>
    public DateTimeOffset? ArchiveGeneratedAt { get; set; }
    public string? ArchiveSha256 { get; set; }
    /// <summary>When the daily check warned that the ticket is due within 7 days, and that it is overdue: once each per due date.</summary>
    public DateTimeOffset? DueSoonWarnedAt { get; set; }
    public DateTimeOffset? OverdueWarnedAt { get; set; }
    public required string CreatedBy { get; init; }
}

/// <summary>One step of a ticket's history: opened, confirmed, extended, archive generated, completed.</summary>
public sealed class DataSubjectRequestEvent
{
    public Guid Id { get; init; }
    public Guid RequestId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public string? Detail { get; init; }

    public static DataSubjectRequestEvent Create(Guid requestId, DateTimeOffset at, string actor, string action, string? detail = null) => new()
    {
        Id = Guid.CreateVersion7(), RequestId = requestId, At = at, Actor = Cut(actor, 120), Action = action, Detail = detail is null ? null : Cut(detail, 2000),
    };

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}

public static class RequestTypes
{
    public const string Access = "access";
    public const string Portability = "portability";
    public const string Rectification = "rectification";
    public const string Erasure = "erasure";
    public const string Restriction = "restriction";
    public const string Objection = "objection";
    public const string Withdrawal = "withdrawal";

    public static IReadOnlyList<string> All { get; } = [Access, Portability, Rectification, Erasure, Restriction, Objection, Withdrawal];
}

public static class RequestChannels
{
    public const string Form = "form";
    public const string Email = "email";
    public const string Letter = "letter";
    public const string Phone = "phone";
    public const string InPerson = "in_person";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Form, Email, Letter, Phone, InPerson, Other];
}

/// <summary>How the requester was recognised (R36: identity is checked where there are reasonable doubts, no more).</summary>
public static class IdentityMethods
{
    /// <summary>The requester followed a link sent to the address the request is about.</summary>
    public const string EmailConfirmation = "email_confirmation";
    /// <summary>The request came from the address or number already on file.</summary>
    public const string KnownAddress = "known_address";
    public const string Document = "document";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [EmailConfirmation, KnownAddress, Document, Other];
}

public static class RequestStatuses
{
    /// <summary>Filed on the public intake; not a request until its requester confirms.</summary>
    public const string AwaitingConfirmation = "awaiting_confirmation";
    public const string Open = "open";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [AwaitingConfirmation, Open, Closed];
}

public static class RequestOutcomes
{
    public const string Fulfilled = "fulfilled";
    public const string Partially = "partially";
    public const string Refused = "refused";

    public static IReadOnlyList<string> All { get; } = [Fulfilled, Partially, Refused];
}

internal sealed class DataSubjectRequestConfiguration : IEntityTypeConfiguration<DataSubjectRequest>
{
    public void Configure(EntityTypeBuilder<DataSubjectRequest> builder)
    {
        builder.ToTable("data_subject_requests");
        builder.HasKey(r => r.Id);
        // The queue: open tickets by due date; the daily check reads the same range.
        builder.HasIndex(r => new { r.Status, r.DueAt });
        builder.HasIndex(r => r.PersonId);
        builder.HasIndex(r => r.ConfirmationTokenHash).IsUnique();
        builder.HasIndex(r => r.Email);
        builder.Property(r => r.Type).HasMaxLength(20);
        builder.Property(r => r.Channel).HasMaxLength(20);
        builder.Property(r => r.Email).HasMaxLength(320);
        builder.Property(r => r.Locale).HasMaxLength(20);
        builder.Property(r => r.Details).HasMaxLength(DataSubjectRequest.MaxTextLength);
        builder.Property(r => r.Status).HasMaxLength(30);
        builder.Property(r => r.IdentityMethod).HasMaxLength(30);
        builder.Property(r => r.ConfirmationTokenHash).HasMaxLength(64);
        builder.Property(r => r.ExtensionReason).HasMaxLength(DataSubjectRequest.MaxReasonLength);
        builder.Property(r => r.Outcome).HasMaxLength(20);
        builder.Property(r => r.OutcomeReason).HasMaxLength(DataSubjectRequest.MaxReasonLength);
        builder.Property(r => r.Handler).HasMaxLength(120);
        builder.Property(r => r.ArchiveSha256).HasMaxLength(64);
        builder.Property(r => r.CreatedBy).HasMaxLength(120);
    }
}

internal sealed class DataSubjectRequestEventConfiguration : IEntityTypeConfiguration<DataSubjectRequestEvent>
{
    public void Configure(EntityTypeBuilder<DataSubjectRequestEvent> builder)
    {
        builder.ToTable("data_subject_request_events");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.RequestId, e.At });
        builder.Property(e => e.Actor).HasMaxLength(120);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.Detail).HasMaxLength(2000);
    }
}
