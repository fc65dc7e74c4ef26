using Marketing.Common;
using Marketing.Reports;

namespace Marketing.Core.Tests.Reports;

public sealed class ReportRulesFacts
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 23, 30, 0, TimeSpan.FromHours(-2)); // 2026-12-01 01:30 UTC

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(3, 0, null)]
    [InlineData(0, 4, "0.0")]
    [InlineData(2, 3, "66.7")]
    [InlineData(1, 3, "33.3")]
    [InlineData(1, 8, "12.5")]
    [InlineData(1, 16, "6.3")] // 6.25: half away from zero
    [InlineData(4, 5, "80.0")]
    [InlineData(5, 5, "100.0")]
    public void Rate_IsAPercentWithOneDecimal_AndNoneOfNothing(int part, int whole, string? expected)
    {
        Assert.Equal(expected, ReportRules.Rate(part, whole) is { } rate ? ReportRules.Format(rate) : null);
    }

    [Theory]
    [InlineData(5, 1, 4)]
    [InlineData(0, 0, 0)]
    [InlineData(2, 3, 0)]
    public void Delivered_IsSentLessBounced(int sent, int bounced, int expected)
    {
        Assert.Equal(expected, ReadCampaignFigures.Delivered(sent, bounced));
    }

    [Theory]
    [InlineData("2026-11-03T00:00:00+00:00", "2026-11-03")]
    [InlineData("2026-11-03T23:59:59+00:00", "2026-11-03")]
    [InlineData("2026-11-03T23:30:00-01:00", "2026-11-04")]
    [InlineData("2026-11-04T00:30:00+01:00", "2026-11-03")]
    public void DayOf_IsTheUtcDay(string at, string day)
    {
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            ReportRules.DayOf(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(null, null, "2026-11-02", "2026-12-01", 30)]
    [InlineData("2026-11-01", "2026-11-03", "2026-11-01", "2026-11-03", 3)]
    [InlineData("2026-11-03", "2026-11-03", "2026-11-03", "2026-11-03", 1)]
    [InlineData(" 2026-11-20 ", "", "2026-11-20", "2026-12-01", 12)]
    [InlineData(null, "2026-02-28", "2026-01-30", "2026-02-28", 30)]
    [InlineData("2025-12-01", "2026-12-01", "2025-12-01", "2026-12-01", 366)]
    public void Period_CoversWholeUtcDays_LastThirtyByDefault(string? from, string? to, string first, string last, int days)
    {
        var period = ReportRules.ParsePeriod(from, to, Now).Value;

        Assert.Equal((first, last), (period.From.ToString("yyyy-MM-dd", null), period.To.ToString("yyyy-MM-dd", null)));
        Assert.Equal(days, period.Days.Count);
        Assert.Equal(new DateTimeOffset(period.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), period.Days[0]);
        Assert.Equal(new DateTimeOffset(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), period.End);
    }

    [Theory]
    [InlineData("2026-13-01", null, "from")]
    [InlineData("01/11/2026", null, "from")]
    [InlineData(null, "tomorrow", "to")]
    [InlineData("2026-11-03", "2026-11-02", "to")]
    [InlineData("2025-11-30", "2026-12-01", "from")]
    [InlineData("=1+1", "2026-11-01", "from")]
    public void Period_IsRefused_NamingTheField(string? from, string? to, string field)
    {
        var refusal = Assert.IsType<Refusal.Invalid>(ReportRules.ParsePeriod(from, to, Now).Refusal);

        Assert.Equal([field], refusal.Errors.Keys);
    }
}
