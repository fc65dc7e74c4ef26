using Marketing.Data;
using Marketing.Leads;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// A migrated database on one provider for tests that call Core use cases directly: no host, no HTTP. Each test
/// opens its own context, as each request does.
/// </summary>
public abstract class UseCaseDatabase(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public DatabaseProvider Provider { get; } = provider;
    public TestClock Clock { get; } = new();
    public AddressHasher Hasher { get; } = new("use-case-test-suppression-secret-0123456789");

    public MarketingDbContext OpenContext() => (_database ?? throw new InvalidOperationException("The database has not been created.")).OpenContext();

    /// <summary>A person of the lead store, known by an email address of their own.</summary>
    public async Task<Guid> AddPersonAsync()
    {
        await using var db = OpenContext();
        var now = Clock.GetUtcNow();
        var person = new Person { Id = Guid.CreateVersion7(), Email = $"p.{Guid.NewGuid():N}@example.com", Regime = "eu", Source = "test", CreatedAt = now, UpdatedAt = now };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        Directory.CreateDirectory(Path.Combine(_database.Directory, "data"));
        await using var db = _database.OpenContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteDatabase() : UseCaseDatabase(DatabaseProvider.Sqlite);

public sealed class PostgresDatabase() : UseCaseDatabase(DatabaseProvider.Postgres);
