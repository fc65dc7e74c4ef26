using Marketing.Common;
using Marketing.Diagnostics;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Diagnostics;

/// <summary>Recording a probe without HTTP: its delay's limits, and a refused delay records nothing.</summary>
public abstract class ScheduleProbeFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    [Theory]
    [InlineData(null, 5)]
    [InlineData(0, 0)]
    [InlineData(86_400, 86_400)]
    public async Task Schedule_IsDueAfterTheDelay_FiveSecondsUnlessSaid(int? delay, int expectedSeconds)
    {
        await using var db = database.OpenContext();

        var outcome = await ScheduleProbe.HandleAsync(db, database.Clock, delay, CancellationToken.None);

        await using var check = database.OpenContext();
        var stored = await check.ScheduledProbes.SingleAsync(p => p.Id == outcome.Value.Id);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), stored.DueAt - stored.RequestedAt);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(86_401)]
    public async Task Schedule_RefusesADelayOutsideADay_AndRecordsNothing(int delay)
    {
        await using var db = database.OpenContext();
        var before = await CountAsync();

        var outcome = await ScheduleProbe.HandleAsync(db, database.Clock, delay, CancellationToken.None);

        var invalid = Assert.IsType<Refusal.Invalid>(outcome.Refusal);
        Assert.Equal(["must be between 0 and 86400"], invalid.Errors["delaySeconds"]);
        Assert.Equal(before, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        await using var db = database.OpenContext();
        return await db.ScheduledProbes.CountAsync();
    }
}

public sealed class ScheduleProbeFacts_OnSqlite(SqliteDatabase database) : ScheduleProbeFacts<SqliteDatabase>(database);

public sealed class ScheduleProbeFacts_OnPostgres(PostgresDatabase database) : ScheduleProbeFacts<PostgresDatabase>(database);
