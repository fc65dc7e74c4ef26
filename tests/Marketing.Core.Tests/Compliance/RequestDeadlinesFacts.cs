using System.Globalization;
using Marketing.Compliance;

namespace Marketing.Core.Tests.Compliance;

/// <summary>The deadline clock of a data-subject request (R36): one calendar month, one extension of up to two, D-7 and overdue.</summary>
public sealed class RequestDeadlinesFacts
{
    [Theory]
    [InlineData("2027-03-10T09:30:00Z", "2027-04-10T09:30:00Z")]
    // A month ends on the same day of the next month, or on its last day when it has none.
    [InlineData("2027-01-31T12:00:00Z", "2027-02-28T12:00:00Z")]
    [InlineData("2028-01-31T12:00:00Z", "2028-02-29T12:00:00Z")]
    [InlineData("2027-03-31T00:00:00Z", "2027-04-30T00:00:00Z")]
    [InlineData("2027-12-15T23:59:00Z", "2028-01-15T23:59:00Z")]
    [InlineData("2027-02-28T08:00:00Z", "2027-03-28T08:00:00Z")]
    public void DueAt_IsOneCalendarMonthAfterReceipt(string received, string due)
    {
        Assert.Equal(At(due), RequestDeadlines.DueAt(At(received)));
    }

    [Theory]
    [InlineData("2027-01-31T12:00:00Z", 2, "2027-04-30T12:00:00Z")]
    [InlineData("2027-01-31T12:00:00Z", 1, "2027-03-31T12:00:00Z")]
    [InlineData("2027-11-30T12:00:00Z", 2, "2028-02-29T12:00:00Z")]
    public void ExtendedDueAt_CountsFromReceipt_SoAShortFirstMonthDoesNotShortenIt(string received, int months, string due)
    {
        Assert.Equal(At(due), RequestDeadlines.ExtendedDueAt(At(received), months));
    }

    [Theory]
    [InlineData("2027-04-10T09:30:00Z", "2027-04-01T09:30:00Z", DeadlineState.None)]
    [InlineData("2027-04-10T09:30:00Z", "2027-04-03T09:29:59Z", DeadlineState.None)]
    [InlineData("2027-04-10T09:30:00Z", "2027-04-03T09:30:00Z", DeadlineState.DueSoon)]
    [InlineData("2027-04-10T09:30:00Z", "2027-04-10T09:30:00Z", DeadlineState.DueSoon)]
    [InlineData("2027-04-10T09:30:00Z", "2027-04-10T09:30:01Z", DeadlineState.Overdue)]
    [InlineData(null, "2027-04-10T09:30:01Z", DeadlineState.None)]
    public void Flag_IsDueSoonFromDMinus7_AndOverdueAfterTheDueDate(string? due, string now, DeadlineState expected)
    {
        Assert.Equal(expected, RequestDeadlines.Flag(due is null ? null : At(due), At(now)));
    }

    [Theory]
    [InlineData("open", false, 2, "complex request", "2027-04-01T00:00:00Z", null)]
    [InlineData("open", false, 1, "complex request", "2027-04-10T09:30:00Z", null)]
    [InlineData("open", false, 3, "complex request", "2027-04-01T00:00:00Z", "months")]
    [InlineData("open", false, 0, "complex request", "2027-04-01T00:00:00Z", "months")]
    [InlineData("open", false, 2, "  ", "2027-04-01T00:00:00Z", "reason")]
    [InlineData("open", false, 2, null, "2027-04-01T00:00:00Z", "reason")]
    [InlineData("open", true, 1, "again", "2027-04-01T00:00:00Z", "months")]
    // R36: the notice must reach the requester within the first month.
    [InlineData("open", false, 2, "complex request", "2027-04-10T09:30:01Z", "months")]
    [InlineData("closed", false, 2, "complex request", "2027-04-01T00:00:00Z", "status")]
    [InlineData("awaiting_confirmation", false, 2, "complex request", "2027-04-01T00:00:00Z", "status")]
    public void CheckExtension_NamesTheFieldAtFault(string status, bool extended, int months, string? reason, string now, string? field)
    {
        var ticket = Ticket(status, "someone@example.com");
        ticket.ExtendedAt = extended ? At("2027-03-20T00:00:00Z") : null;

        Assert.Equal(field, RequestDeadlines.CheckExtension(ticket, months, reason, At(now))?.Field);
    }

    [Fact]
    public void CheckExtension_RefusesAReasonLongerThanTheColumn_AndATicketWithNoAddressToNotify()
    {
        var now = At("2027-04-01T00:00:00Z");

        Assert.Equal(("reason", RequestProblems.ReasonTooLong), RequestDeadlines.CheckExtension(Ticket("open", "a@example.com"), 2, new string('x', 1001), now));
        Assert.Null(RequestDeadlines.CheckExtension(Ticket("open", "a@example.com"), 2, new string('x', 1000), now));
        Assert.Equal(("email", RequestProblems.NoAddressForNotice), RequestDeadlines.CheckExtension(Ticket("open", null), 2, "complex", now));
    }

    private static DataSubjectRequest Ticket(string status, string? email) => new()
    {
        Id = Guid.NewGuid(),
        Type = RequestTypes.Access,
        Channel = RequestChannels.Email,
        Email = email,
        Status = status,
        ReceivedAt = At("2027-03-10T09:30:00Z"),
        DueAt = At("2027-04-10T09:30:00Z"),
        CreatedBy = "test",
    };

    private static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
