using Marketing.Data;
using Marketing.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Consent;

/// <summary>The cookie banner of a site (one per site). The draft may change; each publication is a new immutable version.</summary>
public sealed class Banner
{
    public required string SiteId { get; init; }
    public required BannerDefinition Draft { get; set; }
    public int LatestVersion { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A published banner: what visitors were shown, archived with its hash (R28). Never updated.</summary>
public sealed class BannerVersion
{
    public Guid Id { get; init; }
    public required string SiteId { get; init; }
    public int Version { get; init; }
    public required PublishedBanner Snapshot { get; init; }
    public required string Sha256 { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
}

internal sealed class BannerConfiguration : IEntityTypeConfiguration<Banner>
{
    public void Configure(EntityTypeBuilder<Banner> builder)
    {
        builder.HasKey(b => b.SiteId);
        builder.Property(b => b.SiteId).HasMaxLength(SiteRules.MaxIdLength);
        builder.HasOne<Site>().WithMany().HasForeignKey(b => b.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(b => b.Draft).HasJsonConversion();
    }
}

internal sealed class BannerVersionConfiguration : IEntityTypeConfiguration<BannerVersion>
{
    public void Configure(EntityTypeBuilder<BannerVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.SiteId, v.Version }).IsUnique();
        builder.HasOne<Banner>().WithMany().HasForeignKey(v => v.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Snapshot).HasJsonConversion();
        builder.Property(v => v.Sha256).HasMaxLength(64);
    }
}
