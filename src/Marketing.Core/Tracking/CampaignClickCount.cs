using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Tracking;

/// <summary>
/// Clicks on one link of one campaign, counted together for every recipient without consent to click tracking (R31):
/// no person, no time of a click, only the count and the day of the last.
/// </summary>
public sealed class CampaignClickCount
{
    public required string Campaign { get; init; }
    /// <summary>SHA-256 of <see cref="Url"/>, hex: the key, since an address may be long.</summary>
    public required string UrlHash { get; init; }
    public required string Url { get; init; }
    public long Clicks { get; set; }
    public DateOnly LastClickOn { get; set; }
}

internal sealed class CampaignClickCountConfiguration : IEntityTypeConfiguration<CampaignClickCount>
{
    public void Configure(EntityTypeBuilder<CampaignClickCount> builder)
    {
        builder.HasKey(c => new { c.Campaign, c.UrlHash });
        builder.Property(c => c.Campaign).HasMaxLength(200);
        builder.Property(c => c.UrlHash).HasMaxLength(64);
        builder.Property(c => c.Url).HasMaxLength(2048);
    }
}
