using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Broadcasts;

/// <summary>
/// A one-off campaign: one template (or two, for an A/B test) to a segment's people, for one purpose on one channel,
/// starting now, at a time, or at a local time in each person's zone, at most so many messages per hour or minute.
/// Its messages are send records keyed <c>bc:{broadcast}:{person}</c> (<see cref="MaterialiseBroadcasts"/>), sent by
/// the dispatchers through the gate like every other message.
/// </summary>
public sealed class Broadcast
{
    public Guid Id { get; init; }
    public required string Key { get; init; }
    public required string Name { get; set; }
    /// <summary><see cref="BroadcastStatuses"/>; a concurrency token, so a cancel and a materialising pass never both win.</summary>
    public required string Status { get; set; }
    public required string SegmentKey { get; set; }
    public required string PurposeKey { get; set; }
    public required string Channel { get; set; }
    /// <summary>The message's template (variant <c>a</c> of a test).</summary>
    public required string TemplateKey { get; set; }
    /// <summary><see cref="ScheduleKinds"/>.</summary>
    public required string ScheduleKind { get; set; }
    /// <summary>For <c>at</c>: the instant it starts.</summary>
    public DateTimeOffset? ScheduledAt { get; set; }
    /// <summary>For <c>local</c>: the wall-clock time <c>yyyy-MM-ddTHH:mm</c> each person gets it at, in their own zone.</summary>
    public string? LocalAt { get; set; }
    /// <summary>At most this many messages per <see cref="ThrottlePer"/> (null: no throttle).</summary>
    public int? ThrottleCount { get; set; }
    /// <summary><c>hour</c> or <c>minute</c>.</summary>
    public string? ThrottlePer { get; set; }
    /// <summary>An A/B test's variant <c>b</c> template (its subject or its content differ); null: no test.</summary>
    public string? TestTemplateKey { get; set; }
    /// <summary>Per cent of the audience each variant's sample holds.</summary>
    public int? TestPercent { get; set; }
    /// <summary>How long after the samples start the winner is picked.</summary>
    public int? TestWaitMinutes { get; set; }
    /// <summary><c>a</c> or <c>b</c>, once picked; the rest of the audience gets its template.</summary>
    public string? Winner { get; set; }
    /// <summary>When the materialising pass may begin (for a local time: the first zone's instant).</summary>
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? TestEndsAt { get; set; }
    /// <summary>Send records made so far.</summary>
    public int Materialised { get; set; }
    /// <summary>When the whole audience had its records: after this the segment is not read again.</summary>
    public DateTimeOffset? MaterialisedAt { get; set; }
    /// <summary>The throttle's next free slot per start instant, JSON <c>{"instant": "next slot"}</c> (<see cref="ThrottleSlots"/>).</summary>
    public string Slots { get; set; } = "{}";
    /// <summary>The pass materialising it now (<c>{node}:{pass}</c>); a concurrency token, as for enrolments.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }

    public bool IsTest => TestTemplateKey is not null;
}

public static class BroadcastStatuses
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    /// <summary>The A/B samples are out; the rest waits for the winner.</summary>
    public const string Testing = "testing";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Draft, Scheduled, Testing, Sending, Sent, Cancelled];

    /// <summary>What a cancel may still stop.</summary>
    public static IReadOnlyList<string> Cancellable { get; } = [Draft, Scheduled, Testing, Sending];
}

public static class ScheduleKinds
{
    public const string Now = "now";
    public const string At = "at";
    public const string Local = "local";

    public static IReadOnlyList<string> All { get; } = [Now, At, Local];
}

public static class BroadcastVariants
{
    public const string A = "a";
    public const string B = "b";
}

internal sealed class BroadcastConfiguration : IEntityTypeConfiguration<Broadcast>
{
    public void Configure(EntityTypeBuilder<Broadcast> builder)
    {
        builder.ToTable("broadcasts");
        builder.HasKey(b => b.Id);
        builder.HasIndex(b => b.Key).IsUnique();
        // The materialising job looks for what is due in these states.
        builder.HasIndex(b => new { b.Status, b.StartsAt });
        builder.Property(b => b.Key).HasMaxLength(64);
        builder.Property(b => b.Name).HasMaxLength(BroadcastRules.MaxNameLength);
        builder.Property(b => b.Status).HasMaxLength(20).IsConcurrencyToken();
        builder.Property(b => b.SegmentKey).HasMaxLength(64);
        builder.Property(b => b.PurposeKey).HasMaxLength(64);
        builder.Property(b => b.Channel).HasMaxLength(20);
        builder.Property(b => b.TemplateKey).HasMaxLength(64);
        builder.Property(b => b.TestTemplateKey).HasMaxLength(64);
        builder.Property(b => b.ScheduleKind).HasMaxLength(10);
        builder.Property(b => b.LocalAt).HasMaxLength(16);
        builder.Property(b => b.ThrottlePer).HasMaxLength(10);
        builder.Property(b => b.Winner).HasMaxLength(1);
        builder.Property(b => b.Slots).HasMaxLength(4000);
        builder.Property(b => b.ClaimedBy).HasMaxLength(120).IsConcurrencyToken();
    }
}
