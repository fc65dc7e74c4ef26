using System.Globalization;
using Marketing.Sending;

namespace Marketing.Core.Tests.Sending;

/// <summary>Public holidays that close a send window (R59): France's eleven, and days an operator adds.</summary>
public sealed class HolidaysFacts
{
    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    public void EasterSunday_IsTheGregorianDate(int year, string date) =>
        Assert.Equal(DateOnly.Parse(date, CultureInfo.InvariantCulture), HolidayCalendar.EasterSunday(year));

    [Theory]
    [InlineData("2027-01-01", true)]  // New Year's Day
    [InlineData("2027-03-28", false)] // Easter Sunday is a Sunday, not a listed holiday
    [InlineData("2027-03-29", true)]  // Easter Monday
    [InlineData("2027-05-01", true)]
    [InlineData("2027-05-06", true)]  // Ascension
    [InlineData("2027-05-08", true)]
    [InlineData("2027-05-17", true)]  // Whit Monday
    [InlineData("2027-07-14", true)]
    [InlineData("2027-08-15", true)]
    [InlineData("2027-11-01", true)]
    [InlineData("2027-11-11", true)]
    [InlineData("2027-12-25", true)]
    [InlineData("2027-12-26", false)] // only in Alsace-Moselle
    [InlineData("2027-03-26", false)] // Good Friday, likewise
    [InlineData("2026-04-06", true)]  // Easter Monday moves with the year
    [InlineData("2026-03-29", false)]
    [InlineData("2027-07-13", false)]
    public void France_HasElevenDays(string date, bool holiday) =>
        Assert.Equal(holiday, new HolidayCalendar(HolidayCalendar.France).IsHoliday(DateOnly.Parse(date, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("easter-2", "2027-03-26", true)]
    [InlineData("easter-2", "2027-03-27", false)]
    [InlineData("Easter", "2027-03-28", true)]
    [InlineData("easter+0", "2027-03-28", true)]
    [InlineData("12-26", "2027-12-26", true)]
    [InlineData("12-26", "2028-12-26", true)]
    [InlineData(" 12-26 ", "2027-12-26", true)]
    [InlineData("2027-06-07", "2027-06-07", true)]
    [InlineData("2027-06-07", "2028-06-07", false)]
    [InlineData("02-29", "2028-02-29", true)]
    public void ExtraDays_AreEveryYearOnceOrAfterEaster(string day, string date, bool holiday) =>
        Assert.Equal(holiday, new HolidayCalendar([day]).IsHoliday(DateOnly.Parse(date, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("14 juillet")]
    [InlineData("13-01")]
    [InlineData("2027-02-30")]
    [InlineData("easter+x")]
    [InlineData("")]
    public void AnythingElse_IsRefused(string day) => Assert.Throws<FormatException>(() => new HolidayCalendar([day]));
}
