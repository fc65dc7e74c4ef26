using System.Globalization;
using Marketing.Common;

namespace Marketing.Reports;

/// <summary>
/// The rules every report shares: a period of whole UTC days (the last 30 by default, at most a year), the day an
/// instant falls in, and a rate as a percentage with one decimal (none when nothing was there to count).
/// </summary>
public static class ReportRules
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    /// <summary>A period of days: <see cref="Days"/> are their starts (UTC midnight), the last ending at <see cref="End"/>.</summary>
    public sealed record Period(DateOnly From, DateOnly To)
    {
        public IReadOnlyList<DateTimeOffset> Days { get; } =
            [.. Enumerable.Range(0, To.DayNumber - From.DayNumber + 1).Select(i => Start(From.AddDays(i)))];

        public DateTimeOffset End => Start(To.AddDays(1));
    }

    /// <summary>
    /// The period <paramref name="from"/>–<paramref name="to"/> (both included, <c>yyyy-MM-dd</c>), or the refusal naming
    /// the field. Blank <paramref name="to"/> is today; blank <paramref name="from"/> is 30 days ending at <c>to</c>.
    /// </summary>
    public static Outcome<Period> ParsePeriod(string? from, string? to, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? Parse(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            errors[field] = ["must be a date written yyyy-MM-dd"];
            return null;
        }

        var first = Parse(from, "from");
        var last = Parse(to, "to");
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var end = last ?? DateOnly.FromDateTime(now.UtcDateTime);
        var start = first ?? end.AddDays(1 - DefaultDays);
        if (end < start)
        {
            return Refusal.Field("to", "must not be before from");
        }

        if (end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            return Refusal.Field("from", $"a report covers at most {MaxDays} days");
        }

        return new Period(start, end);
    }

    /// <summary>The UTC day an instant falls in: reports count by UTC days, whatever the viewer's zone.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary><paramref name="part"/> of <paramref name="whole"/> in percent, one decimal, half away from zero; null when the whole is 0.</summary>
    public static decimal? Rate(int part, int whole) =>
        whole <= 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>A rate as the pages and files write it: <c>66.7</c>, or empty when there is none.</summary>
    public static string Format(decimal? rate) => rate?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";
}
