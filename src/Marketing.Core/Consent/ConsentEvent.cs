using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Consent;

/// <summary>
/// One line of the consent ledger (R14, R15): who consented (or withdrew) to what, when, on which wording,
/// where and how. Appended, never updated or deleted; each carries the hash of its content and of the
/// previous event of the same person.
/// </summary>
public sealed class ConsentEvent
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>1, 2, 3… per person: the chain's order, set by the chain step alone (<see cref="ConsentLedger.Append"/>).</summary>
    public long Sequence { get; internal set; }
    public required string Identifier { get; init; }
    public required string IdentifierType { get; init; }
    public Guid PurposeId { get; init; }
    public required string PurposeKey { get; init; }
    public required string Channel { get; init; }
    public required string Regime { get; init; }
    public required string Status { get; init; }
    public required string Method { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>The person's UTC offset at that moment, from their time zone, when known (R14).</summary>
    public int? LocalOffsetMinutes { get; init; }
    public Guid? NoticeVersionId { get; init; }
    public int? NoticeVersion { get; init; }
    public string? NoticeSha256 { get; init; }
    public string? Locale { get; init; }
    public string? FormId { get; init; }
    public int? FormVersion { get; init; }
    public Guid? PrivacyNoticeVersionId { get; init; }
    public int? PrivacyNoticeVersion { get; init; }
    public string? PageUrl { get; init; }
    public string? Referrer { get; init; }
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
    public Guid? SubmissionId { get; init; }
    /// <summary>
    /// Who collected the consent when the engine did not (R14, R51): the source organisation or partner an API client or an
    /// import names. Null for the engine's own forms.
    /// </summary>
    public string? Source { get; init; }
    /// <summary>The legitimate-interest assessment a basis recorded through the API or an import rests on (R55); null otherwise.</summary>
    public string? BasisReference { get; init; }
    public string? PreviousHash { get; internal set; }
    public string Hash { get; internal set; } = "";
    /// <summary>Which formula <see cref="Hash"/> follows (<see cref="LedgerHash.Cleartext"/> for events older than ADR 16).</summary>
    public int HashVersion { get; init; } = LedgerHash.Committed;
    /// <summary>The random salt of the commitment to the personal fields; removed with them by an erasure.</summary>
    public string? PersonalSalt { get => _salt; init => _salt = value; }
    private string? _salt;
    /// <summary>The commitment to the personal fields that the hash covers in their place (ADR 16); kept after an erasure.</summary>
    public string? PersonalDigest { get; internal set; }
    /// <summary>When an erasure (R38) replaced the personal fields by a tombstone.</summary>
    public DateTimeOffset? ErasedAt { get; init; }
    /// <summary>A version-1 event's seal taken at its erasure (<see cref="LedgerHash.ErasureSeal"/>).</summary>
    public string? ErasureSeal { get; init; }

    /// <summary>Computes the commitment and the hash over the event as it now stands; called once, before it is appended.</summary>
    public ConsentEvent Sealed()
    {
        if (HashVersion == LedgerHash.Committed)
        {
            _salt ??= LedgerHash.NewSalt();
            PersonalDigest = LedgerHash.Commit(_salt, this);
        }

        Hash = LedgerHash.Compute(this);
        return this;
    }
}

internal sealed class ConsentEventConfiguration : IEntityTypeConfiguration<ConsentEvent>
{
    public void Configure(EntityTypeBuilder<ConsentEvent> builder)
    {
        builder.ToTable("consent_events");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.PersonId, e.Sequence }).IsUnique();
        builder.HasIndex(e => e.OccurredAt);
        // The home page's confirmations per day, counted from the index alone.
        builder.HasIndex(e => new { e.Status, e.OccurredAt });
        builder.HasIndex(e => new { e.FormId, e.OccurredAt });
        builder.HasIndex(e => new { e.PurposeId, e.OccurredAt });
        builder.Property(e => e.Identifier).HasMaxLength(320);
        builder.Property(e => e.IdentifierType).HasMaxLength(10);
        builder.Property(e => e.PurposeKey).HasMaxLength(64);
        builder.Property(e => e.Channel).HasMaxLength(20);
        builder.Property(e => e.Regime).HasMaxLength(20);
        builder.Property(e => e.Status).HasMaxLength(30);
        builder.Property(e => e.Method).HasMaxLength(30);
        builder.Property(e => e.NoticeSha256).HasMaxLength(64);
        builder.Property(e => e.Locale).HasMaxLength(20);
        builder.Property(e => e.FormId).HasMaxLength(64);
        builder.Property(e => e.PageUrl).HasMaxLength(2000);
        builder.Property(e => e.Referrer).HasMaxLength(2000);
        builder.Property(e => e.IpAddress).HasMaxLength(45);
        builder.Property(e => e.UserAgent).HasMaxLength(512);
        builder.Property(e => e.Source).HasMaxLength(200);
        builder.Property(e => e.BasisReference).HasMaxLength(100);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        // Events stored before ADR 16 were hashed over their cleartext.
        builder.Property(e => e.HashVersion).HasDefaultValue(LedgerHash.Cleartext);
        builder.Property(e => e.PersonalSalt).HasMaxLength(64);
        builder.Property(e => e.PersonalDigest).HasMaxLength(64);
        builder.Property(e => e.ErasureSeal).HasMaxLength(64);
    }
}

/// <summary>The current state per person, purpose and channel: a projection of the ledger, rebuilt from it at will.</summary>
public sealed class ConsentState
{
    public Guid PersonId { get; init; }
    public Guid PurposeId { get; init; }
    public required string Channel { get; init; }
    public required string Status { get; set; }
    public Guid LastEventId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The person's folded name (<see cref="Leads.Person.NameKey"/>), copied here by the context whenever either changes,
    /// so that a name among a purpose's states is one index range.
    /// </summary>
    public string? NameKey { get; set; }
}

internal sealed class ConsentStateConfiguration : IEntityTypeConfiguration<ConsentState>
{
    public void Configure(EntityTypeBuilder<ConsentState> builder)
    {
        builder.ToTable("consent_states");
        builder.HasKey(s => new { s.PersonId, s.PurposeId, s.Channel });
        // The people page's filter on a purpose and its state.
        builder.HasIndex(s => new { s.PurposeId, s.Status });
        // The people page's name with a purpose (and its state): a search that finds nobody among a million people reads
        // one range here instead of probing every person of the name.
        builder.HasIndex(s => new { s.PurposeId, s.Status, s.NameKey }).HasOperators("uuid_ops", "text_ops", "text_pattern_ops")
            .IncludeProperties(s => s.PersonId);
        builder.Property(s => s.NameKey).HasMaxLength(Leads.PersonNames.MaxLength);
        builder.Property(s => s.Channel).HasMaxLength(20);
        builder.Property(s => s.Status).HasMaxLength(30);
    }
}
