using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Data;

/// <summary>
/// A key ring entry of the host's data protection (antiforgery tokens of the jobs dashboard), kept in the
/// database so that every node of a scaled-out deployment reads what another node protected.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; init; }
    public required string FriendlyName { get; init; }
    public required string Xml { get; init; }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
