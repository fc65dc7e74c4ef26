using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Webhooks;

/// <summary>
/// R18: a processor acknowledged a suppression pushed to it (its endpoint answered 2xx to <c>suppression.added</c>).
/// The time from <see cref="SuppressedAt"/> to <see cref="AcknowledgedAt"/> is the propagation latency per processor.
/// </summary>
public sealed class SuppressionAcknowledgement
{
    public Guid Id { get; init; }
    public Guid SuppressionId { get; init; }
    public required string ProcessorKey { get; init; }
    public Guid DeliveryId { get; init; }
    public DateTimeOffset SuppressedAt { get; init; }
    public DateTimeOffset AcknowledgedAt { get; init; }
}

internal sealed class SuppressionAcknowledgementConfiguration : IEntityTypeConfiguration<SuppressionAcknowledgement>
{
    public void Configure(EntityTypeBuilder<SuppressionAcknowledgement> builder)
    {
        builder.ToTable("suppression_acknowledgements");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.SuppressionId, a.ProcessorKey }).IsUnique();
        builder.Property(a => a.ProcessorKey).HasMaxLength(64);
    }
}
