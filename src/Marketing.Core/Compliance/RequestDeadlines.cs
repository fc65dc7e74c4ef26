namespace Marketing.Compliance;

/// <summary>Where a ticket stands against its deadline, for the queue and the daily check.</summary>
public enum DeadlineState
{
    None,
    /// <summary>Due within <see cref="RequestDeadlines.WarningDays"/> days.</summary>
    DueSoon,
    Overdue,
}

/// <summary>
/// The deadline clock of a data-subject request (R36, GDPR art. 12(3)): one calendar month from receipt, extended once by
/// up to two further months for a reason told to the requester before the first month ends. A month ends on the same
/// day of the next month, or on its last day when it has none (received 31 January, due 28 or 29 February).
/// </summary>
public static class RequestDeadlines
{
    public const int WarningDays = 7;
    public const int MaxExtensionMonths = 2;

    public static DateTimeOffset DueAt(DateTimeOffset receivedAt) => receivedAt.AddMonths(1);

    /// <summary>Counted from receipt, not from the first due date, so a short month does not shorten the extension.</summary>
    public static DateTimeOffset ExtendedDueAt(DateTimeOffset receivedAt, int months) => receivedAt.AddMonths(1 + months);

    public static DeadlineState Flag(DateTimeOffset? dueAt, DateTimeOffset now) =>
        dueAt is not { } due ? DeadlineState.None
        : now > due ? DeadlineState.Overdue
        : now >= due.AddDays(-WarningDays) ? DeadlineState.DueSoon
        : DeadlineState.None;

    /// <summary>Why the ticket cannot be extended as asked, as a problem code on its field, or null.</summary>
    public static (string Field, string Code)? CheckExtension(DataSubjectRequest ticket, int months, string? reason, DateTimeOffset now) =>
        ticket.Status != RequestStatuses.Open ? ("status", RequestProblems.NotOpen)
        : ticket.ExtendedAt is not null ? ("months", RequestProblems.AlreadyExtended)
        : months is < 1 or > MaxExtensionMonths ? ("months", RequestProblems.ExtensionMonths)
        : string.IsNullOrWhiteSpace(reason) ? ("reason", RequestProblems.ReasonRequired)
        : reason.Trim().Length > DataSubjectRequest.MaxReasonLength ? ("reason", RequestProblems.ReasonTooLong)
        : ticket.Email is null ? ("email", RequestProblems.NoAddressForNotice)
        // R36: the requester must be told within the first month; afterwards the extension comes too late.
        : ticket.DueAt is not { } due || now > due ? ("months", RequestProblems.ExtensionTooLate)
        : null;
}
