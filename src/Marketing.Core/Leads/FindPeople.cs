using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// The people page's search: an email address or an E.164 number finds its one holder through the unique identifier
/// indexes; other words find names by their beginning (<see cref="PersonNames"/>); filters on purpose and consent state,
/// regime and source combine with it; newest first, a page at a time. Every branch is an index range.
/// </summary>
public static class FindPeople
{
    public const int PageSize = 25;
    public const int MaxPage = 400;

    /// <summary>Up to this many people of a name and a purpose, the search starts from them (<see cref="PeopleOfNameAsync"/>).</summary>
    public const int FewPeople = 5000;

    /// <param name="Query">An email address, a number with its country code (+33…), or the beginning of a name.</param>
    /// <param name="Status">A consent state (<see cref="ConsentStatuses"/>), for the purpose when one is given.</param>
    /// <param name="Source">Where people came from, by its beginning (<c>form:newsletter</c>).</param>
    /// <param name="Dpo">Whether the reader holds the DPO role, the only one who reads a restricted person's data (R39).</param>
    public sealed record Request(string? Query, string? Purpose, string? Status, string? Regime, string? Source, int Page = 1, bool Dpo = false);

    /// <param name="Restricted">R39: the person is restricted; their identifiers and name are left out unless the reader is the DPO.</param>
    public sealed record Row(Guid Id, string? Email, string? Phone, string? Name, string Regime, string Source, DateTimeOffset CreatedAt, bool Restricted = false);

    /// <summary>The page found, and whether another follows; <see cref="Problems"/> names each bad field (nothing is searched then).</summary>
    public sealed record Result(IReadOnlyList<Row> People, int Page, bool HasNext, IReadOnlyDictionary<string, string> Problems, string? SearchedBy);

    public static class SearchKinds
    {
        public const string Email = "email";
        public const string Phone = "phone";
        public const string Name = "name";
    }

    public static class ProblemCodes
    {
        public const string Query = "query";
        public const string Purpose = "purpose";
        public const string Status = "status";
        public const string Regime = "regime";
        public const string Source = "source";
        public const string Page = "page";
    }

    /// <summary>The purposes to filter on, by key, with their names in <paramref name="locale"/>.</summary>
    public static async Task<IReadOnlyList<(string Key, string Name)>> PurposeChoicesAsync(MarketingDbContext db, string locale, CancellationToken ct) =>
        [.. (await db.Purposes.AsNoTracking().ToListAsync(ct)).Select(p => (p.Key, p.NameIn(locale))).OrderBy(p => p.Key, StringComparer.Ordinal)];

    public static async Task<Result> HandleAsync(MarketingDbContext db, Request request, CancellationToken ct)
    {
        var problems = new Dictionary<string, string>();
        var query = db.People.AsNoTracking();
        string? searchedBy = null;
        string? prefix = null;
        var text = request.Query?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            if (text.Length > 320)
            {
                problems[ProblemCodes.Query] = ProblemCodes.Query;
            }
            else if (text.Contains('@', StringComparison.Ordinal))
            {
                searchedBy = SearchKinds.Email;
                if (Identifiers.TryNormalizeEmail(text, out var email))
                {
                    query = query.Where(p => p.Email == email);
                }
                else
                {
                    problems[ProblemCodes.Query] = SearchKinds.Email;
                }
            }
            else if (text.StartsWith('+') || text.All(c => char.IsDigit(c) || c is ' ' or '-' or '.' or '(' or ')'))
            {
                searchedBy = SearchKinds.Phone;
                // A number without its country code could be anyone's: only E.164 is compared.
                if (text.StartsWith('+') && Identifiers.TryNormalizePhone(text, "ZZ", out var phone))
                {
                    query = query.Where(p => p.Phone == phone);
                }
                else
                {
                    problems[ProblemCodes.Query] = SearchKinds.Phone;
                }
            }
            else if (PersonNames.Fold(text) is { } folded)
            {
                searchedBy = SearchKinds.Name;
                prefix = folded;
                query = query.Where(p => p.NameKey != null && p.NameKey.StartsWith(folded));
            }
        }

        Purpose? purpose = null;
        if (!string.IsNullOrWhiteSpace(request.Purpose))
        {
            purpose = await db.Purposes.AsNoTracking().SingleOrDefaultAsync(p => p.Key == request.Purpose, ct);
            if (purpose is null)
            {
                problems[ProblemCodes.Purpose] = ProblemCodes.Purpose;
            }
        }

        var status = string.IsNullOrWhiteSpace(request.Status) ? null : request.Status;
        if (status is not null && !ConsentStatuses.All.Contains(status))
        {
            problems[ProblemCodes.Status] = ProblemCodes.Status;
        }

        var regime = string.IsNullOrWhiteSpace(request.Regime) ? null : request.Regime;
        if (regime is not null && !Regimes.All.Contains(regime))
        {
            problems[ProblemCodes.Regime] = ProblemCodes.Regime;
        }

        var source = string.IsNullOrWhiteSpace(request.Source) ? null : request.Source.Trim();
        if (source is { Length: > 200 })
        {
            problems[ProblemCodes.Source] = ProblemCodes.Source;
        }

        if (request.Page is < 1 or > MaxPage)
        {
            problems[ProblemCodes.Page] = ProblemCodes.Page;
        }

        if (problems.Count > 0)
        {
            return new Result([], 1, false, problems, searchedBy);
        }

        if (purpose is { Id: var named } && prefix is not null
            && await PeopleOfNameAsync(db, named, prefix, status, ct) is { } few)
        {
            query = query.Where(p => few.Contains(p.Id));
        }
        else if (purpose is { Id: var purposeId })
        {
            query = status is null
                ? query.Where(p => db.ConsentStates.Any(s => s.PersonId == p.Id && s.PurposeId == purposeId))
                : query.Where(p => db.ConsentStates.Any(s => s.PersonId == p.Id && s.PurposeId == purposeId && s.Status == status));
        }
        else if (status is not null)
        {
            query = query.Where(p => db.ConsentStates.Any(s => s.PersonId == p.Id && s.Status == status));
        }

        if (regime is not null)
        {
            query = query.Where(p => p.Regime == regime);
        }

        if (source is not null)
        {
            query = query.Where(p => p.Source.StartsWith(source));
        }

        // An erased person is an empty row with nothing to act on: the erasure report and the audit log are where it is found.
        query = query.Where(p => p.ErasedAt == null);
        var found = await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .Skip((request.Page - 1) * PageSize).Take(PageSize + 1)
            .Select(p => new { p.Id, p.Email, p.Phone, p.Attributes, p.Regime, p.Source, p.CreatedAt, Restricted = p.RestrictedAt != null })
            .ToListAsync(ct);
        var rows = found.Take(PageSize)
            .Select(p => RestrictedReads.MayRead(p.Restricted, request.Dpo)
                ? new Row(p.Id, p.Email, p.Phone, PersonNames.Display(p.Attributes), p.Regime, p.Source, p.CreatedAt, p.Restricted)
                : new Row(p.Id, null, null, null, p.Regime, p.Source, p.CreatedAt, true)).ToList();
        return new Result(rows, request.Page, found.Count > PageSize, problems, searchedBy);
    }

    /// <summary>
    /// The people of a name with a purpose (and its state) read from the consent states' own index (they carry the folded
    /// name) when they are few, or null when there are more than <see cref="FewPeople"/>: then they are dense enough that
    /// walking the newest people finds a page soon. Without this, a name and a state that match nobody probed every
    /// person of the name (875 ms at a million people, bench/README.md).
    /// </summary>
    private static async Task<List<Guid>?> PeopleOfNameAsync(MarketingDbContext db, Guid purposeId, string prefix, string? status, CancellationToken ct)
    {
        // Every state named, when none is asked: one exact index range per state instead of every state of the purpose.
        IReadOnlyList<string> statuses = status is null ? ConsentStatuses.All : [status];
        var states = db.ConsentStates.AsNoTracking()
            .Where(s => s.PurposeId == purposeId && statuses.Contains(s.Status) && s.NameKey != null && s.NameKey.StartsWith(prefix));

        var ids = await states.Select(s => s.PersonId).Take(FewPeople + 1).ToListAsync(ct);
        return ids.Count > FewPeople ? null : [.. ids.Distinct()];
    }

}
