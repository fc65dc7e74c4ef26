using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Access;

/// <summary>The audit log's 12-month retention on a test clock (R49): the one deletion the append-only rule allows.</summary>
public abstract class AuditLogUseCaseFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    [Fact]
    public async Task Purge_RemovesEntriesOlderThan12Months_CountsThemInAnEntry_AndDeletesNothingMoreWhenRunAgain()
    {
        var marker = $"purge-{Guid.NewGuid():N}";
        await using (var db = database.OpenContext())
        {
            db.AuditEntries.Add(AuditEntry.CreateAt(new DateTimeOffset(2019, 5, 31, 23, 0, 0, TimeSpan.Zero), "test", "test.old", marker + "-old"));
            db.AuditEntries.Add(AuditEntry.CreateAt(new DateTimeOffset(2019, 6, 1, 1, 0, 0, TimeSpan.Zero), "test", "test.kept", marker + "-kept"));
            await db.SaveChangesAsync();
        }

        var clock = new TestClock(new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero));
        int first, second;
        await using (var db = database.OpenContext())
        {
            first = await PurgeAuditLog.HandleAsync(db, clock, CancellationToken.None);
        }

        await using (var db = database.OpenContext())
        {
            second = await PurgeAuditLog.HandleAsync(db, clock, CancellationToken.None);
        }

        Assert.Equal((1, 0), (first, second));
        await using var check = database.OpenContext();
        Assert.Equal([marker + "-kept"], await check.AuditEntries.Where(a => a.Target!.StartsWith(marker)).Select(a => a.Target!).ToListAsync());
        var purged = await check.AuditEntries.Where(a => a.Action == "audit_log.purged" && a.At == clock.GetUtcNow()).ToListAsync();
        Assert.Equal("count=1 before=2019-06-01T00:00:00.0000000+00:00", Assert.Single(purged).Detail);
        Assert.Equal(("system", "job"), (purged[0].Role, purged[0].Source));
    }

    [Fact]
    public async Task AnEntry_CarriesTheOriginOfItsFlow_AndTheCliSaysSo()
    {
        var marker = $"origin-{Guid.NewGuid():N}";
        await Task.Run(async () =>
        {
            AuditOrigin.Use(AuditOrigin.Cli);
            await using var db = database.OpenContext();
            await RecordAudit.HandleAsync(db, database.Clock, "cli", "api_key.created", marker, null, CancellationToken.None);
        });

        await using var check = database.OpenContext();
        var entry = await check.AuditEntries.SingleAsync(a => a.Target == marker);
        Assert.Equal(("cli", "cli", "api_key"), (entry.Role, entry.Source, entry.ObjectType));
        // The origin set in that flow stayed there.
        Assert.Equal(AuditOrigin.Job, AuditOrigin.Current);
    }
}

public sealed class AuditLogUseCaseFacts_OnSqlite(SqliteDatabase database) : AuditLogUseCaseFacts<SqliteDatabase>(database);

public sealed class AuditLogUseCaseFacts_OnPostgres(PostgresDatabase database) : AuditLogUseCaseFacts<PostgresDatabase>(database);
