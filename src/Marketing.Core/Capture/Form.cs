using Marketing.Data;
using Marketing.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Capture;

/// <summary>A lead-capture form of a site. The draft may change; each publication is a new immutable version.</summary>
public sealed class Form
{
    public required string Id { get; init; }
    public required string SiteId { get; set; }
    public required FormDefinition Draft { get; set; }
    public int LatestVersion { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class FormVersion
{
    public Guid Id { get; init; }
    public required string FormId { get; init; }
    public int Version { get; init; }
    public required PublishedForm Snapshot { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
}

internal sealed class FormConfiguration : IEntityTypeConfiguration<Form>
{
    public void Configure(EntityTypeBuilder<Form> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasMaxLength(64);
        builder.HasOne<Site>().WithMany().HasForeignKey(f => f.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(f => f.Draft).HasJsonConversion();
    }
}

internal sealed class FormVersionConfiguration : IEntityTypeConfiguration<FormVersion>
{
    public void Configure(EntityTypeBuilder<FormVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.FormId, v.Version }).IsUnique();
        builder.HasOne<Form>().WithMany().HasForeignKey(v => v.FormId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Snapshot).HasJsonConversion();
    }
}
