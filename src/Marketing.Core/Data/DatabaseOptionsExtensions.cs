using Microsoft.EntityFrameworkCore;

namespace Marketing.Data;

public static class DatabaseOptionsExtensions
{
    public const string SqliteMigrationsAssembly = "Marketing.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Marketing.Migrations.Postgres";

    /// <summary>
    /// The most statements a save sends in one command. Npgsql keeps a connection's command for reuse with the capacity of
    /// its largest parameter list, and a pooled context keeps its connection: one save of a 500-enrolment nurture batch
    /// (1,000 statements, ~20,000 parameters) held ~1 MB in every pooled context that ever made one, for the life of the
    /// process, so a node's live heap grew with the work it had done. A hundred statements cost a round trip each and
    /// keep ~0.2 MB.
    /// </summary>
    public const int MaxStatementsPerCommand = 100;

    /// <summary>Configures the one DbContext for a provider, with that provider's own migrations assembly.</summary>
    public static DbContextOptionsBuilder UseMarketingDatabase(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        _ = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString,
                sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly).MaxBatchSize(MaxStatementsPerCommand)),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString,
                npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly).MaxBatchSize(MaxStatementsPerCommand)),
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
