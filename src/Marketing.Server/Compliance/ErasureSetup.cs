using Marketing.Compliance;
using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Suppression;
using Microsoft.Data.Sqlite;

namespace Marketing.Server.Compliance;

/// <summary>What an erasure reaches outside the engine's database: Hangfire's own SQLite file, and the mail outbox (R38).</summary>
public static class ErasureSetup
{
    public static IServiceCollection AddErasure(this IServiceCollection services, ResolvedSettings settings)
    {
        services.AddSingleton(sp => Create(settings, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AddressHasher>()));
        return services;
    }

    /// <summary>The erasure's services for a host, or for the command line, which has no container.</summary>
    public static ErasureServices Create(ResolvedSettings settings, TimeProvider clock, AddressHasher hasher)
    {
        var stores = new List<IPersonalDataStore>();
        // On PostgreSQL, Hangfire's schema is in the engine's database, which the erasure scrubs and scans whole.
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            stores.Add(new SqliteJobStore(settings.JobsSqlitePath));
        }

        if (settings.OutboxDirectory is { } outbox)
        {
            stores.Add(new OutboxStore(outbox));
        }

        return new ErasureServices(clock, hasher, stores);
    }

    /// <summary>Hangfire's job storage on SQLite: job arguments, state data, sets, hashes, every text column of it.</summary>
    private sealed class SqliteJobStore(string path) : IPersonalDataStore
    {
        public string Name => "jobs";

        public async Task<int> ScrubAsync(IReadOnlyList<string> identifiers, CancellationToken ct)
        {
            await using var connection = await OpenAsync(ct);
            return connection is null ? 0 : await TextColumns.ScrubAsync(connection, null, Name, identifiers, new HashSet<string>(), ct);
        }

        public async Task<IReadOnlyList<ScanHit>> ScanAsync(IReadOnlyList<string> identifiers, CancellationToken ct)
        {
            await using var connection = await OpenAsync(ct);
            return connection is null ? [] : await TextColumns.ScanAsync(connection, null, Name, identifiers, new HashSet<string>(), ct);
        }

        private async Task<SqliteConnection?> OpenAsync(CancellationToken ct)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var connection = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=30");
            await connection.OpenAsync(ct);
            return connection;
        }
    }

    /// <summary>The outbox's .eml files: a message to the person goes with them.</summary>
    private sealed class OutboxStore(string directory) : IPersonalDataStore
    {
        public string Name => "outbox";

        public async Task<int> ScrubAsync(IReadOnlyList<string> identifiers, CancellationToken ct)
        {
            var removed = 0;
            foreach (var file in await HoldingAsync(identifiers, ct))
            {
                File.Delete(file);
                removed++;
            }

            return removed;
        }

        public async Task<IReadOnlyList<ScanHit>> ScanAsync(IReadOnlyList<string> identifiers, CancellationToken ct) =>
            await HoldingAsync(identifiers, ct) is { Count: > 0 } files ? [new ScanHit(Name, directory, "*.eml", files.Count)] : [];

        private async Task<List<string>> HoldingAsync(IReadOnlyList<string> identifiers, CancellationToken ct)
        {
            var files = new List<string>();
            if (!Directory.Exists(directory))
            {
                return files;
            }

            foreach (var file in Directory.EnumerateFiles(directory, "*.eml"))
            {
                var text = await File.ReadAllTextAsync(file, ct);
                if (identifiers.Any(i => text.Contains(i, StringComparison.OrdinalIgnoreCase)))
                {
                    files.Add(file);
                }
            }

            return files;
        }
    }
}
