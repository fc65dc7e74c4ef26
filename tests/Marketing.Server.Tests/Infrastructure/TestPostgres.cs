using Npgsql;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the test command started (or the one named in MARKETING_TEST_POSTGRES).
/// Each fixture gets a database of its own, dropped at the end.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "MARKETING_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run ./scripts/test.sh, which starts a throwaway PostgreSQL cluster, or set it to a server's connection string.");

    public static async Task<string> CreateDatabaseAsync(string? server = null)
    {
        var name = $"mt_{Guid.NewGuid():N}";
        server ??= ServerConnectionString;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString, string? server = null)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server ?? ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
