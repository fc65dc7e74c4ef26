using Marketing.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Templates;

/// <summary>
/// A template saved through the admin API, per key and locale. It overrides the default of the same key
/// shipped in <c>templates/</c>.
/// </summary>
public sealed class MessageTemplate
{
    public required string Key { get; init; }
    public required string Locale { get; init; }
    /// <summary><c>email</c> or <c>sms</c>. An SMS template has a body only, kept in <see cref="Text"/>.</summary>
    public string Channel { get; set; } = ChannelKeys.Email;
    public required string MessageType { get; set; }
    public required string Subject { get; set; }
    public required string Html { get; set; }
    /// <summary>When absent the text part is derived from the HTML.</summary>
    public string? Text { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("message_templates");
        builder.HasKey(t => new { t.Key, t.Locale });
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.Property(t => t.Locale).HasMaxLength(20);
        builder.Property(t => t.MessageType).HasMaxLength(20);
        builder.Property(t => t.Channel).HasMaxLength(20).HasDefaultValue(ChannelKeys.Email);
        builder.Property(t => t.Subject).HasMaxLength(300);
    }
}
