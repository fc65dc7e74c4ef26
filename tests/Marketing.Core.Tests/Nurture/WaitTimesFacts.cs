using Marketing.Nurture;

namespace Marketing.Core.Tests.Nurture;

public sealed class WaitTimesFacts
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("2d", 48 * 60)]
    [InlineData("36h", 36 * 60)]
    [InlineData("1d12h", 36 * 60)]
    [InlineData("90m", 90)]
    [InlineData("P2D", 48 * 60)]
    [InlineData("PT1H30M", 90)]
    public void Durations_InShortOrIsoForm(string text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), WaitTimes.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("2 days")]
    [InlineData("d")]
    [InlineData("P2X")]
    public void Durations_ThatMeanNothing_AreRefused(string text) => Assert.Null(WaitTimes.ParseDuration(text));

    [Fact]
    public void Until_ATimeLaterToday_IsToday_InThePersonsZone()
    {
        // 07:00 UTC is 08:00 in Paris in winter: 09:30 comes the same day.
        var next = WaitTimes.NextLocal(new DateTimeOffset(2027, 1, 12, 7, 0, 0, TimeSpan.Zero), Paris, new TimeOnly(9, 30), []);
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 8, 30, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Until_OnListedWeekdays_SkipsToTheNextOne()
    {
        // Friday 15 January 2027, 10:00 in New York: the next Tuesday at 09:00 is 19 January, 14:00 UTC.
        var next = WaitTimes.NextLocal(new DateTimeOffset(2027, 1, 15, 15, 0, 0, TimeSpan.Zero), NewYork, new TimeOnly(9, 0), [DayOfWeek.Tuesday]);
        Assert.Equal(new DateTimeOffset(2027, 1, 19, 14, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Until_ATimeSkippedByTheSpringChange_IsTakenAtTheFirstMinuteAfterIt()
    {
        // 28 March 2027 in Paris: clocks go from 02:00 to 03:00; "02:30" does not exist that night.
        var next = WaitTimes.NextLocal(new DateTimeOffset(2027, 3, 27, 23, 0, 0, TimeSpan.Zero), Paris, new TimeOnly(2, 30), []);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Until_AcrossTheAutumnChange_KeepsTheWallClockTime()
    {
        // 31 October 2027 in Paris: summer time ends. 09:00 on 1 November is 08:00 UTC, not 07:00.
        var next = WaitTimes.NextLocal(new DateTimeOffset(2027, 10, 31, 12, 0, 0, TimeSpan.Zero), Paris, new TimeOnly(9, 0), []);
        Assert.Equal(new DateTimeOffset(2027, 11, 1, 8, 0, 0, TimeSpan.Zero), next);
    }
}
