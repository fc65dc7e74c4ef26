using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Consent;

/// <summary>
/// A sign-up waiting for its address to be confirmed (R20): the pending ledger events it will confirm, and
/// the hash of the link's token. The token itself is made when the email is written and never stored.
/// </summary>
public sealed class DoubleOptInRequest
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public Guid SubmissionId { get; init; }
    public List<Guid> PendingEventIds { get; init; } = [];
    public string? Locale { get; init; }
    public required string Status { get; set; }
    public string? TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}

public static class DoubleOptInStatuses
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
}

internal sealed class DoubleOptInRequestConfiguration : IEntityTypeConfiguration<DoubleOptInRequest>
{
    public void Configure(EntityTypeBuilder<DoubleOptInRequest> builder)
    {
        builder.ToTable("doi_requests");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasIndex(r => r.PersonId);
        builder.Property(r => r.PendingEventIds).HasJsonConversion();
        builder.Property(r => r.Locale).HasMaxLength(20);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
    }
}
