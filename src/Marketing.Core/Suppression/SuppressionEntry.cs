using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Suppression;

/// <summary>
/// One line of the suppression list (R33, R34): a keyed hash of a normalised address, never the address
/// itself, so that it outlives the person's erasure and still stops every later send to them.
/// </summary>
public sealed class SuppressionEntry
{
    public const string AnyChannel = "*";
    public const string AnyPurpose = "*";

    public Guid Id { get; init; }
    /// <summary>HMAC-SHA256 of the normalised email or E.164 number, hex, keyed with a secret kept out of the database.</summary>
    public required string AddressHash { get; init; }
    /// <summary><c>email</c>, <c>sms</c>, or <c>*</c> for every channel.</summary>
    public required string Channel { get; init; }
    /// <summary>A purpose key for an unsubscribe from one purpose, or <c>*</c>.</summary>
    public required string Scope { get; init; }
    public required string Reason { get; init; }
    /// <summary>Where it came from: <c>one_click</c>, <c>preferences</c>, <c>bounce_webhook</c>, <c>admin:key:ops</c>, <c>import</c>…</summary>
    public required string Source { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class SuppressionReasons
{
    public const string Unsubscribe = "unsubscribe";
    public const string HardBounce = "hard_bounce";
    public const string Complaint = "complaint";
    /// <summary>Soft bounces that kept coming back (R69): the mailbox is full or failing for good.</summary>
    public const string SoftBounces = "soft_bounces";
    public const string Erasure = "erasure";
    public const string Manual = "manual";
    /// <summary>An objection to direct marketing (R17): blocks marketing in its scope whatever the basis.</summary>
    public const string Objection = "objection";

    public static IReadOnlyList<string> All { get; } = [Unsubscribe, HardBounce, Complaint, SoftBounces, Erasure, Manual, Objection];

    /// <summary>The reasons an entry may be added with by hand or by import: an objection is recorded on the person (R17).</summary>
    public static IReadOnlyList<string> Addable { get; } = [.. All.Where(r => r != Objection)];

    /// <summary>
    /// Reasons that stop even transactional and confirmation mail: the address is dead or the person complained (R60).
    /// An erasure is not one: whoever signs up with the address next may confirm it, and marketing waits for that (R34).
    /// </summary>
    public static bool StopsEverything(string reason) => reason is HardBounce or Complaint or SoftBounces;
}

internal sealed class SuppressionEntryConfiguration : IEntityTypeConfiguration<SuppressionEntry>
{
    public void Configure(EntityTypeBuilder<SuppressionEntry> builder)
    {
        builder.ToTable("suppressions");
        builder.HasKey(s => s.Id);
        // One entry per address, channel, scope and reason: adding it twice is a no-op, not a second row.
        builder.HasIndex(s => new { s.AddressHash, s.Channel, s.Scope, s.Reason }).IsUnique();
        builder.Property(s => s.AddressHash).HasMaxLength(64);
        builder.Property(s => s.Channel).HasMaxLength(20);
        builder.Property(s => s.Scope).HasMaxLength(64);
        builder.Property(s => s.Reason).HasMaxLength(30);
        builder.Property(s => s.Source).HasMaxLength(120);
        builder.HasIndex(s => s.CreatedAt);
    }
}
