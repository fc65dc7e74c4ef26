using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Channels.Sms;

/// <summary>
/// An SMS a known person sent to the engine's number, reduced to its first word: enough for a sequence to
/// branch on a reply (YES, STOP, a campaign keyword) without keeping what the person wrote.
/// </summary>
public sealed class SmsReply
{
    public Guid Id { get; init; }
    public Guid? PersonId { get; init; }
    /// <summary>First word, trimmed, upper-case (invariant), accents kept, at most 32 characters.</summary>
    public required string Keyword { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>Twilio's id of the inbound message; unique, so a webhook Twilio retries is handled once.</summary>
    public required string MessageSid { get; init; }
}

internal sealed class SmsReplyConfiguration : IEntityTypeConfiguration<SmsReply>
{
    public void Configure(EntityTypeBuilder<SmsReply> builder)
    {
        builder.ToTable("sms_replies");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.MessageSid).IsUnique();
        builder.HasIndex(r => new { r.PersonId, r.ReceivedAt });
        builder.Property(r => r.Keyword).HasMaxLength(32);
        builder.Property(r => r.MessageSid).HasMaxLength(64);
    }
}
