using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Sites;

namespace Marketing.Server.Tests.Hosting;

/// <summary>
/// The last line of defence: a refused character that reached a save anyway is refused by the context on both
/// providers alike (PostgreSQL alone would fail on a NUL, SQLite would keep it).
/// </summary>
public abstract class StoredTextFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Theory]
    [InlineData("Ac\0me", null)]
    [InlineData("Acme", "https://a.example/\u0001")]
    public async Task Save_RefusesAControlCharacter_InAColumnOrAJsonValue(string name, string? origin)
    {
        await using var db = app.Database.OpenContext();
        var id = $"t-{Guid.NewGuid():N}"[..20];
        db.Sites.Add(new Site { Id = id, Name = name, Origins = origin is null ? [] : [origin], CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });

        var refused = await Assert.ThrowsAsync<UnstorableTextException>(() => db.SaveChangesAsync());

        Assert.Equal(origin is null ? "name" : "origins", refused.Field);
        await using var fresh = app.Database.OpenContext();
        Assert.False(fresh.Sites.Any(s => s.Id == id));
    }
}

public sealed class StoredTextFacts_OnSqlite(SqliteApp app) : StoredTextFacts<SqliteApp>(app);

public sealed class StoredTextFacts_OnPostgres(PostgresApp app) : StoredTextFacts<PostgresApp>(app);
