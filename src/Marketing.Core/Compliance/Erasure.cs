using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Compliance;

/// <summary>
/// The record an erasure leaves (R38, invariant 8): who erased whom, on which ground, what went from each table, and what
/// the post-erasure scan found. It names the person by their random id only.
/// </summary>
public sealed class Erasure
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Ground { get; init; }
    /// <summary>Rows removed or anonymised, per table (<c>submissions</c>: 2, <c>consent_events</c>: 3…).</summary>
    public Dictionary<string, int> Counts { get; init; } = [];
    /// <summary>Records kept under a legal hold in the restricted archive.</summary>
    public int Held { get; init; }
    /// <summary><see cref="ErasureScan.NoneFound"/>, or where the identifiers still stand.</summary>
    public required string ScanResult { get; init; }
    public bool ScanClean { get; init; }
}

/// <summary>
/// A legal hold (R38): records of a person that an erasure must not destroy, with the ground that requires keeping them
/// (e.g. invoices under the commercial code). An erasure moves them to the restricted archive, which only the DPO reads.
/// </summary>
public sealed class LegalHold
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>One of <see cref="HeldRecordKinds.All"/>.</summary>
    public required string RecordKind { get; init; }
    /// <summary>One record of that kind, or null for all of them.</summary>
    public Guid? RecordId { get; init; }
    public required string Ground { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public string? ReleasedBy { get; set; }
}

public static class HeldRecordKinds
{
    public const string Purchase = "purchase";
    public const string SendRecord = "send_record";
    public const string Submission = "submission";
    /// <summary>Ledger events (R41): their cleartext outlives consent proof's period, and an erasure archives it.</summary>
    public const string ConsentProof = "consent_proof";

    public static IReadOnlyList<string> All { get; } = [Purchase, SendRecord, Submission, ConsentProof];
}

/// <summary>A record kept under a legal hold after its person's erasure: its content as JSON, with its ground; read by the DPO only.</summary>
public sealed class RestrictedRecord
{
    public Guid Id { get; init; }
    public Guid HoldId { get; init; }
    public Guid PersonId { get; init; }
    public required string RecordKind { get; init; }
    public Guid RecordId { get; init; }
    public required string Ground { get; init; }
    public required string Content { get; init; }
    public DateTimeOffset ArchivedAt { get; init; }
}

internal sealed class ErasureConfiguration : IEntityTypeConfiguration<Erasure>, IEntityTypeConfiguration<LegalHold>, IEntityTypeConfiguration<RestrictedRecord>
{
    public void Configure(EntityTypeBuilder<Erasure> builder)
    {
        builder.ToTable("erasures");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.PersonId);
        builder.HasIndex(e => e.At);
        builder.Property(e => e.Actor).HasMaxLength(120);
        builder.Property(e => e.Ground).HasMaxLength(40);
        builder.Property(e => e.Counts).HasJsonConversion();
        builder.Property(e => e.ScanResult).HasMaxLength(4000);
    }

    public void Configure(EntityTypeBuilder<LegalHold> builder)
    {
        builder.ToTable("legal_holds");
        builder.HasKey(h => h.Id);
        builder.HasIndex(h => h.PersonId);
        builder.Property(h => h.RecordKind).HasMaxLength(20);
        builder.Property(h => h.Ground).HasMaxLength(500);
        builder.Property(h => h.CreatedBy).HasMaxLength(120);
        builder.Property(h => h.ReleasedBy).HasMaxLength(120);
    }

    public void Configure(EntityTypeBuilder<RestrictedRecord> builder)
    {
        builder.ToTable("restricted_records");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.PersonId);
        builder.HasIndex(r => new { r.RecordKind, r.RecordId }).IsUnique();
        builder.Property(r => r.RecordKind).HasMaxLength(20);
        builder.Property(r => r.Ground).HasMaxLength(500);
    }
}
