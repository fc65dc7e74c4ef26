using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Compliance;

public abstract class LedgerFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Verify_ReportsAnIntactLedger_AfterSubmissions()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        await scenario.SubmitAsync(browser, $"a.{Guid.NewGuid():N}@example.com", [scenario.Newsletter, scenario.Sms]);
        await scenario.SubmitAsync(browser, $"b.{Guid.NewGuid():N}@example.com", [scenario.Newsletter]);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var result = await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify");

        Assert.True(result.GetProperty("intact").GetBoolean());
        Assert.True(result.GetProperty("eventsChecked").GetInt64() >= 3);
    }

    [Fact]
    public async Task AlteringARowWithSql_MakesVerifyNameThatRow()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var email = $"tamper.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(browser, email, [scenario.Newsletter, scenario.Sms]);
        var victim = app.InScope(db => db.ConsentEvents.Single(e => e.Identifier == email && e.Sequence == 1));
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        await ExecuteSqlAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE consent_events SET ip_address = {"198.51.100.66"} WHERE id = {victim.Id}"));
        try
        {
            var result = await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify");

            Assert.False(result.GetProperty("intact").GetBoolean());
            Assert.Equal(victim.Id, result.GetProperty("firstBreak").GetProperty("eventId").GetGuid());
            Assert.Contains("altered", result.GetProperty("firstBreak").GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteSqlAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE consent_events SET ip_address = {victim.IpAddress} WHERE id = {victim.Id}"));
        }

        Assert.True((await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task DeletingAPersonsLastEvent_IsDetected()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var email = $"cut.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(browser, email, [scenario.Newsletter, scenario.Sms]);
        var personId = app.InScope(db => db.People.Single(p => p.Email == email).Id);
        var last = app.InScope(db => db.ConsentEvents.AsNoTracking().Single(e => e.PersonId == personId && e.Sequence == 2));
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        await ExecuteSqlAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM consent_events WHERE id = {last.Id}"));
        try
        {
            var result = await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify");

            Assert.False(result.GetProperty("intact").GetBoolean());
            Assert.Equal(last.PersonId, result.GetProperty("firstBreak").GetProperty("personId").GetGuid());
            Assert.Contains("removed", result.GetProperty("firstBreak").GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteSqlAsync(async db =>
            {
                db.ConsentEvents.Add(last);
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task TheApplication_RefusesToUpdateOrDeleteALedgerRow()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var email = $"frozen.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(browser, email, [scenario.Newsletter]);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var stored = await db.ConsentEvents.SingleAsync(e => e.Identifier == email);

        db.Entry(stored).Property(e => e.Status).CurrentValue = ConsentStatuses.Confirmed;
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
        db.Entry(stored).State = EntityState.Deleted;
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());

        Assert.Equal(ConsentStatuses.PendingConfirmation, app.InScope(d => d.ConsentEvents.Single(e => e.Identifier == email).Status));
    }

    [Fact]
    public async Task CurrentState_IsTheProjectionOfTheLedger()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var email = $"state.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(browser, email, [scenario.Newsletter, scenario.Sms]);
        await scenario.SubmitAsync(browser, email, [scenario.Sms]);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var rebuilt = await ConsentProjection.RebuildAsync(db, CancellationToken.None);
        var stored = await db.ConsentStates.AsNoTracking().ToListAsync();

        Assert.Equal(Describe(rebuilt), Describe(stored));
        var person = await db.People.SingleAsync(p => p.Email == email);
        Assert.Equal(2, stored.Count(s => s.PersonId == person.Id));
    }

    private static List<string> Describe(IEnumerable<ConsentState> states) =>
        [.. states.Select(s => $"{s.PersonId}/{s.PurposeId}/{s.Channel}={s.Status}@{s.LastEventId}").Order(StringComparer.Ordinal)];

    private async Task ExecuteSqlAsync(Func<MarketingDbContext, Task<int>> statement)
    {
        using var scope = app.Services.CreateScope();
        await statement(scope.ServiceProvider.GetRequiredService<MarketingDbContext>());
    }
}

public sealed class LedgerFacts_OnSqlite(SqliteApp app) : LedgerFacts<SqliteApp>(app);

public sealed class LedgerFacts_OnPostgres(PostgresApp app) : LedgerFacts<PostgresApp>(app);
