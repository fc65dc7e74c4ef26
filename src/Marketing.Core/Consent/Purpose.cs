using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Consent;

/// <summary>A declared processing purpose with its lawful basis per regime (R1).</summary>
public sealed class Purpose
{
    public Guid Id { get; init; }
    public required string Key { get; init; }
    public Dictionary<string, string> Names { get; set; } = [];
    public Dictionary<string, string> Descriptions { get; set; } = [];
    public List<string> Channels { get; set; } = [];
    public Dictionary<string, PurposeBasis> Bases { get; set; } = [];
    public int RetentionDays { get; set; }
    /// <summary>What happens when the prospect rule runs out without an answer: <see cref="Compliance.RetentionPolicies"/> (R40).</summary>
    public string RetentionPolicy { get; set; } = Compliance.RetentionPolicies.Erase;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string NameIn(string locale) =>
        Names.TryGetValue(locale, out var name) ? name : Names.Values.FirstOrDefault() ?? Key;
}

/// <summary>
/// The basis a purpose rests on in one regime. Legitimate interest names its balancing test. <paramref name="ValidForDays"/>:
/// how long the basis lasts after the person's last contact, when not the regime's rule (R19, <see cref="Compliance.RetentionRules.ValidForDays"/>).
/// </summary>
public sealed record PurposeBasis(string Basis, string? BalancingTestRef = null, int? ValidForDays = null);

internal sealed class PurposeConfiguration : IEntityTypeConfiguration<Purpose>
{
    public void Configure(EntityTypeBuilder<Purpose> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.Key).IsUnique();
        builder.Property(p => p.Key).HasMaxLength(64);
        builder.Property(p => p.Names).HasJsonConversion();
        builder.Property(p => p.Descriptions).HasJsonConversion();
        builder.Property(p => p.Channels).HasJsonConversion();
        builder.Property(p => p.Bases).HasJsonConversion();
        builder.Property(p => p.RetentionPolicy).HasMaxLength(16).HasDefaultValue(Compliance.RetentionPolicies.Erase);
    }
}
