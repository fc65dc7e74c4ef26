using System.Globalization;

namespace Marketing.Sending;

/// <summary>
/// Local times as people and settings write them ("mon", "09:30"), and the instant a wall-clock time stands for in a
/// zone: shared by send windows and by nurture waits, so that both read days and times, and cross a clock change,
/// the same way.
/// </summary>
public static class WallClock
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>"mon" … "sun", in any case.</summary>
    public static DayOfWeek? ParseDay(string? text) => Array.IndexOf(DayNames, text?.ToLowerInvariant()) is var i and >= 0 ? (DayOfWeek)i : null;

    /// <summary>"HH:mm", 00:00 to 23:59.</summary>
    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>
    /// The instant <paramref name="wall"/> shows in <paramref name="zone"/>, in UTC (PostgreSQL's timestamptz takes no
    /// other offset, and due times are compared across zones). A time skipped by a clock change (02:30 on the spring
    /// night) is taken at the first valid minute after it.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime wall, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(1);
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }
}
