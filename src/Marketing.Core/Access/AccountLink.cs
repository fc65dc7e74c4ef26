using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Access;

/// <summary>
/// A one-time link that lets a user set how they sign in: an invitation, or a reset of a lost password or passkey.
/// Only the token's hash is stored; the token exists in the printed link or the email, made when the email is written.
/// A link works once, until it expires, and using it voids the user's other open links.
/// </summary>
public sealed class AccountLink
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public required string Purpose { get; init; }
    /// <summary>SHA-256 of the token, hex; null until the email carrying it is written.</summary>
    public string? TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    /// <summary>Who asked for the link, as the audit log names actors.</summary>
    public required string CreatedBy { get; init; }

    public static string NewToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Makes the token this link is redeemed with, valid from <paramref name="now"/>; the link keeps its hash.</summary>
    public string Issue(DateTimeOffset now)
    {
        var token = NewToken();
        TokenHash = HashToken(token);
        ExpiresAt = now + AccountLinkPurposes.Validity(Purpose);
        return token;
    }
}

public static class AccountLinkPurposes
{
    public const string Invitation = "invitation";
    public const string Reset = "reset";

    /// <summary>An invitation waits a week; a reset, asked for by the person who will use it, an hour.</summary>
    public static TimeSpan Validity(string purpose) => purpose == Invitation ? TimeSpan.FromDays(7) : TimeSpan.FromHours(1);

    /// <summary>The transactional reference of the email carrying such a link (R60): an account event.</summary>
    public static string Reference(string purpose) => $"{Sending.TransactionalReference.Account}:{purpose}";

    /// <summary>The template of the email carrying such a link.</summary>
    public static string Template(string purpose) => purpose == Invitation ? "account-invitation" : "account-reset";
}

internal sealed class AccountLinkConfiguration : IEntityTypeConfiguration<AccountLink>
{
    public void Configure(EntityTypeBuilder<AccountLink> builder)
    {
        builder.ToTable("account_links");
        builder.HasKey(l => l.Id);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.UserId);
        builder.Property(l => l.Purpose).HasMaxLength(20);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.CreatedBy).HasMaxLength(120);
    }
}
