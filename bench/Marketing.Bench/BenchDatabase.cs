using Npgsql;

namespace Marketing.Bench;

/// <summary>What every database benchmark does around its measurement: a database of its own, and the engine's settings pointed at it.</summary>
internal static class BenchDatabase
{
    /// <summary>Runs <paramref name="benchmark"/> on a fresh database, dropped afterwards whatever happens.</summary>
    public static async Task<int> WithThrowawayAsync(string serverConnectionString, int maxPoolSize, Func<string, Task<int>> benchmark)
    {
        var database = $"bench_{Guid.NewGuid():N}";
        await ExecuteAsync(serverConnectionString, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database, MaxPoolSize = maxPoolSize }.ConnectionString;
        try
        {
            return await benchmark(connectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            // MARKETING_BENCH_KEEP=1 leaves the database for a look at its plans afterwards.
            if (Environment.GetEnvironmentVariable("MARKETING_BENCH_KEEP") == "1")
            {
                Console.WriteLine($"kept database {database}");
            }
            else
            {
                await ExecuteAsync(serverConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }
    }

    /// <summary>
    /// The sending domain as a production deployment has it: its DNS checked and passed (R67), so bulk marketing is
    /// not held to the unverified domain's daily volume. The benchmark has no DNS to check, so it records the outcome.
    /// </summary>
    public static Marketing.Channels.Email.DomainCheck VerifiedDomain(string domain) => new()
    {
        Id = Guid.CreateVersion7(), Domain = domain, CheckedAt = DateTimeOffset.UtcNow, Passed = true,
        Items = [new("spf", true, "benchmark"), new("dkim", true, "benchmark"), new("dmarc", true, "benchmark"), new("alignment", true, "benchmark")],
    };

    /// <summary>
    /// The engine reads its settings before its host is built, from the environment as an operator gives them:
    /// PostgreSQL, migrated at start, no job server (the benchmark drives the work), quiet logs, plus the benchmark's own.
    /// </summary>
    public static void UseForEngine(string connectionString, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Marketing__Database__Provider"] = "postgres",
            ["Marketing__Database__ConnectionString"] = connectionString,
            ["Marketing__Database__AutoMigrate"] = "true",
            ["Marketing__Suppression__Secret"] = "benchmark-suppression-secret-0123456789",
            ["Marketing__DataProtection__Key"] = "YmVuY2htYXJrLWtleS1lbmNyeXB0aW9uLWtleS0wMTI=",
            ["Marketing__Jobs__RunServer"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        // What an earlier benchmark of the same run set (another relay, a key file since deleted) is not this one's.
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("Marketing__", StringComparison.Ordinal)).ToList())
        {
            Environment.SetEnvironmentVariable(key, null);
        }

        foreach (var (key, value) in settings)
        {
            Environment.SetEnvironmentVariable(key, value);
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
