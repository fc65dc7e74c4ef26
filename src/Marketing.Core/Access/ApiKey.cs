using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Access;

/// <summary>
/// An admin API key. Only a SHA-256 of the secret is stored: the key is shown once, at creation.
/// A slow password hash is not needed because the secret is 256 random bits, not something a person chose.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public ApiKeyRole Role { get; init; }
    /// <summary>The public part of the key, used to find the row without scanning hashes.</summary>
    public required string Prefix { get; init; }
    public required byte[] SecretHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The resources (route groups of the admin API) the key reaches; empty for all that its role reaches (R48).</summary>
    public List<string> Scopes { get; init; } = [];
    /// <summary>After this instant the key is refused; null for a key that does not expire (R48).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.Property(k => k.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.PrimitiveCollection(k => k.Scopes);
    }
}
