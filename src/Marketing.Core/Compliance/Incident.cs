using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Compliance;

/// <summary>
/// A personal-data breach in the breach register (R50, GDPR art. 33(5)): every incident is kept, notified or not, with the
/// facts, the effects, what was done, and the notification decision with its timestamps (E8).
/// </summary>
public sealed class Incident
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxReasonLength = 1000;

    public Guid Id { get; init; }
    /// <summary>A short name, e.g. "SMTP credentials leaked".</summary>
    public required string Title { get; set; }
    /// <summary>What happened: the nature of the breach (art. 33(3)(a)).</summary>
    public required string Description { get; set; }
    /// <summary>When the controller became aware of it: the 72-hour clock starts here (art. 33(1)).</summary>
    public DateTimeOffset AwareAt { get; set; }
    /// <summary>The affected scope: one of <see cref="IncidentScopes"/>, or null when none is declared yet.</summary>
    public string? ScopeKind { get; set; }
    /// <summary>The form id or the channel the scope names; null for a time window.</summary>
    public string? ScopeKey { get; set; }
    public DateTimeOffset? ScopeFrom { get; set; }
    public DateTimeOffset? ScopeTo { get; set; }
    /// <summary>The categories of personal data concerned, as declared (the scope's counts suggest them).</summary>
    public List<string> DataCategories { get; set; } = [];
    /// <summary>The categories of people concerned (prospects, customers, staff…).</summary>
    public List<string> SubjectCategories { get; set; } = [];
    public string? LikelyConsequences { get; set; }
    public string? MeasuresTaken { get; set; }
    /// <summary>The risk to people is high: they must be told (art. 34).</summary>
    public bool HighRisk { get; set; }
    /// <summary>When the supervisory authority was notified.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }
    /// <summary>The authority's case number, when it gave one.</summary>
    public string? AuthorityReference { get; set; }
    /// <summary>Why a notification later than 72 hours came late (art. 33(1)).</summary>
    public string? LateReason { get; set; }
    /// <summary>Why no notification is owed (the breach is unlikely to result in a risk); documented all the same (art. 33(5)).</summary>
    public string? NotRequiredReason { get; set; }
    /// <summary>When the people concerned were told (art. 34), or null.</summary>
    public DateTimeOffset? SubjectsInformedAt { get; set; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>How an incident's affected scope is named.</summary>
public static class IncidentScopes
{
    /// <summary>One form: the people who submitted it (in the window, when one is given).</summary>
    public const string Form = "form";
    /// <summary>One channel (<c>email</c> or <c>sms</c>): the people sent a message through it (in the window, when given).</summary>
    public const string Channel = "channel";
    /// <summary>A time window: the people stored at any moment of it.</summary>
    public const string Window = "window";

    public static IReadOnlyList<string> All { get; } = [Form, Channel, Window];
    public static IReadOnlyList<string> Channels { get; } = ["email", "sms"];
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => i.AwareAt);
        builder.Property(i => i.Title).HasMaxLength(Incident.MaxTitleLength);
        builder.Property(i => i.Description).HasMaxLength(Incident.MaxTextLength);
        builder.Property(i => i.ScopeKind).HasMaxLength(16);
        builder.Property(i => i.ScopeKey).HasMaxLength(64);
        builder.Property(i => i.DataCategories).HasJsonConversion();
        builder.Property(i => i.SubjectCategories).HasJsonConversion();
        builder.Property(i => i.LikelyConsequences).HasMaxLength(Incident.MaxTextLength);
        builder.Property(i => i.MeasuresTaken).HasMaxLength(Incident.MaxTextLength);
        builder.Property(i => i.AuthorityReference).HasMaxLength(200);
        builder.Property(i => i.LateReason).HasMaxLength(Incident.MaxReasonLength);
        builder.Property(i => i.NotRequiredReason).HasMaxLength(Incident.MaxReasonLength);
        builder.Property(i => i.CreatedBy).HasMaxLength(120);
    }
}
