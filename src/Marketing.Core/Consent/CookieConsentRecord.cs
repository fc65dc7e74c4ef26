using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Consent;

/// <summary>
/// One choice made on a cookie banner (R28): accept, refuse, a custom choice or closing it (a refusal).
/// Pseudonymous: the consent id is the random one the browser keeps in its consent cookie, and the address
/// is truncated before it is stored (R29). Appended, never changed.
/// </summary>
public sealed class CookieConsentRecord
{
    public Guid Id { get; init; }
    public required string ConsentId { get; init; }
    public required string SiteId { get; init; }
    public int BannerVersion { get; init; }
    public required string BannerSha256 { get; init; }
    public required string Action { get; init; }
    public required CookieChoices Choices { get; init; }
    public string? PageUrl { get; init; }
    public required string Locale { get; init; }
    /// <summary>The browser sent a Global Privacy Control signal (<c>navigator.globalPrivacyControl</c>).</summary>
    public bool Gpc { get; init; }
    public string? IpAddress { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>When the banner asks again (R26).</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>Granted (true) or refused (false), per category and per service of the banner version.</summary>
public sealed record CookieChoices(IReadOnlyDictionary<string, bool> Categories, IReadOnlyDictionary<string, bool> Services);

public static class CookieConsentActions
{
    public const string AcceptAll = "accept_all";
    public const string RejectAll = "reject_all";
    public const string Custom = "custom";
    /// <summary>Closed with × or Escape: a refusal (R23).</summary>
    public const string Close = "close";

    public static IReadOnlyList<string> All { get; } = [AcceptAll, RejectAll, Custom, Close];
}

internal sealed class CookieConsentRecordConfiguration : IEntityTypeConfiguration<CookieConsentRecord>
{
    public void Configure(EntityTypeBuilder<CookieConsentRecord> builder)
    {
        builder.ToTable("cookie_consent_records");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.SiteId, r.OccurredAt });
        builder.HasIndex(r => r.ConsentId);
        builder.Property(r => r.ConsentId).HasMaxLength(64);
        builder.Property(r => r.SiteId).HasMaxLength(64);
        builder.Property(r => r.BannerSha256).HasMaxLength(64);
        builder.Property(r => r.Action).HasMaxLength(20);
        builder.Property(r => r.Choices).HasJsonConversion();
        builder.Property(r => r.PageUrl).HasMaxLength(2000);
        builder.Property(r => r.Locale).HasMaxLength(20);
        builder.Property(r => r.IpAddress).HasMaxLength(45);
    }
}
