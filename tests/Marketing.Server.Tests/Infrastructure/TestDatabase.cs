using Marketing.Data;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>A fresh, empty database on one provider, described as the settings the engine reads.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _server;

    private TestDatabase(DatabaseProvider provider, string directory, string? postgresConnectionString, string? server = null)
    {
        Provider = provider;
        Directory = directory;
        PostgresConnectionString = postgresConnectionString;
        _server = server;
    }

    /// <summary>32 bytes in base64, as an operator makes one with <c>openssl rand -base64 32</c>.</summary>
    public const string KeyEncryptionKey = "dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMDEyMzQ1Njc=";

    public DatabaseProvider Provider { get; }
    /// <summary>A scratch directory: the SQLite data directory, and the working directory of engine processes.</summary>
    public string Directory { get; }
    public string? PostgresConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("marketing-test-").FullName;
        var connectionString = provider == DatabaseProvider.Postgres ? await TestPostgres.CreateDatabaseAsync() : null;
        return new TestDatabase(provider, directory, connectionString);
    }

    /// <summary>A fresh PostgreSQL database on a server of the test's own (one it may restart), not the shared one.</summary>
    public static async Task<TestDatabase> CreateOnAsync(string server)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("marketing-test-").FullName;
        return new TestDatabase(DatabaseProvider.Postgres, directory, await TestPostgres.CreateDatabaseAsync(server), server);
    }

    public Dictionary<string, string> Settings(bool autoMigrate = true)
    {
        var settings = new Dictionary<string, string>
        {
            ["Marketing:DataDirectory"] = Path.Combine(Directory, "data"),
            ["Marketing:Database:Provider"] = Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
            ["Marketing:Database:AutoMigrate"] = autoMigrate ? "true" : "false",
            ["Marketing:Jobs:WorkerCount"] = "2",
            ["Marketing:Jobs:PollIntervalSeconds"] = "0.5",
        };
        if (PostgresConnectionString is not null)
        {
            settings["Marketing:Database:ConnectionString"] = PostgresConnectionString;
            // PostgreSQL deployments must name the key of the suppression hashes (SQLite makes its own).
            settings["Marketing:Suppression:Secret"] = "test-suppression-secret-0123456789abcdef";
            // And the key-encryption key of the data-protection key ring, which SQLite also makes itself.
            settings["Marketing:DataProtection:Key"] = KeyEncryptionKey;
        }

        return settings;
    }

    /// <summary>A context on this database, as the engine's own processes see it (for checks and for tampering).</summary>
    public MarketingDbContext OpenContext() => new(DatabaseOptionsExtensions.ForMarketingDatabase(Provider,
        PostgresConnectionString ?? $"Data Source={Path.Combine(Directory, "data", "marketing.db")}"));

    public async ValueTask DisposeAsync()
    {
        if (PostgresConnectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(PostgresConnectionString, _server);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing process: the OS temp cleaner will take it.
        }
    }
}
