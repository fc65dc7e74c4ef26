using System.Globalization;
using Marketing.Compliance;

namespace Marketing.Core.Tests.Compliance;

/// <summary>The breach register's rules (R50): the 72-hour countdown, the notification decision and the affected scope.</summary>
public sealed class IncidentRulesFacts
{
    private const string Aware = "2027-03-10T09:30:00Z";

    [Theory]
    [InlineData("2027-03-10T09:30:00Z", "2027-03-13T09:30:00Z")]
    // The 72 hours are hours, not working days: they run through a weekend and a change of month.
    [InlineData("2027-02-27T23:00:00Z", "2027-03-02T23:00:00Z")]
    [InlineData("2027-03-26T12:00:00+01:00", "2027-03-29T11:00:00Z")]
    public void DeadlineAt_Is72HoursAfterAwareness(string aware, string deadline)
    {
        Assert.Equal(At(deadline), IncidentRules.DeadlineAt(At(aware)));
    }

    [Theory]
    [InlineData(null, null, "2027-03-10T09:30:00Z", NotificationState.Running)]
    [InlineData(null, null, "2027-03-13T09:30:00Z", NotificationState.Running)]
    [InlineData(null, null, "2027-03-13T09:30:01Z", NotificationState.Overdue)]
    [InlineData("2027-03-13T09:30:00Z", null, "2027-03-20T00:00:00Z", NotificationState.Notified)]
    [InlineData("2027-03-13T09:30:01Z", null, "2027-03-20T00:00:00Z", NotificationState.NotifiedLate)]
    [InlineData(null, "encrypted laptop, key not exposed", "2027-03-20T00:00:00Z", NotificationState.NotRequired)]
    [InlineData(null, "  ", "2027-03-20T00:00:00Z", NotificationState.Overdue)]
    public void State_FollowsTheDecisionAndThe72Hours(string? notified, string? notRequired, string now, NotificationState expected)
    {
        Assert.Equal(expected, IncidentRules.State(At(Aware), notified is null ? null : At(notified), notRequired, At(now)));
    }

    [Theory]
    [InlineData("2027-03-10T09:30:00Z", 72 * 3600)]
    [InlineData("2027-03-12T09:00:00Z", 24 * 3600 + 30 * 60)]
    [InlineData("2027-03-13T10:30:00Z", -3600)]
    public void Remaining_CountsDownToTheDeadline_AndBelowZeroOnceOverdue(string now, int seconds)
    {
        var incident = Incident();
        Assert.Equal(TimeSpan.FromSeconds(seconds), IncidentRules.Remaining(incident, At(now)));
    }

    [Fact]
    public void Remaining_IsNone_OnceTheNotificationIsDecided()
    {
        var incident = Incident();
        incident.NotRequiredReason = "no personal data in the leaked file";
        Assert.Null(IncidentRules.Remaining(incident, At("2027-03-11T00:00:00Z")));
    }

    [Theory]
    [InlineData(null, null, null, null, null)]
    [InlineData("form", "newsletter", null, null, null)]
    [InlineData("form", "newsletter", "2027-03-01T00:00:00Z", "2027-03-02T00:00:00Z", null)]
    [InlineData("form", "newsletter", "2027-03-01T00:00:00Z", null, null)]
    [InlineData("form", null, null, null, "scopeKey")]
    [InlineData("form", " ", null, null, "scopeKey")]
    [InlineData("channel", "email", null, null, null)]
    [InlineData("channel", "sms", "2027-03-01T00:00:00Z", "2027-03-02T00:00:00Z", null)]
    [InlineData("channel", "fax", null, null, "scopeKey")]
    [InlineData("channel", null, null, null, "scopeKey")]
    [InlineData("window", null, "2027-03-01T00:00:00Z", "2027-03-02T00:00:00Z", null)]
    [InlineData("window", null, null, "2027-03-02T00:00:00Z", "scopeFrom")]
    [InlineData("window", null, "2027-03-01T00:00:00Z", null, "scopeTo")]
    [InlineData("window", "newsletter", "2027-03-01T00:00:00Z", "2027-03-02T00:00:00Z", "scopeKey")]
    [InlineData("window", null, "2027-03-02T00:00:00Z", "2027-03-02T00:00:00Z", "scopeTo")]
    [InlineData("form", "newsletter", "2027-03-02T00:00:00Z", "2027-03-01T00:00:00Z", "scopeTo")]
    [InlineData("system", null, null, null, "scopeKind")]
    [InlineData(null, "newsletter", null, null, "scopeKind")]
    [InlineData(null, null, "2027-03-01T00:00:00Z", null, "scopeKind")]
    public void ScopeProblem_NamesTheFieldAtFault(string? kind, string? key, string? from, string? to, string? field)
    {
        Assert.Equal(field, IncidentRules.ScopeProblem(kind, key, from is null ? null : At(from), to is null ? null : At(to))?.Field);
    }

    [Theory]
    // On time, no reason needed.
    [InlineData("2027-03-13T09:30:00Z", null, null, null)]
    // R50: late needs the reasons for the delay.
    [InlineData("2027-03-14T09:30:00Z", null, null, "lateReason")]
    [InlineData("2027-03-14T09:30:00Z", "the processor told us on day 3", null, null)]
    [InlineData("2027-03-10T09:29:00Z", null, null, "notifiedAt")]
    [InlineData("2027-03-21T00:00:01Z", null, null, "notifiedAt")]
    [InlineData("2027-03-11T00:00:00Z", null, "no risk", "notRequiredReason")]
    [InlineData(null, null, "no risk: the data was encrypted", null)]
    public void Validate_TheNotificationDecision(string? notified, string? lateReason, string? notRequired, string? field)
    {
        var input = Input() with { NotifiedAt = notified is null ? null : At(notified), LateReason = lateReason, NotRequiredReason = notRequired };
        var errors = IncidentRules.Validate(input, At("2027-03-21T00:00:00Z"));
        Assert.Equal(field is null ? [] : new[] { field }, errors.Keys.ToArray());
    }

    [Theory]
    [InlineData("title")]
    [InlineData("description")]
    [InlineData("awareAt")]
    public void Validate_RequiresTheFacts(string missing)
    {
        var input = missing switch
        {
            "title" => Input() with { Title = " " },
            "description" => Input() with { Description = null },
            _ => Input() with { AwareAt = null },
        };
        Assert.Equal([missing], IncidentRules.Validate(input, At("2027-03-21T00:00:00Z")).Keys.ToArray());
    }

    [Fact]
    public void Validate_RefusesAnAwarenessInTheFuture_AndNamesEachBadCategory()
    {
        var input = Input() with { AwareAt = At("2027-03-22T00:00:00Z"), DataCategories = ["email", " ", new string('x', 101)] };
        var errors = IncidentRules.Validate(input, At("2027-03-21T00:00:00Z"));
        Assert.Equal(["awareAt", "dataCategories[1]", "dataCategories[2]"], errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    private static IncidentInput Input() => IncidentInput.Empty with { Title = "Leaked export", Description = "A CSV export was mailed to the wrong address.", AwareAt = At(Aware) };

    private static Incident Incident() => new() { Title = "Leaked export", Description = "d", AwareAt = At(Aware), CreatedBy = "dpo@example.com" };

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
