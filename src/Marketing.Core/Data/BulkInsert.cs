using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Marketing.Data;

/// <summary>
/// Inserts many new rows and saves the tracked changes in one transaction: on PostgreSQL all new rows in one round
/// trip, on SQLite plain EF (<see cref="IProviderQueries.SaveWithNewRowsAsync"/>). And how either provider says that
/// a unique key refused a row.
/// </summary>
public static class BulkInsert
{
    public static Task SaveAsync(MarketingDbContext db, IReadOnlyList<IReadOnlyList<object>> newRowsByTable, CancellationToken ct) =>
        ProviderQueries.For(db).SaveWithNewRowsAsync(db, newRowsByTable, ct);

    /// <summary>
    /// A unique index refused the write, on either provider (not any other failure of the save): two writers added the
    /// same row at the same moment (two nodes' enrolments of the same people, a replayed submission).
    /// </summary>
    public static bool IsUniqueViolation(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            // SQLite: SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
            if (inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                || inner is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>EF reports a refused insert on SQLite; the PostgreSQL bulk path reports Npgsql's error.</summary>
    public static bool IsDuplicate(Exception e) =>
        e is DbUpdateException || (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation });
}
