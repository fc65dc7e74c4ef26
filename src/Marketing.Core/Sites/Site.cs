using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Sites;

/// <summary>A website that embeds the widgets. Its origins are the CORS allow-list of its public endpoints.</summary>
public sealed class Site
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public List<string> Origins { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(SiteRules.MaxIdLength);
        builder.Property(s => s.Name).HasMaxLength(200);
    }
}
