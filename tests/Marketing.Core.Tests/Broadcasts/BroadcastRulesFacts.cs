using System.Globalization;
using Marketing.Broadcasts;

namespace Marketing.Core.Tests.Broadcasts;

/// <summary>A broadcast's rules as tables: its fields, the throttle's spacing, a local time's instant per zone, the A/B split and the winner.</summary>
public sealed class BroadcastRulesFacts
{
    private static readonly DateTimeOffset Ten = DateTimeOffset.Parse("2026-12-08T10:00:00Z", CultureInfo.InvariantCulture);

    [Theory]
    // 120 an hour: one every 30 s.
    [InlineData(120, "hour", 0, "2026-12-08T10:00:00Z")]
    [InlineData(120, "hour", 1, "2026-12-08T10:00:30Z")]
    [InlineData(120, "hour", 2, "2026-12-08T10:01:00Z")]
    [InlineData(120, "hour", 240, "2026-12-08T12:00:00Z")]
    // 10 a minute: one every 6 s.
    [InlineData(10, "minute", 1, "2026-12-08T10:00:06Z")]
    [InlineData(10, "minute", 10, "2026-12-08T10:01:00Z")]
    // No throttle: all at once.
    [InlineData(null, null, 500, "2026-12-08T10:00:00Z")]
    public void Throttle_SpacesTheNthMessageOfOneStart(int? count, string? per, int n, string expected)
    {
        var slots = ThrottleSlots.Parse("{}");
        var interval = BroadcastRules.Interval(count, per);
        var due = Ten;
        for (var i = 0; i <= n; i++)
        {
            due = slots.Take(Ten, interval);
        }

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void Throttle_GoesOnAcrossBatches_FromWhatTheBroadcastKept_AndEachStartHasItsOwnLane()
    {
        var interval = BroadcastRules.Interval(60, "minute");
        var first = ThrottleSlots.Parse("{}");
        first.Take(Ten, interval);
        first.Take(Ten, interval);
        var second = ThrottleSlots.Parse(first.ToJson());

        Assert.Equal(DateTimeOffset.Parse("2026-12-08T10:00:02Z", CultureInfo.InvariantCulture), second.Take(Ten, interval));
        Assert.Equal(DateTimeOffset.Parse("2026-12-08T11:00:00Z", CultureInfo.InvariantCulture), second.Take(Ten.AddHours(1), interval));
        Assert.Equal(DateTimeOffset.Parse("2026-12-08T10:00:03Z", CultureInfo.InvariantCulture), second.Take(Ten, interval));
    }

    [Theory]
    [InlineData("2026-12-08T09:00", "Europe/Paris", "2026-12-08T08:00:00Z")]
    [InlineData("2026-12-08T09:00", "America/New_York", "2026-12-08T14:00:00Z")]
    [InlineData("2026-12-08T09:00", "Asia/Tokyo", "2026-12-08T00:00:00Z")]
    [InlineData("2026-12-08T09:00", "Pacific/Kiritimati", "2026-12-07T19:00:00Z")]
    [InlineData("2026-07-08T09:00", "Europe/Paris", "2026-07-08T07:00:00Z")]
    // 02:30 does not exist in Paris on the spring night: the first valid minute after it.
    [InlineData("2026-03-29T02:30", "Europe/Paris", "2026-03-29T01:00:00Z")]
    public void LocalSchedule_IsThatWallClockTimeInThePersonsZone(string localAt, string zone, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture),
            BroadcastRules.LocalInstant(localAt, TimeZoneInfo.FindSystemTimeZoneById(zone)));
    }

    [Theory]
    // A local time starts when UTC+14 reaches it, and is past once UTC−12 has.
    [InlineData("local", null, "2026-12-08T09:00", "2026-12-07T19:00:00Z", "2026-12-08T21:00:00Z")]
    [InlineData("at", "2026-12-08T12:00:00+01:00", null, "2026-12-08T11:00:00Z", "2026-12-08T11:00:00Z")]
    [InlineData("now", null, null, "2026-12-08T10:00:00Z", "2026-12-08T10:00:00Z")]
    public void Schedule_StartsAndIsPastAt(string kind, string? at, string? localAt, string start, string latest)
    {
        DateTimeOffset? instant = at is null ? null : DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture), BroadcastRules.StartOf(kind, instant, localAt, Ten));
        Assert.Equal(DateTimeOffset.Parse(latest, CultureInfo.InvariantCulture), BroadcastRules.LatestOf(kind, instant, localAt, Ten));
    }

    [Theory]
    [InlineData(0, 10, "a")]
    [InlineData(999, 10, "a")]
    [InlineData(1000, 10, "b")]
    [InlineData(1999, 10, "b")]
    [InlineData(2000, 10, null)]
    [InlineData(9999, 10, null)]
    [InlineData(8999, 45, "b")]
    [InlineData(9000, 45, null)]
    [InlineData(99, 1, "a")]
    [InlineData(100, 1, "b")]
    public void Split_PutsABucketInVariantAOrBOrTheRest(int bucket, int percent, string? expected)
    {
        Assert.Equal(expected, BroadcastRules.VariantOf(bucket, percent));
    }

    [Fact]
    public void Split_IsTheSameOnEveryNode_AndSpreadsTheAudience()
    {
        var broadcast = Guid.Parse("0195f1a0-0000-7000-8000-000000000001");
        var people = Enumerable.Range(0, 20_000).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();

        var variants = people.Select(p => BroadcastRules.VariantOf(BroadcastRules.Bucket(broadcast, p), 10)).ToList();
        var again = people.Select(p => BroadcastRules.VariantOf(BroadcastRules.Bucket(broadcast, p), 10)).ToList();

        Assert.Equal(variants, again);
        // 10 % each of 20,000 is 2,000; a hash that spread badly would miss by far more than this.
        Assert.InRange(variants.Count(v => v == "a"), 1800, 2200);
        Assert.InRange(variants.Count(v => v == "b"), 1800, 2200);
        Assert.InRange(BroadcastRules.Bucket(broadcast, people[0]), 0, 9999);
    }

    [Theory]
    // Consented clicks per message sent: b's 30/100 beats a's 20/100.
    [InlineData(100, 20, 100, 30, "b")]
    [InlineData(100, 30, 100, 20, "a")]
    // Rates, not counts: 10 of 50 beats 15 of 100.
    [InlineData(100, 15, 50, 10, "b")]
    // A tie, or no click at all, keeps a.
    [InlineData(100, 10, 100, 10, "a")]
    [InlineData(100, 0, 100, 0, "a")]
    [InlineData(0, 0, 0, 0, "a")]
    // A variant nothing was sent of cannot win.
    [InlineData(100, 0, 0, 0, "a")]
    [InlineData(0, 0, 10, 1, "b")]
    public void Winner_IsTheHigherRateOfConsentedClicks(int aSent, int aClicks, int bSent, int bClicks, string expected)
    {
        Assert.Equal(expected, BroadcastRules.PickWinner(new("a", aSent, aClicks), new("b", bSent, bClicks)));
    }

    public static TheoryData<string, SaveBroadcast.Input, string, string> Invalid => new()
    {
        { "ok", Valid(), "", "" },
        { "Bad Key", Valid(), "key", "broadcast.key" },
        { "ok", Valid() with { Name = " " }, "name", "broadcast.name" },
        { "ok", Valid() with { Segment = null }, "segment", "broadcast.reference" },
        { "ok", Valid() with { Template = "Welcome!" }, "template", "broadcast.reference" },
        { "ok", Valid() with { Channel = "fax" }, "channel", "broadcast.channel" },
        { "ok", Valid() with { Schedule = null }, "schedule.kind", "broadcast.schedule_kind" },
        { "ok", Valid() with { Schedule = new("later") }, "schedule.kind", "broadcast.schedule_kind" },
        { "ok", Valid() with { Schedule = new("at") }, "schedule.at", "broadcast.schedule_at" },
        { "ok", Valid() with { Schedule = new("now", Ten) }, "schedule.at", "broadcast.schedule_only" },
        { "ok", Valid() with { Schedule = new("local", null, "2026-12-08 09:00") }, "schedule.localAt", "broadcast.schedule_local" },
        { "ok", Valid() with { Schedule = new("local", null, "2026-12-08T25:00") }, "schedule.localAt", "broadcast.schedule_local" },
        { "ok", Valid() with { Schedule = new("local", null, "2026-12-08T09:00") }, "", "" },
        { "ok", Valid() with { Throttle = new(0, "hour") }, "throttle.count", "broadcast.throttle_count" },
        { "ok", Valid() with { Throttle = new(100, "day") }, "throttle.per", "broadcast.throttle_per" },
        { "ok", Valid() with { Throttle = new(100, "minute") }, "", "" },
        { "ok", Valid() with { AbTest = new("welcome", 10, 60) }, "abTest.template", "broadcast.test_same" },
        { "ok", Valid() with { AbTest = new("welcome-b", 46, 60) }, "abTest.percent", "broadcast.test_percent" },
        { "ok", Valid() with { AbTest = new("welcome-b", 10, 0) }, "abTest.waitMinutes", "broadcast.test_wait" },
        { "ok", Valid() with { AbTest = new("welcome-b", 10, 60) }, "", "" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_NamesTheFieldOfEachProblem(string key, SaveBroadcast.Input input, string field, string code)
    {
        var errors = BroadcastRules.Validate(key, input);

        if (field == "")
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal([field], errors.Keys);
            Assert.Equal(code, errors.CodedOf(field)![0].Code);
        }
    }

    private static SaveBroadcast.Input Valid() => new("December news", "lyon", "newsletter", "email", "welcome", new("now"));
}
