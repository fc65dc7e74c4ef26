using System.Data.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Hosting;

/// <summary>What happens to the database before the engine serves: reach it, then migrate or insist it is migrated.</summary>
public static class DatabasePreparation
{
    public static MarketingDbContext OpenContext(ResolvedSettings settings) =>
        new(DatabaseOptionsExtensions.ForMarketingDatabase(settings.Provider, settings.ConnectionString));

    /// <summary>Run at start: on SQLite (and on PostgreSQL when asked) apply migrations; otherwise refuse an out-of-date schema.</summary>
    public static async Task PrepareForServingAsync(ResolvedSettings settings, CancellationToken ct)
    {
        await using var db = OpenContext(settings);
        await EnsureReachableAsync(db, settings, ct);
        if (settings.AutoMigrate)
        {
            await MigrateAsync(db, ct);
            return;
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new StartupException(
                $"the database schema is {pending.Count} migration(s) behind; run 'marketing migrate' or set Marketing:Database:AutoMigrate=true",
                StartupException.DatabaseUnavailable);
        }
    }

    public static async Task<IReadOnlyList<string>> MigrateAsync(ResolvedSettings settings, CancellationToken ct)
    {
        await using var db = OpenContext(settings);
        await EnsureReachableAsync(db, settings, ct);
        return await MigrateAsync(db, ct);
    }

    /// <summary>Applies what is pending, then what a migration leaves to code (rows a SQL statement cannot compute on both providers).</summary>
    private static async Task<IReadOnlyList<string>> MigrateAsync(MarketingDbContext db, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (Marketing.Leads.FoldStoredNames.IsNeededAfter(pending))
        {
            await Marketing.Leads.FoldStoredNames.HandleAsync(db, ct);
        }

        return pending;
    }

    private static async Task EnsureReachableAsync(MarketingDbContext db, ResolvedSettings settings, CancellationToken ct)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString);
            if (connection.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory && connection.DataSource != ":memory:")
            {
                var file = Path.GetFullPath(connection.DataSource);
                SecretFiles.CreateDirectory(Path.GetDirectoryName(file)!);
                // Made 0600 before SQLite opens it; SQLite gives its WAL and shared-memory files the same mode.
                SecretFiles.CreateEmpty(file);
            }
        }

        try
        {
            await db.Database.OpenConnectionAsync(ct);
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead logging, kept in the file: readers never block a commit, and a commit never waits for readers.
                // In the default rollback journal a dispatch pass committing while a request read could wait out the whole
                // busy timeout and fail, leaving its claimed messages unsent.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }

            await db.Database.CloseConnectionAsync();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or IOException)
        {
            throw new StartupException(
                $"cannot reach the {Describe(settings)} database set by Marketing:Database:ConnectionString: {Innermost(e)}",
                StartupException.DatabaseUnavailable);
        }
    }

    private static string Describe(ResolvedSettings settings)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return "SQLite";
        }

        var target = new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString);
        return $"PostgreSQL ({target.Host}:{target.Port}/{target.Database})";
    }

    private static string Innermost(Exception e)
    {
        // EF wraps the driver's error in generic advice ("likely due to a transient failure"); start at the driver.
        var start = e;
        for (var probe = e; probe is not null; probe = probe.InnerException)
        {
            if (probe is DbException)
            {
                start = probe;
                break;
            }
        }

        var messages = new List<string>();
        for (var current = start; current is not null; current = current.InnerException)
        {
            if (!messages.Contains(current.Message))
            {
                messages.Add(current.Message.ReplaceLineEndings(" "));
            }
        }

        return string.Join(": ", messages);
    }
}
