using Marketing.Common;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Sending;

/// <summary>
/// Queueing a message, called as the API, the web app and the CLI call it: a transactional message must name what
/// it is about, an order must be one of that person (R60), and only a queued transactional message is audited.
/// </summary>
public abstract class QueueMessageFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    private static readonly TemplateStore Templates = new(Path.Combine(Repository.Root, "templates"));

    [Theory]
    [InlineData(null, "is required: ")]
    [InlineData("invoice:7", "is required: ")]
    [InlineData("order:7", "names order '7', which is no order of this person")]
    public async Task Transactional_IsRefused_WithoutAReferenceToSomethingOfThisPerson(string? reference, string message)
    {
        var person = await PersonAsync();
        await using var db = database.OpenContext();

        var outcome = await QueueAsync(db, Transactional(person, reference));

        var errors = Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors;
        Assert.StartsWith(message, Assert.Single(errors["reference"]), StringComparison.Ordinal);
        await using var check = database.OpenContext();
        Assert.False(await check.SendRecords.AnyAsync(r => r.PersonId == person));
    }

    [Fact]
    public async Task Transactional_AboutAnOrderOfThePerson_IsQueuedOnce_AndAudited()
    {
        var person = await PersonAsync(order: "A-1001");
        var command = Transactional(person, "order:A-1001") with { Key = $"order-{person:N}" };
        await using var db = database.OpenContext();

        var first = await QueueAsync(db, command);
        await using var again = database.OpenContext();
        var second = await QueueAsync(again, command);

        Assert.True(first.Value.IsNew);
        Assert.False(second.Value.IsNew);
        Assert.Equal(first.Value.Record.Id, second.Value.Record.Id);
        Assert.Equal("order:A-1001", first.Value.Record.Reference);
        await using var check = database.OpenContext();
        var audit = await check.AuditEntries.SingleAsync(a => a.Action == "send.transactional_queued" && a.Target == first.Value.Record.Id.ToString());
        Assert.Equal("key:shop", audit.Actor);
    }

    [Fact]
    public async Task Marketing_NamingAReference_IsRefused()
    {
        var person = await PersonAsync();
        await using var db = database.OpenContext();

        var outcome = await QueueAsync(db, new QueueMessage.Command(null, person, null, "welcome", null, "marketing", "en", null, Reference: "order:1"));

        var errors = Assert.IsType<Refusal.Invalid>(outcome.Refusal).Errors;
        Assert.Equal(new[] { "only a transactional message names a reference" }, errors["reference"]);
        Assert.Equal(new[] { "a marketing message must name its purpose" }, errors["purpose"]);
    }

    private static QueueMessage.Command Transactional(Guid person, string? reference) =>
        new(null, person, null, "unsubscribe-confirmation", "email", "transactional", "en", null, Reference: reference);

    private Task<Outcome<QueueMessage.Queued>> QueueAsync(Marketing.Data.MarketingDbContext db, QueueMessage.Command command) =>
        QueueMessage.HandleAsync(db, Templates, database.Clock, command, "key:shop", CancellationToken.None);

    private async Task<Guid> PersonAsync(string? order = null)
    {
        var person = await database.AddPersonAsync();
        if (order is not null)
        {
            await using var db = database.OpenContext();
            var now = database.Clock.GetUtcNow();
            db.Purchases.Add(new Purchase
            {
                Id = Guid.CreateVersion7(), PersonId = person, Reference = order, Category = "shoes", OrderedAt = now, OptOutOffered = true, RecordedAt = now, Source = "key:shop",
            });
            await db.SaveChangesAsync();
        }

        return person;
    }
}

public sealed class QueueMessageFacts_OnSqlite(SqliteDatabase database) : QueueMessageFacts<SqliteDatabase>(database);

public sealed class QueueMessageFacts_OnPostgres(PostgresDatabase database) : QueueMessageFacts<PostgresDatabase>(database);
