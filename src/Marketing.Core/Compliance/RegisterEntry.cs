using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Compliance;

/// <summary>
/// What the DPO writes into the register of processing for one purpose (R42): the free-text fields the configuration
/// cannot know. Everything else in the purpose's row is generated (<see cref="BuildRegister"/>). A purpose without an
/// entry still has its row, with generated texts.
/// </summary>
public sealed class RegisterEntry
{
    public Guid Id { get; init; }
    public required string PurposeKey { get; init; }
    public string? DataSubjects { get; set; }
    public string? Recipients { get; set; }
    public string? SecurityMeasures { get; set; }
    public string? DpiaReference { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
}

internal sealed class RegisterEntryConfiguration : IEntityTypeConfiguration<RegisterEntry>
{
    public void Configure(EntityTypeBuilder<RegisterEntry> builder)
    {
        builder.ToTable("register_entries");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.PurposeKey).IsUnique();
        builder.Property(e => e.PurposeKey).HasMaxLength(64);
        builder.Property(e => e.DpiaReference).HasMaxLength(500);
        builder.Property(e => e.ReviewedBy).HasMaxLength(120);
    }
}
