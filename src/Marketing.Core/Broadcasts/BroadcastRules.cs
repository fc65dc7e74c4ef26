using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketing.Capture;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Sending;

namespace Marketing.Broadcasts;

/// <summary>
/// What makes a broadcast valid field by field, and its pure rules: the throttle's spacing, a local time's instant in
/// a zone, the A/B split of the audience and the winner.
/// </summary>
public static partial class BroadcastRules
{
    public const int MaxNameLength = 200;
    public const int MaxThrottle = 1_000_000;
    /// <summary>Two samples of at most 45 % each leave at least a tenth of the audience for the winner.</summary>
    public const int MaxTestPercent = 45;
    public const int MaxTestWaitMinutes = 14 * 24 * 60;
    /// <summary>UTC+14 (Kiribati) is the earliest any zone reaches a wall-clock time.</summary>
    public static readonly TimeSpan EarliestOffset = TimeSpan.FromHours(14);
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public static IReadOnlyList<string> Channels { get; } = [ChannelKeys.Email, ChannelKeys.Sms];
    public static IReadOnlyList<string> ThrottlePeriods { get; } = ["hour", "minute"];

    [GeneratedRegex("^[a-z][a-z0-9_-]{1,63}$")]
    private static partial Regex KeyPattern();

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>Every problem of the draft's own fields; what they name (segment, purpose, templates) is checked against the store by the caller.</summary>
    public static RuleErrors Validate(string key, SaveBroadcast.Input input)
    {
        var errors = new RuleErrors();
        if (!IsValidKey(key))
        {
            errors.Set("key", "broadcast.key");
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > MaxNameLength)
        {
            errors.Set("name", "broadcast.name", ("max", MaxNameLength));
        }
        else if (FreeText.Check(input.Name) is { } problem)
        {
            errors.Set("name", problem);
        }

        foreach (var (field, value) in new[] { ("segment", input.Segment), ("purpose", input.Purpose), ("template", input.Template) })
        {
            if (!IsValidKey(value))
            {
                errors.Set(field, "broadcast.reference");
            }
        }

        if (input.Channel is null || !Channels.Contains(input.Channel))
        {
            errors.Set("channel", "broadcast.channel", ("channels", string.Join(", ", Channels)));
        }

        ValidateSchedule(input.Schedule, errors);
        if (input.Throttle is { } throttle)
        {
            if (throttle.Count is not (>= 1 and <= MaxThrottle))
            {
                errors.Set("throttle.count", "broadcast.throttle_count", ("max", MaxThrottle));
            }

            if (throttle.Per is null || !ThrottlePeriods.Contains(throttle.Per))
            {
                errors.Set("throttle.per", "broadcast.throttle_per");
            }
        }

        if (input.AbTest is { } test)
        {
            if (!IsValidKey(test.Template))
            {
                errors.Set("abTest.template", "broadcast.reference");
            }
            else if (test.Template == input.Template)
            {
                errors.Set("abTest.template", "broadcast.test_same");
            }

            if (test.Percent is not (>= 1 and <= MaxTestPercent))
            {
                errors.Set("abTest.percent", "broadcast.test_percent", ("max", MaxTestPercent));
            }

            if (test.WaitMinutes is not (>= 1 and <= MaxTestWaitMinutes))
            {
                errors.Set("abTest.waitMinutes", "broadcast.test_wait", ("max", MaxTestWaitMinutes));
            }
        }

        return errors;
    }

    private static void ValidateSchedule(SaveBroadcast.ScheduleInput? schedule, RuleErrors errors)
    {
        if (schedule is null || schedule.Kind is null || !ScheduleKinds.All.Contains(schedule.Kind))
        {
            errors.Set("schedule.kind", "broadcast.schedule_kind");
            return;
        }

        if (schedule.Kind == ScheduleKinds.At && schedule.At is null)
        {
            errors.Set("schedule.at", "broadcast.schedule_at");
        }
        else if (schedule.Kind != ScheduleKinds.At && schedule.At is not null)
        {
            errors.Set("schedule.at", "broadcast.schedule_only", ("kind", ScheduleKinds.At));
        }

        if (schedule.Kind == ScheduleKinds.Local && ParseLocal(schedule.LocalAt) is null)
        {
            errors.Set("schedule.localAt", "broadcast.schedule_local");
        }
        else if (schedule.Kind != ScheduleKinds.Local && schedule.LocalAt is not null)
        {
            errors.Set("schedule.localAt", "broadcast.schedule_only", ("kind", ScheduleKinds.Local));
        }
    }

    public static DateTime? ParseLocal(string? text) =>
        DateTime.TryParseExact(text, LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall) ? wall : null;

    /// <summary>When materialising may start: the instant itself, or for a local time the moment the first zone reaches it.</summary>
    public static DateTimeOffset StartOf(string kind, DateTimeOffset? at, string? localAt, DateTimeOffset now) => kind switch
    {
        ScheduleKinds.At => at!.Value.ToUniversalTime(),
        ScheduleKinds.Local => new DateTimeOffset(ParseLocal(localAt)!.Value, TimeSpan.Zero) - EarliestOffset,
        _ => now,
    };

    /// <summary>The last moment a schedule can still be taken: a time in the past, or a local time past in every zone, cannot.</summary>
    public static DateTimeOffset LatestOf(string kind, DateTimeOffset? at, string? localAt, DateTimeOffset now) => kind switch
    {
        ScheduleKinds.At => at!.Value.ToUniversalTime(),
        // UTC−12 is the last zone to reach it.
        ScheduleKinds.Local => new DateTimeOffset(ParseLocal(localAt)!.Value, TimeSpan.Zero) + TimeSpan.FromHours(12),
        _ => now,
    };

    /// <summary>A local schedule's instant for someone in <paramref name="zone"/>.</summary>
    public static DateTimeOffset LocalInstant(string localAt, TimeZoneInfo zone) => WallClock.ToInstant(ParseLocal(localAt)!.Value, zone);

    /// <summary>The spacing the throttle asks between two messages of one start instant; zero without a throttle.</summary>
    public static TimeSpan Interval(int? count, string? per) => count is > 0
        ? TimeSpan.FromTicks((per == "minute" ? TimeSpan.TicksPerMinute : TimeSpan.TicksPerHour) / count.Value)
        : TimeSpan.Zero;

    /// <summary>
    /// Where a person falls in an A/B split, 0 to 9,999: a keyed hash of the broadcast and the person, so every node and
    /// every retry puts them in the same place, and the samples are spread over the audience, not its oldest part.
    /// </summary>
    public static int Bucket(Guid broadcastId, Guid personId)
    {
        Span<byte> input = stackalloc byte[32];
        broadcastId.TryWriteBytes(input[..16]);
        personId.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return (int)(BitConverter.ToUInt32(hash[..4]) % 10_000);
    }

    /// <summary>The sample a bucket belongs to at <paramref name="percent"/> per variant: <c>a</c>, <c>b</c>, or null (the rest).</summary>
    public static string? VariantOf(int bucket, int percent) =>
        bucket < percent * 100 ? BroadcastVariants.A : bucket < 2 * percent * 100 ? BroadcastVariants.B : null;

    /// <summary>A variant's sample as the winner is judged: messages sent, and those clicked by people who consented to click tracking.</summary>
    public sealed record VariantResult(string Variant, int Sent, int ConsentedClicks);

    /// <summary>
    /// The variant with the higher rate of consented clicks per message sent (R31: only clicks recorded under consent
    /// count; campaign-level counts name nobody and are not read); a tie, or no click at all, keeps <c>a</c>.
    /// </summary>
    public static string PickWinner(VariantResult a, VariantResult b)
    {
        // b.clicks / b.sent > a.clicks / a.sent, without dividing by a zero.
        var bRate = (long)b.ConsentedClicks * Math.Max(a.Sent, 1);
        var aRate = (long)a.ConsentedClicks * Math.Max(b.Sent, 1);
        return b.Sent > 0 && bRate > aRate ? BroadcastVariants.B : BroadcastVariants.A;
    }
}

/// <summary>
/// The throttle's slots: per start instant, the next time a message may be due. A message due at <c>base</c> takes
/// the later of <c>base</c> and that slot, and moves it one interval on. Kept on the broadcast, so batches and nodes
/// that follow one another continue the same spacing.
/// </summary>
public sealed class ThrottleSlots
{
    private readonly Dictionary<string, DateTimeOffset> _next;

    private ThrottleSlots(Dictionary<string, DateTimeOffset> next) => _next = next;

    public static ThrottleSlots Parse(string? json) =>
        new(string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(json) ?? []);

    public DateTimeOffset Take(DateTimeOffset @base, TimeSpan interval)
    {
        var key = @base.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var due = _next.TryGetValue(key, out var slot) && slot > @base ? slot : @base;
        _next[key] = due + interval;
        return due;
    }

    public string ToJson() => JsonSerializer.Serialize(_next);
}
