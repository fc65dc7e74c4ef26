using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Capture;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Tests.Consent;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Sites;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Capture;

/// <summary>The engine with a <see cref="SaveGate"/> on its database context, to make two writes meet.</summary>
public abstract class RacingApp(DatabaseProvider provider) : MarketingApp(provider)
{
    public SaveGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<MarketingDbContext>(o => o.AddInterceptors(Gate)));
    }
}

public sealed class SqliteRacingApp() : RacingApp(DatabaseProvider.Sqlite);

public sealed class PostgresRacingApp() : RacingApp(DatabaseProvider.Postgres);

/// <summary>
/// Two admin writes of the same thing at the same instant: the unique index keeps one, and the
/// other is answered 409 with a problem, never 500. Tests are serial within a class, so one gate serves them all.
/// </summary>
public abstract class ConcurrentWriteFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : RacingApp
{
    [Fact]
    public async Task TwoPublishesOfAFormAtOnce_KeepOneVersion_AndAnswerTheOther409()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        app.Gate.Arm<FormVersion>(2);

        var answers = await Task.WhenAll(scenario.PublishAsync(), scenario.PublishAsync());

        await AssertOneKeptOneConflictAsync(answers);
        // The scenario published version 1; the race adds one version, not two.
        Assert.Equal(2, await app.InScopeAsync(db => db.FormVersions.CountAsync(v => v.FormId == scenario.Form)));
    }

    [Fact]
    public async Task TwoPublishesOfABannerAtOnce_KeepOneVersion_AndAnswerTheOther409()
    {
        var scenario = await BannerScenario.CreateAsync(app);
        (await scenario.Admin.PutAsJsonAsync(scenario.AdminPath, new { definition = BannerScenario.Definition(renewAfterDays: 90) })).EnsureSuccessStatusCode();
        app.Gate.Arm<BannerVersion>(2);

        var answers = await Task.WhenAll(scenario.Admin.PostAsync($"{scenario.AdminPath}/publish", null), scenario.Admin.PostAsync($"{scenario.AdminPath}/publish", null));

        await AssertOneKeptOneConflictAsync(answers);
        Assert.Equal(2, await app.InScopeAsync(db => db.BannerVersions.CountAsync(v => v.SiteId == scenario.Site)));
    }

    [Fact]
    public async Task TwoCreationsOfASiteAtOnce_KeepOne_AndAnswerTheOther409()
    {
        using var admin = await app.ClientAsAsync(Marketing.Access.ApiKeyRole.Admin);
        var site = $"race-{Guid.NewGuid():N}"[..20];
        app.Gate.Arm<Site>(2);

        var answers = await Task.WhenAll(
            admin.PutAsJsonAsync($"/api/admin/sites/{site}", new { name = "One", origins = Array.Empty<string>() }),
            admin.PutAsJsonAsync($"/api/admin/sites/{site}", new { name = "Two", origins = Array.Empty<string>() }));

        await AssertOneKeptOneConflictAsync(answers);
        Assert.Equal(1, await app.InScopeAsync(db => db.Sites.CountAsync(s => s.Id == site)));
    }

    private static async Task AssertOneKeptOneConflictAsync(HttpResponseMessage[] answers)
    {
        var statuses = answers.Select(a => a.StatusCode).Order().ToList();
        var bodies = string.Join(" / ", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())));
        Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Conflict]), $"{string.Join(", ", statuses)}: {bodies}");
        var conflict = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        Assert.Equal(409, (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }
}

public sealed class ConcurrentWriteFacts_OnSqlite(SqliteRacingApp app) : ConcurrentWriteFacts<SqliteRacingApp>(app);

public sealed class ConcurrentWriteFacts_OnPostgres(PostgresRacingApp app) : ConcurrentWriteFacts<PostgresRacingApp>(app);
