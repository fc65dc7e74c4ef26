using Microsoft.EntityFrameworkCore;

namespace Marketing.Data;

public static class DatabaseOptionsExtensions
{
    public const string SqliteMigrationsAssembly = "Marketing.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Marketing.Migrations.Postgres";

    /// <summary>Configures the one DbContext for a provider, with that provider's own migrations assembly.</summary>
    public static DbContextOptionsBuilder UseMarketingDatabase(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        _ = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
        return options.UseSnakeCaseNamingConvention();
    }

    /// <summary>
    /// A second context on the database of <paramref name="db"/>, with a connection of its own: for writes a pass makes
    /// while its own context is busy (lease renewals, hand-over marks). The caller disposes it.
    /// </summary>
    public static MarketingDbContext OpenBeside(MarketingDbContext db) => ProviderQueries.For(db).OpenBeside(db);

    public static DbContextOptions<MarketingDbContext> ForMarketingDatabase(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<MarketingDbContext>();
        builder.UseMarketingDatabase(provider, connectionString);
        return builder.Options;
    }
}
