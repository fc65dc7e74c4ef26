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
    /// <summary>How the identifiers met the stored people (<see cref="Leads.SubmissionIdentities"/>).</summary>
    public string Identity { get; init; } = Leads.SubmissionIdentities.New;
    /// <summary>Why an administrator should look at this submission (identifiers of different people); null when nothing is held.</summary>
    public string? Review { get; init; }
    /// <summary>The values submitted (attributes, locale, time zone, country, audience), kept until their person confirms them.</summary>
    public SubmittedProfile? Profile { get; init; }
    /// <summary>When a returning person confirmed this submission and its values became theirs.</summary>
    public DateTimeOffset? AppliedAt { get; set; }
    /// <summary>The double-opt-in request whose email confirms this submission's email consents.</summary>
    public Guid? ConfirmationRequestId { get; init; }
    /// <summary>An earlier request of the same address and purposes was still waiting: no second email was sent (R20 without bombing).</summary>
    public bool ConfirmationRepeated { get; init; }
    /// <summary>What the engine did to the evidence it kept: a URL cut to length, a value dropped as unusable.</summary>
    public List<string>? Notes { get; init; }
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
        // Submissions stored before this column made their person or updated one: "new" is the closest truthful word.
        builder.Property(s => s.Identity).HasMaxLength(10).HasDefaultValue(Leads.SubmissionIdentities.New);
        builder.Property(s => s.Review).HasMaxLength(200);
        builder.Property(s => s.Profile).HasJsonConversion();
        builder.Property(s => s.Notes).HasJsonConversion();
        // Only held submissions are indexed: the review list reads them, and every other insert pays nothing.
        builder.HasIndex(s => s.ReceivedAt).HasFilter("review IS NOT NULL").HasDatabaseName("ix_submissions_review");
        // The home page's captures per day: a range of this index, not the table.
        builder.HasIndex(s => s.ReceivedAt, "ix_submissions_received_at");
    }
}
