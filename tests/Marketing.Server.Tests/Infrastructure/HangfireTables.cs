using System.Text;
using Marketing.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>Every row of every table of Hangfire's storage, each column read as text: job arguments, state data, server data, sets, lists, hashes.</summary>
public static class HangfireTables
{
    public static async Task<IReadOnlyList<(string Table, string Row)>> ReadAllAsync(TestDatabase database, string schema = "hangfire")
    {
        var rows = new List<(string, string)>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.PostgresConnectionString);
            await connection.OpenAsync();
            foreach (var table in await ListAsync(connection, $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}' AND table_type = 'BASE TABLE'"))
            {
                await ReadAsync(connection, $"SELECT * FROM \"{schema}\".\"{table}\"", table, rows);
            }
        }
        else
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(database.Directory, "data", "jobs.db")};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            foreach (var table in await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"))
            {
                await ReadAsync(connection, $"SELECT * FROM \"{table}\"", table, rows);
            }
        }

        return rows;
    }

    /// <summary>The tables found, so a test can tell that it read Hangfire's storage and not an empty one.</summary>
    public static IReadOnlySet<string> Tables(IEnumerable<(string Table, string Row)> rows) => rows.Select(r => r.Table).ToHashSet(StringComparer.OrdinalIgnoreCase);

    internal static async Task<List<string>> ListAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    internal static async Task ReadAsync(System.Data.Common.DbConnection connection, string sql, string table, List<(string, string)> rows)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                row.Append(reader.GetName(i)).Append('=').Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\t');
            }

            rows.Add((table, row.ToString()));
        }
    }
}
