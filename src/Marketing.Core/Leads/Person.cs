using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Leads;

/// <summary>
/// A person in the lead store, found by normalised email or E.164 phone; a sign-up changes a stored person only once
/// its owner confirms it (invariant 7). The person row also holds the head of their consent-ledger chain, so that appending serialises
/// per person and a fork is impossible.
/// </summary>
public sealed class Person
{
    public Guid Id { get; init; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>
    /// Keyed hash of <see cref="Email"/> as the suppression list keys it (R34), kept by the context whenever the email
    /// changes, so that a segment leaves out suppressed addresses in the database; null without an email or a hasher.
    /// </summary>
    public string? EmailHash { get; set; }
    /// <summary>Keyed hash of the phone's suppression key (<see cref="Identifiers.PhoneKey"/>), kept like <see cref="EmailHash"/>.</summary>
    public string? PhoneHash { get; set; }
    private Dictionary<string, string> _attributes = [];

    /// <summary>What forms and corrections said about the person; setting it also sets <see cref="NameKey"/>.</summary>
    public Dictionary<string, string> Attributes
    {
        get => _attributes;
        set
        {
            _attributes = value;
            NameKey = PersonNames.Key(value);
        }
    }

    /// <summary>The name from the attributes, folded for a search by its beginning (<see cref="PersonNames"/>); null without one.</summary>
    public string? NameKey { get; private set; }
    public string? Locale { get; set; }
    public string? TimeZone { get; set; }
    public string? Country { get; set; }
    public bool Business { get; set; }
    public required string Regime { get; set; }
    /// <summary>Where the person first came from, e.g. <c>form:newsletter@3</c>.</summary>
    public required string Source { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The day (no time) of the person's last recorded open, overwritten at each (R32's deliverability measure).</summary>
    public DateOnly? LastOpenOn { get; set; }
    public long LedgerSequence { get; set; }
    public string? LedgerHead { get; set; }
    /// <summary>When the person was erased (R38): the row stays, without identifiers, as the anchor of their ledger chain.</summary>
    public DateTimeOffset? ErasedAt { get; set; }
    /// <summary>
    /// Since when processing is restricted (R39, GDPR art. 18): the person is kept but takes no message, joins no
    /// sequence and leaves in no export but the DPO's. Null when not restricted.
    /// </summary>
    public DateTimeOffset? RestrictedAt { get; set; }
    /// <summary>Why, as the user who restricted wrote it (a contested accuracy, a pending objection…).</summary>
    public string? RestrictionReason { get; set; }
    /// <summary>Who restricted (an actor as the audit log writes it).</summary>
    public string? RestrictedBy { get; set; }
    /// <summary>
    /// Since when the person is in <c>retention_expiring</c> (R40): their last contact is older than the prospect
    /// period, one re-permission message may have gone, and without an answer they are erased or archived. Null otherwise.
    /// </summary>
    public DateTimeOffset? RetentionExpiringAt { get; set; }
    /// The id another system (a CRM, a shop) knows the person by, when the person came through the contact API or an
    /// import: the same id again is the same person (R55). Null for people who came through a form.
    /// </summary>
    public string? ExternalId { get; set; }
    /// <summary>
    /// When the person's data was obtained from someone else than the person (an API client, an imported list): the start
    /// of the month within which they must be told so (R52, GDPR art. 14). Null when they gave it themselves.
    /// </summary>
    public DateTimeOffset? CollectedIndirectlyAt { get; set; }
    /// <summary>When the person was given the art. 14 information (R52); null while not yet.</summary>
    public DateTimeOffset? Art14InformedAt { get; set; }
    /// <summary>Optimistic concurrency: two nodes appending for one person cannot both win.</summary>
    public int RowVersion { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.Property(p => p.Phone).HasMaxLength(20);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.HasIndex(p => p.Phone).IsUnique();
        // The people page: a name by its beginning, and the newest first, stay index ranges with a million people.
        // text_pattern_ops: PostgreSQL reads LIKE 'prefix%' from the index whatever the database's collation.
        builder.HasIndex(p => p.NameKey).HasOperators("text_pattern_ops");
        builder.HasIndex(p => p.Source).HasOperators("text_pattern_ops");
        builder.HasIndex(p => p.CreatedAt);
        // Segments leave out suppressed addresses with a probe of the suppression list per hash.
        builder.Property(p => p.EmailHash).HasMaxLength(64);
        builder.Property(p => p.PhoneHash).HasMaxLength(64);
        builder.HasIndex(p => p.RetentionExpiringAt);
        builder.HasIndex(p => p.ExternalId).IsUnique();
        builder.Property(p => p.ExternalId).HasMaxLength(100);
        builder.Property(p => p.NameKey).HasMaxLength(PersonNames.MaxLength);
        builder.Property(p => p.Attributes).HasJsonConversion();
        builder.Property(p => p.Locale).HasMaxLength(20);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.Property(p => p.Country).HasMaxLength(2);
        builder.Property(p => p.Regime).HasMaxLength(20);
        builder.Property(p => p.Source).HasMaxLength(200);
        builder.Property(p => p.LedgerHead).HasMaxLength(64);
        builder.Property(p => p.RestrictionReason).HasMaxLength(Marketing.Compliance.RestrictionRules.MaxReasonLength);
        builder.Property(p => p.RestrictedBy).HasMaxLength(120);
        builder.Property(p => p.RowVersion).IsConcurrencyToken();
    }
}
