using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Consent;

/// <summary>
/// Wording shown to people: the text beside a consent box, or the privacy notice a form links to (R11, R12).
/// Its texts live in immutable versions; a change is a new version, never an edit.
/// </summary>
public sealed class Notice
{
    public Guid Id { get; init; }
    public required string Key { get; init; }
    public required string Kind { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class NoticeKinds
{
    public const string Consent = "consent";
    public const string Privacy = "privacy";

    public static IReadOnlyList<string> All { get; } = [Consent, Privacy];
}

/// <summary>The exact text of a notice in one locale, as published. Never updated.</summary>
public sealed class NoticeVersion
{
    public Guid Id { get; init; }
    public Guid NoticeId { get; init; }
    public required string Locale { get; init; }
    public int Version { get; init; }
    public required string Text { get; init; }
    /// <summary>SHA-256 of the UTF-8 text, lowercase hex: what a proof export shows as the wording's fingerprint.</summary>
    public required string Sha256 { get; init; }
    /// <summary>Where the full notice is published (privacy notices).</summary>
    public string? Url { get; init; }
    public DateTimeOffset PublishedAt { get; init; }

    public static string HashText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.HasKey(n => n.Id);
        builder.HasIndex(n => n.Key).IsUnique();
        builder.Property(n => n.Key).HasMaxLength(64);
        builder.Property(n => n.Kind).HasMaxLength(20);
    }
}

internal sealed class NoticeVersionConfiguration : IEntityTypeConfiguration<NoticeVersion>
{
    public void Configure(EntityTypeBuilder<NoticeVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.NoticeId, v.Locale, v.Version }).IsUnique();
        builder.HasOne<Notice>().WithMany().HasForeignKey(v => v.NoticeId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Locale).HasMaxLength(20);
        builder.Property(v => v.Sha256).HasMaxLength(64);
        builder.Property(v => v.Url).HasMaxLength(2000);
    }
}
