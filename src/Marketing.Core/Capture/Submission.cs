using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Capture;

/// <summary>
/// A stored submission, keyed by the client's own id per form: a retry with the same id finds this row and
/// gets the first answer back, so nothing is stored twice.
/// </summary>
public sealed class Submission
{
    public Guid Id { get; init; }
    public required string FormId { get; init; }
    public required string ClientSubmissionId { get; init; }
    public int FormVersion { get; init; }
    public Guid PersonId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string? Locale { get; init; }
    public string? PageUrl { get; init; }
    public string? Referrer { get; init; }
    public Dictionary<string, string> Utm { get; init; } = [];
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
    /// <summary>The answer given, returned as is on a replay.</summary>
    public required string ResultJson { get; init; }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.FormId, s.ClientSubmissionId }).IsUnique();
        builder.Property(s => s.FormId).HasMaxLength(64);
        builder.Property(s => s.ClientSubmissionId).HasMaxLength(64);
        builder.Property(s => s.Locale).HasMaxLength(20);
        builder.Property(s => s.PageUrl).HasMaxLength(2000);
        builder.Property(s => s.Referrer).HasMaxLength(2000);
        builder.Property(s => s.Utm).HasJsonConversion();
        builder.Property(s => s.IpAddress).HasMaxLength(45);
        builder.Property(s => s.UserAgent).HasMaxLength(512);
    }
}
