using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sending;

/// <summary>
/// The send list (E2), for the admin API and the sends page: by person, status, message type and the gate's reason (by
/// its beginning: a reason carries its evidence in brackets after its words), newest first.
/// </summary>
public static class FindSends
{
    public const int PageSize = 50;
    public const int MaxPage = 400;
    public const int MaxReasonLength = 200;

    public sealed record Filter(Guid? PersonId = null, string? Status = null, string? MessageType = null, string? Reason = null);

    public static IReadOnlyList<string> Statuses { get; } =
        [SendStatuses.Queued, SendStatuses.Sending, SendStatuses.HandingOver, SendStatuses.Sent, SendStatuses.Blocked, SendStatuses.Failed, SendStatuses.Interrupted, SendStatuses.Cancelled];

    public static IReadOnlyList<string> Types { get; } = [MessageTypes.Marketing, MessageTypes.Transactional, MessageTypes.DoubleOptIn];

    /// <summary>Problem codes, by field: the field's own name.</summary>
    public static class ProblemCodes
    {
        public const string Status = "status";
        public const string MessageType = "messageType";
        public const string Reason = "reason";
        public const string Page = "page";
    }

    /// <summary>A page of records, and whether another follows; <see cref="Problems"/> names each bad field (nothing is read then).</summary>
    /// <param name="People">The email address (else the phone number) of each person the page's sends address, by id.</param>
    public sealed record Result(IReadOnlyList<SendRecord> Sends, int Page, bool HasNext, IReadOnlyDictionary<string, string> Problems,
        IReadOnlyDictionary<Guid, string> People);

    /// <summary>Each field of <paramref name="filter"/> at fault, with what it must be.</summary>
    public static Dictionary<string, string> Check(Filter filter, int page = 1)
    {
        var problems = new Dictionary<string, string>();
        if (filter.Status is { } status && !Statuses.Contains(status))
        {
            problems[ProblemCodes.Status] = $"must be one of: {string.Join(", ", Statuses)}";
        }

        if (filter.MessageType is { } type && !Types.Contains(type))
        {
            problems[ProblemCodes.MessageType] = $"must be one of: {string.Join(", ", Types)}";
        }

        if (filter.Reason is { Length: > MaxReasonLength })
        {
            problems[ProblemCodes.Reason] = $"must be at most {MaxReasonLength} characters";
        }

        if (page is < 1 or > MaxPage)
        {
            problems[ProblemCodes.Page] = $"must be between 1 and {MaxPage}";
        }

        return problems;
    }

    /// <summary>Records matching <paramref name="filter"/>, newest first, after <paramref name="skip"/>; the filter is checked first (see <see cref="Check"/>).</summary>
    public static Task<List<SendRecord>> ReadAsync(MarketingDbContext db, Filter filter, int skip, int take, CancellationToken ct)
    {
        var query = db.SendRecords.AsNoTracking();
        if (filter.MessageType is { } type)
        {
            query = query.Where(r => r.MessageType == type);
        }

        if (filter.PersonId is { } id)
        {
            query = query.Where(r => r.PersonId == id);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.Reason is { Length: > 0 } reason)
        {
            query = query.Where(r => r.DecisionReason != null && r.DecisionReason.StartsWith(reason));
        }

        return query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip(skip).Take(take).ToListAsync(ct);
    }

    /// <summary>The sends page: one page of <see cref="PageSize"/>, or the problems of the filter.</summary>
    public static async Task<Result> HandleAsync(MarketingDbContext db, Filter filter, int page, CancellationToken ct)
    {
        filter = filter with { Status = Blank(filter.Status), MessageType = Blank(filter.MessageType), Reason = Blank(filter.Reason) };
        var problems = Check(filter, page);
        if (problems.Count > 0)
        {
            return new Result([], 1, false, problems, new Dictionary<Guid, string>());
        }

        var rows = await ReadAsync(db, filter, (page - 1) * PageSize, PageSize + 1, ct);
        var sends = rows.Take(PageSize).ToList();
        var ids = sends.Where(r => r.Recipient == SendRecipients.Person).Select(r => r.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, Address = p.Email ?? p.Phone }).ToListAsync(ct);
        return new Result(sends, page, rows.Count > PageSize && page < MaxPage, problems,
            people.Where(p => p.Address != null).ToDictionary(p => p.Id, p => p.Address!));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
