using System.Globalization;

namespace Marketing.Sending;

/// <summary>
/// Public holidays of one regime's calendar: fixed dates, the movable feasts that hang on Easter, and extra
/// days an operator adds (regional ones such as Alsace-Moselle's Good Friday and 26 December, R59).
/// </summary>
public sealed class HolidayCalendar
{
    /// <summary>France's eleven public holidays: eight fixed, three after Easter (Monday, Ascension, Whit Monday).</summary>
    public static readonly IReadOnlyList<string> France =
        ["01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25", "easter+1", "easter+39", "easter+50"];

    private readonly List<(int Month, int Day)> _everyYear = [];
    private readonly HashSet<DateOnly> _once = [];
    private readonly List<int> _afterEaster = [];

    /// <param name="days"><c>MM-dd</c> every year, <c>yyyy-MM-dd</c> once, or <c>easter+N</c> / <c>easter-N</c>.</param>
    public HolidayCalendar(IEnumerable<string> days)
    {
        foreach (var raw in days)
        {
            var day = raw.Trim().ToLowerInvariant();
            if (day.StartsWith("easter", StringComparison.Ordinal))
            {
                var offset = day.Length == 6 ? 0 : int.Parse(day[6..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                _afterEaster.Add(offset);
            }
            else if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var once))
            {
                _once.Add(once);
            }
            else if (DateOnly.TryParseExact($"2000-{day}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var yearly))
            {
                _everyYear.Add((yearly.Month, yearly.Day));
            }
            else
            {
                throw new FormatException($"'{raw}' is not a day: use MM-dd, yyyy-MM-dd or easter+N");
            }
        }
    }

    public bool IsHoliday(DateOnly date)
    {
        if (_once.Contains(date) || _everyYear.Contains((date.Month, date.Day)))
        {
            return true;
        }

        var easter = EasterSunday(date.Year);
        return _afterEaster.Any(offset => easter.AddDays(offset) == date);
    }

    /// <summary>Gregorian Easter Sunday (the anonymous algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
