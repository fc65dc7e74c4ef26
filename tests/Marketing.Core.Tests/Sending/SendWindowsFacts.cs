using System.Globalization;
using Marketing.Sending;

namespace Marketing.Core.Tests.Sending;

/// <summary>
/// Send windows, time zones and caps as tables (R59, R63): a policy written out here, each due time and each expected
/// slot stated with its UTC offset, so a clock change shows in the row.
/// </summary>
public sealed class SendWindowsFacts
{
    private static readonly HolidayCalendar France = new(HolidayCalendar.France);

    private static SendWindow Window(string regime, string channel, string days, string from, string to, HolidayCalendar? holidays = null,
        string types = MessageTypes.Marketing) =>
        new(regime, channel, types.Split(',').ToHashSet(), SendWindow.ParseDays(days), SendWindow.ParseTime(from), SendWindow.ParseTime(to), holidays);

    private static readonly SendPolicy Policy = new(
        [
            Window("fr", "sms", "Mon-Sat", "08:00", "20:00", France),
            Window("us", "sms", "Mon-Sun", "08:00", "21:00"),
            Window("eu", "sms", "Mon-Fri", "10:00", "24:00"),
            // Two windows for one kind of message: both must be open.
            Window("de", "sms", "Mon-Fri", "09:00", "18:00"),
            Window("de", "sms", "Mon-Sun", "12:00", "22:00"),
            Window("uk", "email", "Mon-Sun", "01:30", "24:00", types: "marketing,transactional"),
        ],
        new Dictionary<string, FrequencyCap>(),
        new Dictionary<string, string> { ["fr"] = "Europe/Paris", ["us"] = "America/New_York", ["ca"] = "America/Toronto" });

    /// <param name="zones">Where the recipient may be; every one must be inside the window.</param>
    /// <param name="slot">The instant the message may leave, or null for now.</param>
    [Theory]
    // France, Monday to Saturday 08:00-20:00, never on a public holiday (R59).
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-02T10:00+01:00", null)]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-02T08:00+01:00", null)]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-02T19:59+01:00", null)]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-02T20:00+01:00", "2027-03-03T08:00+01:00")]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-02T07:59+01:00", "2027-03-02T08:00+01:00")]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-02T00:00+01:00", "2027-03-02T08:00+01:00")]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-06T19:00+01:00", null)]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-06T20:00+01:00", "2027-03-08T08:00+01:00")]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-07T10:00+01:00", "2027-03-08T08:00+01:00")]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-29T10:00+02:00", "2027-03-30T08:00+02:00")]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-07-13T20:30+02:00", "2027-07-15T08:00+02:00")]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-12-24T20:00+01:00", "2027-12-27T08:00+01:00")]
    // Saturday evening, the clocks go back on Sunday, Monday is All Saints' Day.
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-10-30T21:00+02:00", "2027-11-02T08:00+01:00")]
    // Due as an instant in UTC: the window is read in the recipient's zone.
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-02T19:30+00:00", "2027-03-03T08:00+01:00")]
    [InlineData("fr", "sms", "marketing", "Europe/Paris", "2027-03-02T07:30+00:00", null)]
    // B2B is held like its regime; other kinds of message and other channels are not held (R60).
    [InlineData("fr-b2b", "sms", "marketing", "Europe/Paris", "2027-03-07T10:00+01:00", "2027-03-08T08:00+01:00")]
    [InlineData("fr", "sms", "transactional", "Europe/Paris", "2027-03-07T23:00+01:00", null)]
    [InlineData("fr", "sms", "double_opt_in", "Europe/Paris", "2027-03-07T23:00+01:00", null)]
    [InlineData("fr", "email", "marketing", "Europe/Paris", "2027-03-07T23:00+01:00", null)]
    [InlineData("be", "sms", "marketing", "Europe/Brussels", "2027-03-07T23:00+01:00", null)]
    // Overseas France keeps France's rule in its own time: Monday 08:00 in Paris is 03:00 in Guadeloupe.
    [InlineData("fr", "sms", "marketing", "America/Guadeloupe", "2027-03-08T08:00+01:00", "2027-03-08T08:00-04:00")]
    [InlineData("fr", "sms", "marketing", "America/Guadeloupe", "2027-03-08T14:00+01:00", null)]
    // TCPA quiet hours, 08:00-21:00 every day at the called party's location (R63).
    [InlineData("us", "sms", "marketing", "America/New_York", "2027-03-09T20:59-05:00", null)]
    [InlineData("us", "sms", "marketing", "America/New_York", "2027-03-09T21:00-05:00", "2027-03-10T08:00-05:00")]
    [InlineData("us", "sms", "marketing", "America/New_York", "2027-03-07T21:30-05:00", "2027-03-08T08:00-05:00")]
    [InlineData("us", "sms", "marketing", "America/New_York", "2027-03-13T21:30-05:00", "2027-03-14T08:00-04:00")]
    [InlineData("us", "sms", "marketing", "America/New_York", "2027-11-07T01:30-04:00", "2027-11-07T08:00-05:00")]
    [InlineData("us", "sms", "marketing", "America/Los_Angeles", "2027-03-09T08:30-05:00", "2027-03-09T08:00-08:00")]
    [InlineData("us", "sms", "marketing", "America/New_York,America/Los_Angeles", "2027-03-09T09:00-05:00", "2027-03-09T11:00-05:00")]
    [InlineData("us", "sms", "marketing", "America/New_York,America/Los_Angeles", "2027-03-09T22:00-05:00", "2027-03-10T11:00-05:00")]
    [InlineData("us", "sms", "marketing", "America/New_York,America/Los_Angeles", "2027-03-09T12:00-05:00", null)]
    // A window open until midnight.
    [InlineData("eu", "sms", "marketing", "Europe/Brussels", "2027-03-05T23:59+01:00", null)]
    [InlineData("eu", "sms", "marketing", "Europe/Brussels", "2027-03-08T09:00+01:00", "2027-03-08T10:00+01:00")]
    [InlineData("eu", "sms", "marketing", "Europe/Brussels", "2027-03-06T12:00+01:00", "2027-03-08T10:00+01:00")]
    // Two windows: weekdays 09:00-18:00 and every day 12:00-22:00 leave weekdays 12:00-18:00.
    [InlineData("de", "sms", "marketing", "Europe/Berlin", "2027-03-02T10:00+01:00", "2027-03-02T12:00+01:00")]
    [InlineData("de", "sms", "marketing", "Europe/Berlin", "2027-03-02T13:00+01:00", null)]
    [InlineData("de", "sms", "marketing", "Europe/Berlin", "2027-03-02T18:30+01:00", "2027-03-03T12:00+01:00")]
    [InlineData("de", "sms", "marketing", "Europe/Berlin", "2027-03-06T13:00+01:00", "2027-03-08T12:00+01:00")]
    // A window opening at a time the spring night skips opens at the first minute after it.
    [InlineData("uk", "email", "marketing", "Europe/London", "2027-03-28T00:30+00:00", "2027-03-28T02:00+01:00")]
    [InlineData("uk", "email", "transactional", "Europe/London", "2027-03-29T01:00+01:00", "2027-03-29T01:30+01:00")]
    [InlineData("uk", "email", "double_opt_in", "Europe/London", "2027-03-29T01:00+01:00", null)]
    public void NextSlot_IsWhenEveryWindowIsOpenInEveryZone(string regime, string channel, string type, string zones, string due, string? slot)
    {
        var at = DateTimeOffset.Parse(due, CultureInfo.InvariantCulture);

        var next = Policy.NextSlot(regime, channel, type, [.. zones.Split(',').Select(TimeZoneInfo.FindSystemTimeZoneById)], at);

        Assert.Equal(slot is null ? null : DateTimeOffset.Parse(slot, CultureInfo.InvariantCulture), next);
    }

    [Theory]
    [InlineData("fr", "sms", "marketing", true)]
    [InlineData("fr-b2b", "sms", "marketing", true)]
    [InlineData("fr", "sms", "transactional", false)]
    [InlineData("fr", "email", "marketing", false)]
    [InlineData("uk", "email", "transactional", true)]
    [InlineData("b2b", "sms", "marketing", false)]
    [InlineData("", "sms", "marketing", false)]
    public void Windows_SaysWhetherAnyWindowHoldsTheKind(string regime, string channel, string type, bool held) =>
        Assert.Equal(held, Policy.Windows(regime, channel, type));

    /// <summary>The stated zone when known; else the phone number's zones; else the regime's default; else UTC.</summary>
    [Theory]
    [InlineData("Europe/Paris", "fr", null, "Europe/Paris")]
    [InlineData("Europe/Paris", "fr", "+590690123456", "Europe/Paris")]
    [InlineData("America/Chicago", "fr", null, "America/Chicago")]
    [InlineData("Mars/Olympus", "fr", null, "Europe/Paris")]
    [InlineData("", "us", null, "America/New_York")]
    [InlineData(null, "fr", "+590690123456", "America/Guadeloupe")]
    // +262 is Réunion's and Mayotte's: the number cannot tell which, so both clocks apply.
    [InlineData(null, "fr", "+262692123456", "Indian/Mayotte,Indian/Reunion")]
    [InlineData(null, "us", "+12135550123", "America/Los_Angeles")]
    [InlineData(null, "fr", "+33612345678", "Europe/Paris")]
    [InlineData(null, "fr", "0612345678", "Europe/Paris")]
    [InlineData(null, "fr", "not a number", "Europe/Paris")]
    [InlineData(null, "fr", "", "Europe/Paris")]
    [InlineData(null, "fr-b2b", null, "Europe/Paris")]
    [InlineData(null, "ca", null, "America/Toronto")]
    [InlineData(null, "zz", null, "UTC")]
    public void ZonesFor_TakesTheFirstThatIsKnown(string? stated, string regime, string? phone, string zones) =>
        Assert.Equal(zones, string.Join(',', Policy.ZonesFor(stated, regime, phone).Select(z => z.Id)));

    [Theory]
    [InlineData("fr", "fr")]
    [InlineData("fr-b2b", "fr")]
    [InlineData("us", "us")]
    [InlineData("b2b", "b2b")]
    [InlineData("-b2b", "")]
    public void Jurisdiction_HoldsB2bLikeItsRegime(string regime, string jurisdiction) => Assert.Equal(jurisdiction, SendPolicy.Jurisdiction(regime));

    [Theory]
    [InlineData("Mon-Sat", "Mon,Tue,Wed,Thu,Fri,Sat")]
    [InlineData("Mon-Sun", "Sun,Mon,Tue,Wed,Thu,Fri,Sat")]
    [InlineData("Mon,Wed,Fri", "Mon,Wed,Fri")]
    [InlineData("Sat-Mon", "Sun,Mon,Sat")]
    [InlineData("Fri-Tue", "Sun,Mon,Tue,Fri,Sat")]
    [InlineData("Mon-Mon", "Mon")]
    [InlineData("monday-friday", "Mon,Tue,Wed,Thu,Fri")]
    [InlineData(" Tue , Thu ", "Tue,Thu")]
    [InlineData("Mon-Fri,Sun", "Sun,Mon,Tue,Wed,Thu,Fri")]
    [InlineData("", null)]
    [InlineData(",", null)]
    [InlineData("Lun-Ven", null)]
    [InlineData("Mon-Xyz", null)]
    [InlineData("1-5", null)]
    public void ParseDays_ReadsRangesAndLists(string text, string? days)
    {
        if (days is null)
        {
            Assert.Throws<FormatException>(() => SendWindow.ParseDays(text));
            return;
        }

        Assert.Equal(days, string.Join(',', SendWindow.ParseDays(text).Order().Select(d => d.ToString()[..3])));
    }

    [Theory]
    [InlineData("08:00", "08:00:00")]
    [InlineData(" 20:00 ", "20:00:00")]
    [InlineData("00:00", "00:00:00")]
    [InlineData("23:59", "23:59:00")]
    [InlineData("24:00", "23:59:59.9999999")]
    [InlineData("8:00", null)]
    [InlineData("24:01", null)]
    [InlineData("08h", null)]
    [InlineData("08:00:30", null)]
    [InlineData("", null)]
    public void ParseTime_ReadsHoursAndMinutes_And24AsTheEndOfTheDay(string text, string? time)
    {
        if (time is null)
        {
            Assert.Throws<FormatException>(() => SendWindow.ParseTime(text));
            return;
        }

        Assert.Equal(TimeOnly.Parse(time, CultureInfo.InvariantCulture), SendWindow.ParseTime(text));
    }

    [Theory]
    [InlineData("3/7d", 3, 168)]
    [InlineData("1/12h", 1, 12)]
    [InlineData(" 10/30d ", 10, 720)]
    [InlineData("0/7d", 0, 0)]
    [InlineData("3/0d", 0, 0)]
    [InlineData("-1/7d", 0, 0)]
    [InlineData("3/7w", 0, 0)]
    [InlineData("3/d", 0, 0)]
    [InlineData("3 / 7d", 0, 0)]
    [InlineData("3/7", 0, 0)]
    [InlineData("three a week", 0, 0)]
    public void FrequencyCap_ParsesMessagesPerDaysOrHours(string text, int count, int hours)
    {
        if (count == 0)
        {
            Assert.Throws<FormatException>(() => FrequencyCap.Parse(text));
            return;
        }

        Assert.Equal(new FrequencyCap(count, TimeSpan.FromHours(hours)), FrequencyCap.Parse(text));
    }

    private static readonly DateTimeOffset Now = new(2027, 3, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Three messages a week per person (R63), now 2027-03-10 12:00 UTC. <paramref name="earlier"/>: a person's letter and
    /// how long ago a message counted (<c>a6d</c>, <c>b1h</c>); <paramref name="batch"/>: whose messages are due, in due
    /// order; <paramref name="held"/>: until when each must wait, <c>-</c> when it goes now.
    /// </summary>
    [Theory]
    [InlineData("", "a", "-")]
    [InlineData("", "a,a,a", "-,-,-")]
    [InlineData("", "a,a,a,a", "-,-,-,2027-03-17T12:00Z")]
    [InlineData("", "a,a,a,a,a", "-,-,-,2027-03-17T12:00Z,2027-03-17T12:00Z")]
    [InlineData("a2d,a1d", "a,a", "-,2027-03-15T12:00Z")]
    [InlineData("a6d,a1d,a1h", "a", "2027-03-11T12:00Z")]
    [InlineData("a1h,a6d,a1d", "a", "2027-03-11T12:00Z")]
    [InlineData("a8d,a1d,a1h", "a", "-")]
    [InlineData("a7d,a1d,a1h", "a", "2027-03-10T12:00Z")]
    [InlineData("a6d,a5d,a4d,a3d", "a", "2027-03-12T12:00Z")]
    [InlineData("a6d,a1d,a1h", "b,a,b", "-,2027-03-11T12:00Z,-")]
    [InlineData("a6d,a1d,a1h,b6d,b5d", "a,b,b", "2027-03-11T12:00Z,-,2027-03-11T12:00Z")]
    public void FrequencyCap_Holds_WhatWouldExceedTheCap_UntilTheOldestCountedLeavesThePeriod(string earlier, string batch, string held)
    {
        var people = new Dictionary<char, Guid> { ['a'] = Guid.Parse("00000000-0000-0000-0000-00000000000a"), ['b'] = Guid.Parse("00000000-0000-0000-0000-00000000000b") };
        var counted = earlier.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .ToLookup(e => people[e[0]], e => Now - (e[^1] == 'd' ? TimeSpan.FromDays(int.Parse(e[1..^1], CultureInfo.InvariantCulture)) : TimeSpan.FromHours(int.Parse(e[1..^1], CultureInfo.InvariantCulture))));
        var messages = batch.Split(',').Select((p, i) => Message(people[p[0]], Now.AddMinutes(i - 10))).ToList();

        var holds = new FrequencyCap(3, TimeSpan.FromDays(7)).Holds(messages, counted, Now);

        Assert.Equal(held, string.Join(',', messages.Select(m => holds.TryGetValue(m.Id, out var until) ? until.UtcDateTime.ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture) : "-")));
    }

    [Fact]
    public void FrequencyCap_Holds_CountsMessagesInTheOrderTheyAreDue()
    {
        var person = Guid.NewGuid();
        var later = Message(person, Now.AddMinutes(-1));
        var sooner = Message(person, Now.AddMinutes(-5));

        var holds = new FrequencyCap(1, TimeSpan.FromHours(12)).Holds([later, sooner], Enumerable.Empty<Guid>().ToLookup(p => p, _ => Now), Now);

        Assert.Equal(later.Id, Assert.Single(holds).Key);
        Assert.Equal(new DateTimeOffset(2027, 3, 11, 0, 0, 0, TimeSpan.Zero), holds[later.Id]);
    }

    private static SendRecord Message(Guid person, DateTimeOffset due) => new()
    {
        Id = Guid.NewGuid(),
        Key = $"test:{Guid.NewGuid()}",
        PersonId = person,
        Channel = "sms",
        MessageType = MessageTypes.Marketing,
        TemplateKey = "offer",
        Status = "queued",
        DueAt = due,
    };
}
