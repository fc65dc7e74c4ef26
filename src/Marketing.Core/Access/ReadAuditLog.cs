using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>The audit log for compliance staff: newest first, by action and by actor, a page at a time.</summary>
public static class ReadAuditLog
{
    public const int PageSize = 50;
    public const int MaxPage = 400;

    /// <param name="Action">The action exactly (<c>suppression.added</c>), or its beginning with a dot (<c>suppression.</c>).</param>
    /// <param name="Actor">The actor exactly (<c>user:ada@acme.example</c>, <c>key:ops</c>, <c>cli</c>).</param>
    public sealed record Filter(string? Action, string? Actor);

    public sealed record Result(IReadOnlyList<AuditEntry> Entries, int Page, bool HasNext, IReadOnlyDictionary<string, string> Problems);

    public static class ProblemCodes
    {
        public const string Action = "action";
        public const string Actor = "actor";
        public const string Page = "page";
    }

    public static async Task<Result> HandleAsync(MarketingDbContext db, Filter filter, int page, CancellationToken ct)
    {
        var action = filter.Action?.Trim();
        var actor = filter.Actor?.Trim();
        var problems = new Dictionary<string, string>();
        if (action is { Length: > 80 })
        {
            problems[ProblemCodes.Action] = "must be at most 80 characters";
        }

        if (actor is { Length: > 120 })
        {
            problems[ProblemCodes.Actor] = "must be at most 120 characters";
        }

        if (page is < 1 or > MaxPage)
        {
            problems[ProblemCodes.Page] = $"must be between 1 and {MaxPage}";
        }

        if (problems.Count > 0)
        {
            return new Result([], 1, false, problems);
        }

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

        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return new Result([.. rows.Take(PageSize)], page, rows.Count > PageSize && page < MaxPage, problems);
    }
}
