using System.Data.Common;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketing.Server.Tests.Hosting;

/// <summary>
/// A save of many rows goes out in commands of at most a hundred statements: a connection a pooled context keeps holds
/// on to the parameter capacity of the largest command it sent, so an unbounded one made a node's heap grow with its work.
/// </summary>
public abstract class SaveBatchFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Save_OfManyRows_SendsNoCommandOfMoreThanAHundredStatements()
    {
        var counter = new StatementCounter();
        var connectionString = app.InScope(db => db.Database.GetConnectionString()!);
        var builder = new DbContextOptionsBuilder<MarketingDbContext>();
        builder.UseMarketingDatabase(app.Provider, connectionString);
        var options = builder.AddInterceptors(counter).Options;
        var tag = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await using (var db = new MarketingDbContext(options))
        {
            db.People.AddRange(Enumerable.Range(0, 250).Select(i => new Person
            {
                Id = Guid.CreateVersion7(), Email = $"batch.{i}.{tag}@example.com", Regime = "fr", Source = $"test:{tag}", CreatedAt = now, UpdatedAt = now,
            }));
            await db.SaveChangesAsync();
        }

        Assert.Equal(250, app.InScope(db => db.People.Count(p => p.Source == $"test:{tag}")));
        Assert.InRange(counter.Most, 1, 100);
    }

    private sealed class StatementCounter : DbCommandInterceptor
    {
        public int Most { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Count(DbCommand command)
        {
            var statements = command.CommandText.Split("INSERT INTO", StringSplitOptions.None).Length - 1;
            Most = Math.Max(Most, statements);
        }
    }
}

public sealed class SaveBatchFacts_OnSqlite(SqliteApp app) : SaveBatchFacts<SqliteApp>(app);

public sealed class SaveBatchFacts_OnPostgres(PostgresApp app) : SaveBatchFacts<PostgresApp>(app);
