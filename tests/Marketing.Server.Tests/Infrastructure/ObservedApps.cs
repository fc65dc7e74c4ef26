using Marketing.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>The engine, keeping every log entry of every category at every level in <see cref="MarketingApp.Logs"/>.</summary>
public abstract class ObservedApp(DatabaseProvider provider) : MarketingApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LogCollector.ObserveEverything(builder);
    }
}

public sealed class SqliteObservedApp() : ObservedApp(DatabaseProvider.Sqlite);

public sealed class PostgresObservedApp() : ObservedApp(DatabaseProvider.Postgres);

/// <summary>The email and SMS engine on a test clock, keeping every log entry of every category at every level.</summary>
public abstract class ObservedJourneyApp(DatabaseProvider provider) : JourneyApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LogCollector.ObserveEverything(builder);
    }
}

public sealed class SqliteObservedJourneyApp() : ObservedJourneyApp(DatabaseProvider.Sqlite);

public sealed class PostgresObservedJourneyApp() : ObservedJourneyApp(DatabaseProvider.Postgres);
