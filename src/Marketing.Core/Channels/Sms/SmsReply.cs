using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Sms;

public sealed class SmsReply
{
    public Guid Id { get; init; }
    public Guid? PersonId { get; init; }
    public required string Keyword { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
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
