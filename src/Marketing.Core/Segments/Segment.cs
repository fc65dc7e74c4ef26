using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Segments;

/// <summary>
/// A saved audience: conditions over people, combined with AND, evaluated by the database each time it is counted or
/// read (<see cref="QuerySegment"/>), so it is never a stale list. Restricted, erased and suppressed people never belong.
/// </summary>
public sealed class Segment
{
    public Guid Id { get; init; }
    public required string Key { get; init; }
    public required string Name { get; set; }
    /// <summary>The <see cref="SegmentDefinition"/> as JSON, as <see cref="SegmentRules"/> accepted it.</summary>
    public required string Definition { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("segments");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.Key).IsUnique();
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Name).HasMaxLength(SegmentRules.MaxNameLength);
        builder.Property(s => s.Definition).HasMaxLength(SegmentRules.MaxDefinitionLength);
    }
}
