using Marketing.Common;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Sites;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Sites;

/// <summary>Saving a site and the origins its widgets may be embedded on, called as the API, the web app and the CLI call it.</summary>
public abstract class SaveSiteFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    [Fact]
    public async Task Save_StoresEachOriginOnce_AsABrowserSendsIt()
    {
        var id = NewId();

        var outcome = await SaveAsync(id, new SaveSite.Command("  Shop  ", ["https://Shop.Example.com:443", "https://shop.example.com", "http://localhost:5173"]));

        Assert.True(outcome.Value.Created);
        await using var check = database.OpenContext();
        var stored = await check.Sites.SingleAsync(s => s.Id == id);
        Assert.Equal("Shop", stored.Name);
        Assert.Equal(["https://shop.example.com", "http://localhost:5173"], stored.Origins);
    }

    [Fact]
    public async Task Save_Again_ReplacesTheSite_AndAuditsACreationThenAnUpdate()
    {
        var id = NewId();
        await SaveAsync(id, new SaveSite.Command("Shop", ["https://shop.example.com"]));

        var again = await SaveAsync(id, new SaveSite.Command("Shop EU", []));

        Assert.False(again.Value.Created);
        await using var check = database.OpenContext();
        var stored = await check.Sites.SingleAsync(s => s.Id == id);
        Assert.Equal(("Shop EU", 0), (stored.Name, stored.Origins.Count));
        Assert.Equal(["site.created", "site.updated"], await check.AuditEntries.Where(a => a.Target == id).OrderBy(a => a.At).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Save_NamesEachFieldAtFault_AndChangesNothing()
    {
        var id = NewId();
        await SaveAsync(id, new SaveSite.Command("Shop", ["https://shop.example.com"]));

        var outcome = await SaveAsync(id, new SaveSite.Command(" ", ["https://shop.example.com/path", "ftp://shop.example.com", null]));

        var invalid = Assert.IsType<Refusal.Invalid>(outcome.Refusal);
        Assert.Equal(["name", "origins[0]", "origins[1]", "origins[2]"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        await using var check = database.OpenContext();
        var stored = await check.Sites.SingleAsync(s => s.Id == id);
        Assert.Equal("Shop", stored.Name);
        Assert.Equal(["https://shop.example.com"], stored.Origins);
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Target == id));
    }

    [Theory]
    [InlineData("Shop")]
    [InlineData("-shop")]
    [InlineData("shop_eu")]
    [InlineData("")]
    public async Task Save_RefusesAnIdThatIsNotLowercaseLettersDigitsAndHyphens(string id)
    {
        var outcome = await SaveAsync(id, new SaveSite.Command("Shop", []));

        Assert.Equal(["id"], Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors.Keys);
        await using var check = database.OpenContext();
        Assert.False(await check.Sites.AnyAsync(s => s.Id == id));
    }

    [Fact]
    public async Task Save_RefusesMoreThanFiftyOrigins()
    {
        var origins = Enumerable.Range(0, 51).Select(i => (string?)$"https://s{i}.example.com").ToList();

        var outcome = await SaveAsync(NewId(), new SaveSite.Command("Shop", origins));

        Assert.Equal(["origins"], Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors.Keys);
    }

    private static string NewId() => $"site-{Guid.NewGuid():N}"[..20];

    private async Task<Outcome<SaveSite.Saved>> SaveAsync(string id, SaveSite.Command command)
    {
        await using var db = database.OpenContext();
        return await SaveSite.HandleAsync(db, database.Clock, id, command, "key:ops", CancellationToken.None);
    }
}

public sealed class SaveSiteFacts_OnSqlite(SqliteDatabase database) : SaveSiteFacts<SqliteDatabase>(database);

public sealed class SaveSiteFacts_OnPostgres(PostgresDatabase database) : SaveSiteFacts<PostgresDatabase>(database);
