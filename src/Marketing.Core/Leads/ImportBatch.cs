using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Leads;

/// <summary>
/// One imported list with its provenance (R51) and its report (E10): where the people came from, under which contract,
/// what they were shown, and what the import did line by line. <see cref="LinesDone"/> is the checkpoint: it moves in the
/// same transaction as the people it covers, so a crashed import resumes where it stopped, without duplicates; one run at
/// a time holds the batch by its lease (<see cref="ClaimedBy"/>, <see cref="ClaimedUntil"/>), renewed with each checkpoint.
/// </summary>
public sealed class ImportBatch
{
    public const int MaxRefusedLinesKept = 1000;

    public Guid Id { get; init; }
    public required string SourceOrganisation { get; init; }
    public string? ContractReference { get; init; }
    public DateTimeOffset? CollectedFrom { get; init; }
    public DateTimeOffset? CollectedTo { get; init; }
    public List<string> CollectionUrls { get; init; } = [];
    /// <summary>SHA-256 of the exact consent wording shown (its text in <see cref="Consent.ConsentWording"/>); null without proof.</summary>
    public string? ConsentWordingSha256 { get; init; }
    public List<string> PartnersShown { get; init; } = [];
    public List<string> Channels { get; init; } = [];
    public List<string> Purposes { get; init; } = [];
    /// <summary>Where per-record proof can be fetched (a file, an API); null without proof.</summary>
    public string? ProofLocation { get; init; }
    /// <summary>
    /// R51: the batch proves consent only with the wording, the partner list, the purposes and where per-record proof
    /// lies. Without it the people are imported with no marketing basis.
    /// </summary>
    public bool HasConsentProof { get; init; }
    public string? FileName { get; init; }
    public required string Status { get; set; }
    public long LinesDone { get; set; }
    public long RowsRead { get; set; }
    public long Created { get; set; }
    public long Merged { get; set; }
    public long Suppressed { get; set; }
    public long Refused { get; set; }
    /// <summary>The first <see cref="MaxRefusedLinesKept"/> refused lines, each with what was wrong.</summary>
    public List<RefusedLine> RefusedLines { get; set; } = [];
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The run reading the file (<c>{machine}:{process}:{run}</c>), a concurrency token: a run that lost it commits nothing more.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>When the run's lease ends unless its next checkpoint renews it; after that any node may take the batch over.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}

public sealed record RefusedLine(long Line, string Field, string Error);

public static class ImportStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.ToTable("import_batches");
        builder.HasKey(b => b.Id);
        builder.HasIndex(b => b.CreatedAt);
        builder.Property(b => b.SourceOrganisation).HasMaxLength(200);
        builder.Property(b => b.ContractReference).HasMaxLength(200);
        builder.Property(b => b.ConsentWordingSha256).HasMaxLength(64);
        builder.Property(b => b.ProofLocation).HasMaxLength(2000);
        builder.Property(b => b.FileName).HasMaxLength(260);
        builder.Property(b => b.Status).HasMaxLength(20);
        builder.Property(b => b.CreatedBy).HasMaxLength(120);
        builder.Property(b => b.ClaimedBy).HasMaxLength(120).IsConcurrencyToken();
        builder.Property(b => b.CollectionUrls).HasJsonConversion();
        builder.Property(b => b.PartnersShown).HasJsonConversion();
        builder.Property(b => b.Channels).HasJsonConversion();
        builder.Property(b => b.Purposes).HasJsonConversion();
        builder.Property(b => b.RefusedLines).HasJsonConversion();
    }
}
