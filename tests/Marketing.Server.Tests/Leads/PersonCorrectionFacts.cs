using Marketing.Common;
using Marketing.Leads;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Leads;

/// <summary>
/// An authorised user's corrections to a person and the orders a shop reports, called as the API, the web app and
/// the CLI call them: a refused correction changes nothing, and an order reported twice is one order.
/// </summary>
public abstract class PersonCorrectionFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    [Fact]
    public async Task Correct_SetsAndRemovesAttributes_AndResolvesTheRegimeAgain()
    {
        var person = await database.AddPersonAsync();
        await CorrectAsync(person, new CorrectPerson.Command(null, null, null, Attributes: new() { ["role"] = "buyer", ["team"] = "ops" }));

        var outcome = await CorrectAsync(person, new CorrectPerson.Command("Europe/Paris", "fr-FR", "FR", true, new() { ["team"] = null }));

        Assert.Equal(("fr-b2b", "Europe/Paris"), (outcome.Value.Regime, outcome.Value.TimeZone));
        await using var check = database.OpenContext();
        var stored = await check.People.SingleAsync(p => p.Id == person);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "buyer" }, stored.Attributes);
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action == "person.updated" && a.Target == person.ToString()));
    }

    [Fact]
    public async Task Correct_NamesEachFieldAtFault_AndChangesNothing()
    {
        var person = await database.AddPersonAsync();

        var outcome = await CorrectAsync(person, new CorrectPerson.Command("Mars/Olympus", "english", "XX", true, new() { ["Role"] = "buyer", ["note"] = "a\u0000b" }));

        var invalid = Assert.IsType<Refusal.Invalid>(outcome.Refusal);
        Assert.Equal(new[] { "attributes.Role", "attributes.note", "country", "locale", "timeZone" }, invalid.Errors.Keys.Order(StringComparer.Ordinal));
        await using var check = database.OpenContext();
        var stored = await check.People.SingleAsync(p => p.Id == person);
        Assert.Equal(("eu", false, 0), (stored.Regime, stored.Business, stored.Attributes.Count));
    }

    [Fact]
    public async Task RecordPurchase_TheSameReferenceAgain_IsTheSameOrder()
    {
        var person = await database.AddPersonAsync();
        var order = new RecordPurchase.Command(" A-2001 ", "running-shoes", database.Clock.GetUtcNow().AddDays(-1), true);

        var first = await RecordAsync(person, order);
        var again = await RecordAsync(person, order with { Category = "socks" });

        Assert.True(first.Value.IsNew);
        Assert.False(again.Value.IsNew);
        Assert.Equal(("A-2001", "running-shoes"), (again.Value.Purchase.Reference, again.Value.Purchase.Category));
        await using var check = database.OpenContext();
        Assert.Equal(1, await check.Purchases.CountAsync(p => p.PersonId == person));
    }

    [Fact]
    public async Task RecordPurchase_RefusesAnOrderFromTheFuture_OrWithoutTheOptOutAnswer()
    {
        var person = await database.AddPersonAsync();

        var outcome = await RecordAsync(person, new RecordPurchase.Command("A-3001", "shoes", database.Clock.GetUtcNow().AddDays(1), null));

        Assert.Equal(new[] { "optOutOffered", "orderedAt" }, Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors.Keys.Order(StringComparer.Ordinal));
    }

    private async Task<Outcome<Person>> CorrectAsync(Guid person, CorrectPerson.Command command)
    {
        await using var db = database.OpenContext();
        return await CorrectPerson.HandleAsync(db, database.Clock, person, command, "key:crm", CancellationToken.None);
    }

    private async Task<Outcome<RecordPurchase.Recorded>> RecordAsync(Guid person, RecordPurchase.Command command)
    {
        await using var db = database.OpenContext();
        return await RecordPurchase.HandleAsync(db, database.Clock, person, command, "key:shop", CancellationToken.None);
    }
}

public sealed class PersonCorrectionFacts_OnSqlite(SqliteDatabase database) : PersonCorrectionFacts<SqliteDatabase>(database);

public sealed class PersonCorrectionFacts_OnPostgres(PostgresDatabase database) : PersonCorrectionFacts<PostgresDatabase>(database);
