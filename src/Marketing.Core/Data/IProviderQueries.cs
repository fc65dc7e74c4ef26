using Marketing.Capture;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Data;

/// <summary>
/// The queries that need what one provider has and the other has not (<c>FOR UPDATE SKIP LOCKED</c>, <c>unnest</c>,
/// one batch of many inserts, a prepared statement held for a pass), each with a version per provider. Everything
/// else is plain EF Core and runs on both. Reached through <see cref="ProviderQueries.For"/>: the one place that asks
/// which provider a context runs on.
/// </summary>
public interface IProviderQueries
{
    /// <summary>Inserts many new rows and saves the tracked changes of <paramref name="db"/>, in one transaction.</summary>
    Task SaveWithNewRowsAsync(MarketingDbContext db, IReadOnlyList<IReadOnlyList<object>> newRowsByTable, CancellationToken ct);

    /// <summary>A second context on the same database, with a connection of its own; the caller disposes it.</summary>
    MarketingDbContext OpenBeside(MarketingDbContext db);

    /// <summary>Stored submissions among the (form, client submission id) pairs, given as two parallel arrays.</summary>
    Task<List<EarlierSubmission>> EarlierSubmissionsAsync(MarketingDbContext db, string[] forms, string[] clientIds, CancellationToken ct);

    /// <summary>Claims up to <paramref name="limit"/> due queued send records of a channel for a pass; passes on several nodes never take the same.</summary>
    Task ClaimSendRecordsAsync(MarketingDbContext db, string channel, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, string claimToken, CancellationToken ct);

    /// <summary>Claims whose lease ran out, queued again or written off (see <see cref="SendClaims.TakeOverAsync"/>); one <c>"{status} {claimed_by}"</c> per record.</summary>
    Task<List<string>> TakeOverExpiredClaimsAsync(
        MarketingDbContext db, string channel, DateTimeOffset now, DateTimeOffset unleasedBefore, string requeuedNote, string interruptedNote, CancellationToken ct);

    /// <summary>Renews the lease of a claim's records still being sent; rows another writer holds right now are left for the next beat.</summary>
    Task RenewLeaseAsync(MarketingDbContext side, string claimToken, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>The writer of a pass's hand-overs on its side context (see <see cref="ClaimKeeper"/>).</summary>
    IHandOverWriter HandOvers(MarketingDbContext side);

    /// <summary>Claims up to <paramref name="limit"/> due active enrolments of sequences not paused whose lease is free.</summary>
    Task ClaimEnrolmentsAsync(MarketingDbContext db, int limit, DateTimeOffset now, DateTimeOffset leaseUntil, string claimToken, CancellationToken ct);

    /// <summary>
    /// People whose JSON attribute <paramref name="key"/> (validated: no quote) equals, or contains, <paramref name="value"/>,
    /// case-sensitively; composable, so a segment stays one statement.
    /// </summary>
    IQueryable<Leads.Person> PeopleWithAttribute(MarketingDbContext db, string key, bool contains, string value);
}

/// <summary>Writes settlements and hand-over marks of one claim: the marks that took (the claim is still this pass's).</summary>
public interface IHandOverWriter : IAsyncDisposable
{
    Task<HashSet<Guid>> WriteAsync(string claimToken, DateTimeOffset at, IReadOnlyList<Settlement> settle, IReadOnlyList<Guid> mark);
}

public static class ProviderQueries
{
    private static readonly IProviderQueries Postgres = new PostgresQueries();
    private static readonly IProviderQueries Sqlite = new SqliteQueries();

    public static IProviderQueries For(MarketingDbContext db) => db.Database.IsNpgsql() ? Postgres : Sqlite;

    // A claim without a lease was made before hand-overs were recorded: whether it left is unknown, as it was then.
    internal const string TakeOverSql = """
        UPDATE send_records
        SET status = CASE WHEN status = 'sending' AND lease_until IS NOT NULL THEN 'queued' ELSE 'interrupted' END,
            last_error = CASE WHEN status = 'sending' AND lease_until IS NOT NULL THEN {3} ELSE {4} END,
            lease_until = NULL
        WHERE id IN (SELECT id FROM send_records
                     WHERE status IN ('sending', 'handing_over') AND channel = {1}
                       AND (lease_until < {0} OR (lease_until IS NULL AND claimed_at < {2})) /* lock */)
        RETURNING status || ' ' || COALESCE(claimed_by, '') AS "Value"
        """;
}
