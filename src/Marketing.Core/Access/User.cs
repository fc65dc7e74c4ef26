using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Access;

/// <summary>
/// A person who signs in to the web app: staff, never a lead (a <see cref="Leads.Person"/> is someone the engine
/// markets to). Identity's user with one role, like an API key; the user name is the normalised email.
/// </summary>
public sealed class User : IdentityUser<Guid>
{
    public const int MaxNameLength = 100;

    public ApiKeyRole Role { get; set; }
    /// <summary>How the app and its emails greet the user; optional.</summary>
    public string? DisplayName { get; set; }
    /// <summary>The language of the emails the engine sends the user (en or fr).</summary>
    public string Locale { get; set; } = "en";
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Who invited the user (an actor as the audit log writes it).</summary>
    public string? InvitedBy { get; init; }
    /// <summary>A disabled user cannot sign in, and a session they hold ends at its next request.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.HasIndex(u => u.NormalizedUserName).IsUnique();
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.Property(u => u.UserName).HasMaxLength(320);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(320);
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(320);
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.ConcurrencyStamp).HasMaxLength(64).IsConcurrencyToken();
        builder.Property(u => u.PhoneNumber).HasMaxLength(20);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.DisplayName).HasMaxLength(User.MaxNameLength);
        builder.Property(u => u.Locale).HasMaxLength(5);
        builder.Property(u => u.InvitedBy).HasMaxLength(120);
        builder.HasMany<IdentityUserClaim<Guid>>().WithOne().HasForeignKey(c => c.UserId).IsRequired();
        builder.HasMany<IdentityUserLogin<Guid>>().WithOne().HasForeignKey(l => l.UserId).IsRequired();
        builder.HasMany<IdentityUserToken<Guid>>().WithOne().HasForeignKey(t => t.UserId).IsRequired();
        builder.HasMany<IdentityUserPasskey<Guid>>().WithOne().HasForeignKey(p => p.UserId).IsRequired();
    }
}

/// <summary>Identity's own rows (claims, external logins, tokens such as the authenticator key, passkeys), named like the engine's.</summary>
internal sealed class UserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> builder)
    {
        builder.ToTable("user_claims");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ClaimType).HasMaxLength(200);
        builder.Property(c => c.ClaimValue).HasMaxLength(400);
    }
}

internal sealed class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> builder)
    {
        builder.ToTable("user_logins");
        builder.HasKey(l => new { l.LoginProvider, l.ProviderKey });
        builder.Property(l => l.LoginProvider).HasMaxLength(128);
        builder.Property(l => l.ProviderKey).HasMaxLength(128);
        builder.Property(l => l.ProviderDisplayName).HasMaxLength(128);
        builder.HasIndex(l => l.UserId);
    }
}

internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> builder)
    {
        builder.ToTable("user_tokens");
        builder.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
        builder.Property(t => t.LoginProvider).HasMaxLength(128);
        builder.Property(t => t.Name).HasMaxLength(128);
        builder.Property(t => t.Value).HasMaxLength(2000);
    }
}

internal sealed class UserPasskeyConfiguration : IEntityTypeConfiguration<IdentityUserPasskey<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserPasskey<Guid>> builder)
    {
        builder.ToTable("user_passkeys");
        builder.HasKey(p => p.CredentialId);
        // WebAuthn: a credential id is at most 1023 bytes.
        builder.Property(p => p.CredentialId).HasMaxLength(1024);
        builder.HasIndex(p => p.UserId);
        builder.OwnsOne(p => p.Data).ToJson();
    }
}
