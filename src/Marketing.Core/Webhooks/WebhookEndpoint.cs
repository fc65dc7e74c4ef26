using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Webhooks;

/// <summary>
/// A receiver of outbound webhooks (R55): where events go, which types it subscribed to, and its signing secret
/// (Standard Webhooks, <c>whsec_</c> + base64), shown once when the endpoint is added. Linked to a processor entry, a
/// 2xx answer to a <c>suppression.added</c> event is that processor's acknowledgement (R18).
/// </summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; init; }
    public required string Url { get; init; }
    public string? Description { get; set; }
    public List<string> EventTypes { get; set; } = [];
    /// <summary>The signing secret, <c>whsec_</c> + base64 of 32 random bytes; the HMAC needs it in clear, so it is kept, never shown again.</summary>
    public required string Secret { get; set; }
    /// <summary>The key of the processor entry (R43) this endpoint belongs to, if any.</summary>
    public string? ProcessorKey { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    /// <summary>Failed attempts in a row; a success sets it back to 0; past the limit the endpoint is disabled.</summary>
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.Description).HasMaxLength(200);
        builder.Property(e => e.Secret).HasMaxLength(100);
        builder.Property(e => e.ProcessorKey).HasMaxLength(64);
        builder.Property(e => e.DisabledReason).HasMaxLength(500);
        builder.Property(e => e.CreatedBy).HasMaxLength(120);
        builder.Property(e => e.EventTypes).HasJsonConversion();
    }
}
