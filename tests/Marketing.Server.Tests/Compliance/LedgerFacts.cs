using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
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

    /// <summary>
    /// Each stored column of a ledger row, rewritten in the database (R15, invariant 2): verification names that row.
    /// The middle event of a chain of three is rewritten, so that a check of the last event alone would miss it;
    /// the sequence is rewritten on the last event, where a new number leaves no gap before it.
    /// </summary>
    [Theory]
    [InlineData(nameof(ConsentEvent.PreviousHash), "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(nameof(ConsentEvent.Id), "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d")]
    [InlineData(nameof(ConsentEvent.PersonId), "00000000-0000-0000-0000-000000000000")]
    [InlineData(nameof(ConsentEvent.Sequence), "4")]
    [InlineData(nameof(ConsentEvent.Identifier), "someone.else@example.com")]
    [InlineData(nameof(ConsentEvent.IdentifierType), "email")]
    [InlineData(nameof(ConsentEvent.PurposeId), "22222222-3333-4444-8555-666666666667")]
    [InlineData(nameof(ConsentEvent.PurposeKey), "partners")]
    [InlineData(nameof(ConsentEvent.Channel), "email")]
    [InlineData(nameof(ConsentEvent.Regime), "fr-b2b")]
    [InlineData(nameof(ConsentEvent.Status), ConsentStatuses.Granted)]
    [InlineData(nameof(ConsentEvent.Method), ConsentMethods.ApiImport)]
    [InlineData(nameof(ConsentEvent.OccurredAt), "2020-01-01T00:00:00.000+00:00")]
    [InlineData(nameof(ConsentEvent.LocalOffsetMinutes), "-300")]
    [InlineData(nameof(ConsentEvent.LocalOffsetMinutes), null)]
    [InlineData(nameof(ConsentEvent.NoticeVersionId), "33333333-4444-4555-8666-777777777778")]
    [InlineData(nameof(ConsentEvent.NoticeVersion), "99")]
    [InlineData(nameof(ConsentEvent.NoticeSha256), "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9825")]
    [InlineData(nameof(ConsentEvent.Locale), "de")]
    [InlineData(nameof(ConsentEvent.FormId), "other-form")]
    [InlineData(nameof(ConsentEvent.FormVersion), "99")]
    [InlineData(nameof(ConsentEvent.PrivacyNoticeVersionId), "44444444-5555-4666-8777-888888888889")]
    [InlineData(nameof(ConsentEvent.PrivacyNoticeVersion), "99")]
    [InlineData(nameof(ConsentEvent.PageUrl), "https://www.acme.example/other")]
    [InlineData(nameof(ConsentEvent.Referrer), "https://elsewhere.example/")]
    [InlineData(nameof(ConsentEvent.IpAddress), "198.51.100.66")]
    [InlineData(nameof(ConsentEvent.IpAddress), null)]
    [InlineData(nameof(ConsentEvent.UserAgent), "curl/8.0")]
    [InlineData(nameof(ConsentEvent.SubmissionId), "55555555-6666-4777-8888-99999999999a")]
    [InlineData(nameof(ConsentEvent.Source), "Partner Ltd")]
    [InlineData(nameof(ConsentEvent.BasisReference), "LIA-2026-07")]
    [InlineData(nameof(ConsentEvent.Hash), "1111111111111111111111111111111111111111111111111111111111111111")]
    [InlineData(nameof(ConsentEvent.HashVersion), "1")]
    [InlineData(nameof(ConsentEvent.PersonalSalt), "1111111111111111111111111111111111111111111111111111111111111111")]
    [InlineData(nameof(ConsentEvent.PersonalSalt), null)]
    [InlineData(nameof(ConsentEvent.PersonalDigest), "2222222222222222222222222222222222222222222222222222222222222222")]
    [InlineData(nameof(ConsentEvent.ErasedAt), "2020-01-01T00:00:00.000+00:00")]
    [InlineData(nameof(ConsentEvent.ErasureSeal), "3333333333333333333333333333333333333333333333333333333333333333")]
    public async Task RewritingAnyColumnOfALedgerRow_MakesVerifyNameThatRow(string field, string? value)
    {
        var (personId, chain) = await ChainOfThreeAsync();
        var victim = chain[field == nameof(ConsentEvent.Sequence) ? 2 : 1];
        var entity = app.InScope(db => db.Model.FindEntityType(typeof(ConsentEvent))!);
        var property = entity.FindProperty(field)!;
        var original = property.GetGetter().GetClrValue(victim);
        var tampered = Parse(value, property.ClrType);
        var rowId = field == nameof(ConsentEvent.Id) ? (Guid)tampered! : victim.Id;
        Assert.NotEqual(original, tampered);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        await SetColumnAsync(property, tampered, victim.Id);
        try
        {
            var result = await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify");

            Assert.False(result.GetProperty("intact").GetBoolean());
            var found = result.GetProperty("firstBreak");
            Assert.Equal(rowId, found.GetProperty("eventId").GetGuid());
            Assert.Equal(field == nameof(ConsentEvent.PersonId) ? Guid.Empty : personId, found.GetProperty("personId").GetGuid());
        }
        finally
        {
            await SetColumnAsync(property, original, rowId);
        }

        Assert.True((await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify")).GetProperty("intact").GetBoolean());
    }

    /// <summary>A column added to the ledger but not to the table above fails here.</summary>
    [Fact]
    public void TheRewriteTable_NamesEveryColumnOfTheLedger()
    {
        var rewritten = typeof(LedgerFacts<TApp>).GetMethod(nameof(RewritingAnyColumnOfALedgerRow_MakesVerifyNameThatRow))!
            .GetCustomAttributes<InlineDataAttribute>().Select(a => (string)a.GetData(null!).Single()[0]).ToHashSet();
        var stored = app.InScope(db => db.Model.FindEntityType(typeof(ConsentEvent))!.GetProperties().Select(p => p.Name).ToHashSet());

        Assert.Equal(stored.Order(StringComparer.Ordinal), rewritten.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeletingAnEventFromTheMiddleOfAChain_IsDetected_AtTheEventAfterTheGap()
    {
        var (personId, chain) = await ChainOfThreeAsync();
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        await ExecuteSqlAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM consent_events WHERE id = {chain[1].Id}"));
        try
        {
            var result = await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify");

            Assert.False(result.GetProperty("intact").GetBoolean());
            var found = result.GetProperty("firstBreak");
            Assert.Equal((chain[2].Id, personId, 3L), (found.GetProperty("eventId").GetGuid(), found.GetProperty("personId").GetGuid(), found.GetProperty("sequence").GetInt64()));
            Assert.Contains("missing", found.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteSqlAsync(async db =>
            {
                db.ConsentEvents.Add(chain[1]);
                return await db.SaveChangesAsync();
            });
        }

        Assert.True((await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify")).GetProperty("intact").GetBoolean());
    }

    /// <summary>A sign-up to both purposes (events 1 and 2, every optional field set), then a withdrawal of the newsletter (event 3).</summary>
    private async Task<(Guid PersonId, List<ConsentEvent> Chain)> ChainOfThreeAsync()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var email = $"chain.{Guid.NewGuid():N}@example.com";
        // Each chain from its own address: the submission rate limit counts per address.
        await scenario.SubmitAsync(browser, email, [scenario.Newsletter, scenario.Sms], $"198.18.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        var personId = app.InScope(db => db.People.Single(p => p.Email == email).Id);
        await app.InScopeAsync(db => Withdraw.HandleAsync(db, TimeProvider.System, personId, "chain-facts", ChannelKeys.Email, scenario.Newsletter,
            new ConsentAction(DateTimeOffset.UtcNow, ConsentMethods.UnsubscribeLink, "198.51.100.7", "LedgerFacts/1.0", null), "test", CancellationToken.None));
        var chain = app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Sequence).ToList());
        Assert.Equal([1L, 2L, 3L], chain.Select(e => e.Sequence));
        return (personId, chain);
    }

    private static object? Parse(string? value, Type type) => value is null ? null : (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(Guid) => Guid.Parse(value),
        var t when t == typeof(long) => long.Parse(value, CultureInfo.InvariantCulture),
        var t when t == typeof(int) => int.Parse(value, CultureInfo.InvariantCulture),
        var t when t == typeof(DateTimeOffset) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>A hand in the database: one column of one row rewritten, the value stored as the engine stores that column's type.</summary>
    private Task SetColumnAsync(IProperty property, object? value, Guid id) =>
        ExecuteSqlAsync(db =>
        {
            var column = property.GetColumnName();
            var stored = value is not null && property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
#pragma warning disable EF1003 // the column name comes from the EF model, never from input; the values are parameters
            return stored is null
                ? db.Database.ExecuteSqlRawAsync("UPDATE consent_events SET " + column + " = NULL WHERE id = {0}", id)
                : db.Database.ExecuteSqlRawAsync("UPDATE consent_events SET " + column + " = {0} WHERE id = {1}", stored, id);
#pragma warning restore EF1003
        });

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

    /// <summary>
    /// The state kept as events are appended, and the one rebuilt from the ledger alone, are both what the events say:
    /// after a sign-up to both purposes and a withdrawal from the newsletter, the newsletter rests on the withdrawal
    /// and the SMS offers on their pending sign-up.
    /// </summary>
    [Fact]
    public async Task CurrentState_AndItsRebuildFromTheLedger_AreWhatTheEventsSay()
    {
        var (personId, chain) = await ChainOfThreeAsync();
        var expected = new List<string>
        {
            $"{chain[1].PurposeId}/sms={ConsentStatuses.PendingConfirmation}@{chain[1].Id}",
            $"{chain[2].PurposeId}/email={ConsentStatuses.Withdrawn}@{chain[2].Id}",
        }.Order(StringComparer.Ordinal);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var rebuilt = await ConsentProjection.RebuildAsync(db, CancellationToken.None);
        var stored = await db.ConsentStates.AsNoTracking().ToListAsync();

        Assert.Equal([ConsentStatuses.PendingConfirmation, ConsentStatuses.PendingConfirmation, ConsentStatuses.Withdrawn], chain.Select(e => e.Status));
        Assert.Equal(chain[0].PurposeId, chain[2].PurposeId);
        Assert.Equal(expected, Describe(stored.Where(s => s.PersonId == personId)));
        Assert.Equal(expected, Describe(rebuilt.Where(s => s.PersonId == personId)));
        Assert.Equal(Describe(rebuilt, withPerson: true), Describe(stored, withPerson: true));
    }

    private static List<string> Describe(IEnumerable<ConsentState> states, bool withPerson = false) =>
        [.. states.Select(s => $"{(withPerson ? $"{s.PersonId}/" : "")}{s.PurposeId}/{s.Channel}={s.Status}@{s.LastEventId}").Order(StringComparer.Ordinal)];

    private async Task ExecuteSqlAsync(Func<MarketingDbContext, Task<int>> statement)
    {
        using var scope = app.Services.CreateScope();
        await statement(scope.ServiceProvider.GetRequiredService<MarketingDbContext>());
    }
}

public sealed class LedgerFacts_OnSqlite(SqliteApp app) : LedgerFacts<SqliteApp>(app);

public sealed class LedgerFacts_OnPostgres(PostgresApp app) : LedgerFacts<PostgresApp>(app);
