using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Consent;

/// <summary>
/// The exact wording a person saw when someone else collected their consent (R14, R51): an API client or an import
/// gives it as text, the ledger event cites its SHA-256, and this keeps the text once per distinct wording.
/// </summary>
public sealed class ConsentWording
{
    public const int MaxLength = 20_000;

    public required string Sha256 { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset FirstSeenAt { get; init; }

    public static string HashOf(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}

internal sealed class ConsentWordingConfiguration : IEntityTypeConfiguration<ConsentWording>
{
    public void Configure(EntityTypeBuilder<ConsentWording> builder)
    {
        builder.ToTable("consent_wordings");
        builder.HasKey(w => w.Sha256);
        builder.Property(w => w.Sha256).HasMaxLength(64);
        builder.Property(w => w.Text).HasMaxLength(ConsentWording.MaxLength);
    }
}
