using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>
/// The audit log for compliance staff (R49): searched by action, actor, object and period, newest first, a page at a
/// time; and the same search, every row, oldest first, for the export (E9).
/// </summary>
public static class ReadAuditLog
{
    public const int PageSize = 50;
    public const int MaxPage = 400;

    /// <param name="Action">The action exactly (<c>suppression.added</c>), or its beginning with a dot (<c>suppression.</c>).</param>
    /// <param name="Actor">The actor exactly (<c>user:ada@acme.example</c>, <c>key:ops</c>, <c>cli</c>).</param>
    /// <param name="ObjectId">The object's id exactly (a person's id, a key's id…).</param>
    /// <param name="From">Entries at or after this instant.</param>
    /// <param name="To">Entries before this instant.</param>
    public sealed record Filter(string? Action, string? Actor, string? ObjectId = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

    public sealed record Result(IReadOnlyList<AuditEntry> Entries, int Page, bool HasNext, IReadOnlyDictionary<string, string> Problems);

    /// <summary>One row of the E9 export: every column of an entry, times in UTC ISO 8601.</summary>
    public sealed record Row(Guid Id, DateTimeOffset At, string Actor, string? Role, string Action, string? ObjectType, string? ObjectId, string? Source, string? Detail);

    public static class ProblemCodes
    {
        public const string Action = "action";
        public const string Actor = "actor";
        public const string ObjectId = "object";
        public const string To = "to";
        public const string Page = "page";
    }

    /// <summary>What is wrong with a search, per field (an empty map when it holds): the same for the API, the page and the export.</summary>
    public static Dictionary<string, string> Check(Filter filter)
    {
        var problems = new Dictionary<string, string>();
        if (filter.Action?.Trim() is { Length: > AuditEntry.ActionLength })
        {
            problems[ProblemCodes.Action] = $"must be at most {AuditEntry.ActionLength} characters";
        }

        if (filter.Actor?.Trim() is { Length: > AuditEntry.ActorLength })
        {
            problems[ProblemCodes.Actor] = $"must be at most {AuditEntry.ActorLength} characters";
        }

        if (filter.ObjectId?.Trim() is { Length: > AuditEntry.TargetLength })
        {
            problems[ProblemCodes.ObjectId] = $"must be at most {AuditEntry.TargetLength} characters";
        }

        if (filter is { From: { } from, To: { } to } && to <= from)
        {
            problems[ProblemCodes.To] = "must be after from";
        }

        return problems;
    }

    public static async Task<Result> HandleAsync(MarketingDbContext db, Filter filter, int page, CancellationToken ct)
    {
        var problems = Check(filter);
        if (page is < 1 or > MaxPage)
        {
            problems[ProblemCodes.Page] = $"must be between 1 and {MaxPage}";
        }

        if (problems.Count > 0)
        {
            return new Result([], 1, false, problems);
        }

        var rows = await Query(db, filter).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return new Result([.. rows.Take(PageSize)], page, rows.Count > PageSize && page < MaxPage, problems);
    }

    /// <summary>Every entry the (checked) search finds, oldest first, read as it is written out: memory stays flat (E9).</summary>
    public static IAsyncEnumerable<Row> StreamAsync(MarketingDbContext db, Filter filter, CancellationToken ct) =>
        Query(db, filter).OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new Row(a.Id, a.At, a.Actor, a.Role, a.Action, a.ObjectType, a.Target, a.Source, a.Detail))
            .AsAsyncEnumerable();

    private static IQueryable<AuditEntry> Query(MarketingDbContext db, Filter filter)
    {
        var action = filter.Action?.Trim();
        var actor = filter.Actor?.Trim();
        var target = filter.ObjectId?.Trim();
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(action))
        {
            // "consent_proof." names a family of actions; anything else is one action.
            query = action.EndsWith('.') ? query.Where(a => a.Action.StartsWith(action)) : query.Where(a => a.Action == action);
        }

        if (!string.IsNullOrEmpty(actor))
        {
            query = query.Where(a => a.Actor == actor);
        }

        if (!string.IsNullOrEmpty(target))
        {
            query = query.Where(a => a.Target == target);
        }

        if (filter.From is { } from)
        {
            query = query.Where(a => a.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.At < to);
        }

        return query;
    }
}
