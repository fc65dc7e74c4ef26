using Marketing.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// The real host, in process, on a fresh database of one provider. Tests talk to it over HTTP.
/// Settings reach the program the way an operator gives them, as environment variables, because the
/// program reads them before the host is built.
/// </summary>
public abstract class MarketingApp(DatabaseProvider provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly SemaphoreSlim EnvironmentLock = new(1, 1);
    private TestDatabase? _database;

    public DatabaseProvider Provider { get; } = provider;
    /// <summary>Warnings and errors the engine logged (every level in an observed app).</summary>
    public LogCollector Logs { get; } = new();
    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not started.");

    protected virtual IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        var settings = _database.Settings();
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        await TestProcessors.SeedAsync(_database.Directory, settings);
        await EnvironmentLock.WaitAsync();
        try
        {
            using var environment = TestEnvironment.Set(settings);
            Start();
        }
        finally
        {
            EnvironmentLock.Release();
        }
    }

    /// <summary>Starts the host: in memory by default; a browser test listens on a real port instead.</summary>
    protected virtual void Start() => _ = Server;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestEndpoints>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteApp() : MarketingApp(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : MarketingApp(DatabaseProvider.Postgres);
