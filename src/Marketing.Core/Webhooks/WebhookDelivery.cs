using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Webhooks;

/// <summary>
/// One event for one endpoint, and what became of it: the delivery log. Unique per (endpoint, event), so fanning an
/// event out twice makes one delivery; a pass claims it with a lease before it posts, so two nodes never post it at once.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; init; }
    public Guid EndpointId { get; init; }
    public Guid EventId { get; init; }
    public required string EventType { get; init; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

public static class WebhookDeliveryStatuses
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    /// <summary>Every attempt failed; a replay queues it again.</summary>
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Pending, Delivered, Failed];
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.Property(d => d.EventType).HasMaxLength(32);
        builder.Property(d => d.Status).HasMaxLength(16);
        builder.Property(d => d.ClaimedBy).HasMaxLength(120);
        builder.Property(d => d.LastError).HasMaxLength(500);
    }
}
