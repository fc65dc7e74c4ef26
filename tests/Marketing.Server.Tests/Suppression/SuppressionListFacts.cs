using System.Text;
using Marketing.Common;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Suppression;

/// <summary>The suppression list's use cases, called as the API, the web app and the CLI call them.</summary>
public abstract class SuppressionListFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    [Fact]
    public async Task Remove_RefusesAnUnsubscribe_AndKeepsItWithoutAudit()
    {
        var entry = await AddAsync(new AddSuppression.Command(Address(), "email", "newsletter", "unsubscribe", null));

        await using var db = database.OpenContext();
        var outcome = await RemoveSuppression.HandleAsync(db, database.Clock, entry.Id, "key:ops", CancellationToken.None);

        var conflict = Assert.IsType<Refusal.Conflict>(outcome.Refusal);
        Assert.Equal("An unsubscribe cannot be removed.", conflict.Title);
        await using var check = database.OpenContext();
        Assert.True(await check.Suppressions.AnyAsync(s => s.Id == entry.Id));
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Action == "suppression.removed" && a.Target == entry.Id.ToString()));
    }

    [Theory]
    [InlineData("hard_bounce")]
    [InlineData("complaint")]
    [InlineData("manual")]
    public async Task Remove_TakesOffAnyOtherEntry_AndAuditsIt(string reason)
    {
        var entry = await AddAsync(new AddSuppression.Command(Address(), "email", "*", reason, null));

        await using var db = database.OpenContext();
        var outcome = await RemoveSuppression.HandleAsync(db, database.Clock, entry.Id, "key:ops", CancellationToken.None);

        Assert.Null(outcome.Refusal);
        await using var check = database.OpenContext();
        Assert.False(await check.Suppressions.AnyAsync(s => s.Id == entry.Id));
        var audit = await check.AuditEntries.SingleAsync(a => a.Action == "suppression.removed" && a.Target == entry.Id.ToString());
        Assert.Equal("key:ops", audit.Actor);
    }

    [Fact]
    public async Task Remove_IsNotFound_ForAnIdNotOnTheList()
    {
        await using var db = database.OpenContext();

        var outcome = await RemoveSuppression.HandleAsync(db, database.Clock, Guid.NewGuid(), "key:ops", CancellationToken.None);

        Assert.IsType<Refusal.NotFound>(outcome.Refusal);
    }

    [Fact]
    public async Task Add_NamesEveryFieldAtFault_AndStoresNothing()
    {
        await using var db = database.OpenContext();
        var before = await db.Suppressions.CountAsync();

        var outcome = await AddSuppression.HandleAsync(db, database.Hasher, database.Clock,
            new AddSuppression.Command("nobody", "fax", "Not A Key", "because", null), "key:ops", CancellationToken.None);

        var invalid = Assert.IsType<Refusal.Invalid>(outcome.Refusal);
        Assert.Equal(new[] { "address", "channel", "reason", "scope" }, invalid.Errors.Keys.Order());
        await using var check = database.OpenContext();
        Assert.Equal(before, await check.Suppressions.CountAsync());
    }

    [Fact]
    public async Task Add_TheSameAddressTwiceInAnotherSpelling_IsOneEntry()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var first = await AddAsync(new AddSuppression.Command($"ana.{tag}@example.com", "email", "*", "manual", null));

        await using var db = database.OpenContext();
        var again = await AddSuppression.HandleAsync(db, database.Hasher, database.Clock,
            new AddSuppression.Command($"  Ana.{tag}@EXAMPLE.com ", "email", "*", "manual", null), "key:ops", CancellationToken.None);

        Assert.False(again.Value.Created);
        Assert.Equal(first.Id, again.Value.Entry.Id);
    }

    [Fact]
    public async Task Import_RefusesAListWithoutAnAddressColumn_AndAddsNothing()
    {
        await using var db = database.OpenContext();
        var before = await db.Suppressions.CountAsync();

        var outcome = await ImportSuppressions.HandleAsync(db, database.Hasher, database.Clock,
            new MemoryStream(Encoding.UTF8.GetBytes($"email,reason\n{Address()},manual\n")), "key:ops", CancellationToken.None);

        var invalid = Assert.IsType<Refusal.Invalid>(outcome.Refusal);
        Assert.Equal(new[] { "body" }, invalid.Errors.Keys);
        await using var check = database.OpenContext();
        Assert.Equal(before, await check.Suppressions.CountAsync());
    }

    [Fact]
    public async Task Import_AddsTheGoodLines_AndReportsTheOthersByLine()
    {
        var address = Address();
        await using var db = database.OpenContext();

        var outcome = await ImportSuppressions.HandleAsync(db, database.Hasher, database.Clock,
            new MemoryStream(Encoding.UTF8.GetBytes($"address,reason\n{address},complaint\nnot-an-address,manual\n{address},complaint\n")), "key:ops", CancellationToken.None);

        Assert.Equal(1, outcome.Value.Added);
        Assert.Equal(0, outcome.Value.AlreadyPresent);
        Assert.Equal(3, Assert.Single(outcome.Value.Problems).Line);
    }

    private static string Address() => $"person.{Guid.NewGuid():N}@example.com";

    private async Task<SuppressionEntry> AddAsync(AddSuppression.Command command)
    {
        await using var db = database.OpenContext();
        var outcome = await AddSuppression.HandleAsync(db, database.Hasher, database.Clock, command, "key:ops", CancellationToken.None);
        Assert.True(outcome.Value.Created);
        return outcome.Value.Entry;
    }
}

public sealed class SuppressionListFacts_OnSqlite(SqliteDatabase database) : SuppressionListFacts<SqliteDatabase>(database);

public sealed class SuppressionListFacts_OnPostgres(PostgresDatabase database) : SuppressionListFacts<PostgresDatabase>(database);
