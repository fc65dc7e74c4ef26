using Marketing.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// Every row of every table the engine stores, each column read as text, found from the database's own catalogue (so a
/// table added later is read too): on PostgreSQL every schema of the database, Hangfire's included; on SQLite the
/// engine's file and Hangfire's.
/// </summary>
public static class EveryTable
{
    public static async Task<IReadOnlyList<(string Table, string Row)>> ReadAllAsync(TestDatabase database)
    {
        var rows = new List<(string, string)>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.PostgresConnectionString);
            await connection.OpenAsync();
            foreach (var table in await HangfireTables.ListAsync(connection,
                "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"))
            {
                var (schema, name) = (table.Split('.')[0], table.Split('.')[1]);
                await HangfireTables.ReadAsync(connection, $"SELECT * FROM \"{schema}\".\"{name}\"", table, rows);
            }
        }
        else
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(database.Directory, "data", "marketing.db")};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            foreach (var table in await HangfireTables.ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"))
            {
                await HangfireTables.ReadAsync(connection, $"SELECT * FROM \"{table}\"", "public." + table, rows);
            }

            rows.AddRange((await HangfireTables.ReadAllAsync(database)).Select(r => ("hangfire." + r.Table, r.Row)));
        }

        return rows;
    }
}
