using Marketing.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// The row count of every table the engine keeps, its own and Hangfire's, on either provider: what a refused
/// request must leave exactly as it found (invariant 6). Tables are listed from the database itself, so a table
/// added later is counted without anyone remembering to.
/// </summary>
public static class TableCounts
{
    public static async Task<IReadOnlyDictionary<string, long>> SnapshotAsync(TestDatabase database) =>
        database.Provider == DatabaseProvider.Postgres
            ? await PostgresAsync(database.PostgresConnectionString!)
            : await SqliteAsync(database);

    /// <summary>Tables whose count differs between two snapshots, with before → after.</summary>
    public static IReadOnlyDictionary<string, string> Changes(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        before.Keys.Union(after.Keys)
            .Where(t => before.GetValueOrDefault(t, -1) != after.GetValueOrDefault(t, -1))
            .ToDictionary(t => t, t => $"{before.GetValueOrDefault(t, -1)} → {after.GetValueOrDefault(t, -1)}");

    private static async Task<Dictionary<string, long>> PostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        return await CountAsync(connection, tables, t => t);
    }

    private static async Task<Dictionary<string, long>> SqliteAsync(TestDatabase database)
    {
        var counts = new Dictionary<string, long>();
        // The engine's database and Hangfire's, side by side in the data directory.
        foreach (var file in new[] { "marketing.db", "jobs.db" })
        {
            var path = Path.Combine(database.Directory, "data", file);
            if (!File.Exists(path))
            {
                continue;
            }

            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var (table, count) in await CountAsync(connection, tables, t => $"\"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\""))
            {
                counts[$"{file}:{table}"] = count;
            }
        }

        return counts;
    }

    /// <summary>One statement for all tables, so that the counts are of one moment.</summary>
    private static async Task<Dictionary<string, long>> CountAsync(System.Data.Common.DbConnection connection, List<string> tables, Func<string, string> quote)
    {
        var counts = new Dictionary<string, long>();
        if (tables.Count == 0)
        {
            return counts;
        }

        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // table names come from the database's own catalogue, quoted
        command.CommandText = string.Join(" UNION ALL ", tables.Select((t, i) => $"SELECT {i}, COUNT(*) FROM {quote(t)}"));
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[tables[reader.GetInt32(0)]] = reader.GetInt64(1);
        }

        return counts;
    }
}
