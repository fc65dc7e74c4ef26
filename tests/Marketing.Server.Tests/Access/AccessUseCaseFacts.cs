using Marketing.Access;
using Marketing.Common;
using Marketing.Compliance;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Access;

/// <summary>Revoking a key and auditing what writes nothing else, called as the API and the CLI call them.</summary>
public abstract class AccessUseCaseFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    [Fact]
    public async Task Revoke_Twice_KeepsTheFirstRevocation_AndAuditsItOnce()
    {
        var key = await CreateKeyAsync();
        await RevokeAsync(key);
        var first = await RevokedAtAsync(key);
        database.Clock.Advance(TimeSpan.FromHours(1));

        var again = await RevokeAsync(key);

        Assert.Null(again.Refusal);
        Assert.NotNull(first);
        Assert.Equal(first, await RevokedAtAsync(key));
        await using var check = database.OpenContext();
        var audit = await check.AuditEntries.SingleAsync(a => a.Action == "api_key.revoked" && a.Target == key.ToString());
        Assert.Equal("key:ops", audit.Actor);
    }

    [Fact]
    public async Task Revoke_IsNotFound_ForAnUnknownKey_AndAuditsNothing()
    {
        var unknown = Guid.NewGuid();

        var outcome = await RevokeAsync(unknown);

        Assert.IsType<Refusal.NotFound>(outcome.Refusal);
        await using var check = database.OpenContext();
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Target == unknown.ToString()));
    }

    [Fact]
    public async Task RecordAudit_CutsWhatTheAuditLogCannotHold_InsteadOfLosingTheEntry()
    {
        var target = $"export-{Guid.NewGuid():N}";

        await using (var db = database.OpenContext())
        {
            await RecordAudit.HandleAsync(db, database.Clock, new string('a', 300), "jobs_dashboard." + new string('b', 100), target + new string('c', 300), "detail", CancellationToken.None);
        }

        await using var check = database.OpenContext();
        var entry = await check.AuditEntries.SingleAsync(a => a.Target!.StartsWith(target));
        Assert.Equal((120, 80, 200), (entry.Actor.Length, entry.Action.Length, entry.Target!.Length));
        Assert.StartsWith("jobs_dashboard.bbb", entry.Action, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyLedger_AuditsWhoAsked_AndWhatItFound()
    {
        await using (var db = database.OpenContext())
        {
            var result = await VerifyLedger.HandleAsync(db, database.Clock, "cli", CancellationToken.None);
            Assert.Null(result.FirstBreak);
        }

        await using var check = database.OpenContext();
        var audit = await check.AuditEntries.Where(a => a.Action == "ledger.verified").OrderBy(a => a.At).LastAsync();
        Assert.Equal(("cli", "intact events=0"), (audit.Actor, audit.Detail));
    }

    private async Task<Guid> CreateKeyAsync()
    {
        await using var db = database.OpenContext();
        return (await CreateApiKey.HandleAsync(db, database.Clock, "crm-sync", ApiKeyRole.Marketer, "cli", CancellationToken.None)).Id;
    }

    private async Task<Outcome<ApiKey>> RevokeAsync(Guid key)
    {
        await using var db = database.OpenContext();
        return await RevokeApiKey.HandleAsync(db, database.Clock, key, ApiKeyRole.Admin, "key:ops", CancellationToken.None);
    }

    private async Task<DateTimeOffset?> RevokedAtAsync(Guid key)
    {
        await using var db = database.OpenContext();
        return (await db.ApiKeys.SingleAsync(k => k.Id == key)).RevokedAt;
    }
}

public sealed class AccessUseCaseFacts_OnSqlite(SqliteDatabase database) : AccessUseCaseFacts<SqliteDatabase>(database);

public sealed class AccessUseCaseFacts_OnPostgres(PostgresDatabase database) : AccessUseCaseFacts<PostgresDatabase>(database);
