using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Compliance;

/// <summary>
/// A duty to tell one processor that a person was erased or objected (R18, R35, R38, Art. 19 GDPR): recorded when it
/// arises, pending until the processor's acknowledgement is recorded (by the DPO, or by the outbound webhook).
/// </summary>
public sealed class ProcessorNotice
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>The processor entry's key at the time (kept when the entry is later removed).</summary>
    public required string ProcessorKey { get; init; }
    public required string ProcessorName { get; init; }
    /// <summary>One of <see cref="ProcessorNoticeReasons"/>.</summary>
    public required string Reason { get; init; }
    /// <summary>The erasure's id for an erasure; null for an objection.</summary>
    public Guid? ErasureId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>One of <see cref="ProcessorNoticeStatuses"/>.</summary>
    public required string Status { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
}

public static class ProcessorNoticeReasons
{
    public const string Erasure = "erasure";
    public const string Objection = "objection";
}

public static class ProcessorNoticeStatuses
{
    public const string Pending = "pending";
    public const string Acknowledged = "acknowledged";
}

/// <summary>
/// Consent proof whose period ended (R41): the cleartext of a person's ledger events for one purpose and channel was
/// tombstoned by the evidence purge. The chain rows stay; this record is what lets the verification accept them (ADR 16).
/// </summary>
public sealed class EvidencePurge
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public Guid PurposeId { get; init; }
    public required string Channel { get; init; }
    /// <summary>When processing under that purpose and channel ended (the withdrawal, objection or expiry).</summary>
    public DateTimeOffset ProcessingEndedAt { get; init; }
    public DateTimeOffset PurgedAt { get; init; }
    public int Events { get; init; }
}

internal sealed class ProcessorNoticeConfiguration : IEntityTypeConfiguration<ProcessorNotice>, IEntityTypeConfiguration<EvidencePurge>
{
    public void Configure(EntityTypeBuilder<ProcessorNotice> builder)
    {
        builder.ToTable("processor_notices");
        builder.HasKey(n => n.Id);
        builder.HasIndex(n => n.PersonId);
        builder.HasIndex(n => new { n.Status, n.CreatedAt });
        builder.Property(n => n.ProcessorKey).HasMaxLength(64);
        builder.Property(n => n.ProcessorName).HasMaxLength(200);
        builder.Property(n => n.Reason).HasMaxLength(16);
        builder.Property(n => n.Status).HasMaxLength(16);
        builder.Property(n => n.AcknowledgedBy).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<EvidencePurge> builder)
    {
        builder.ToTable("evidence_purges");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => new { p.PersonId, p.PurposeId, p.Channel }).IsUnique();
        builder.Property(p => p.Channel).HasMaxLength(20);
    }
}
