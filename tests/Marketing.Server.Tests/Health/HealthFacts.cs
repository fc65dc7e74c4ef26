using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Health;

public abstract class HealthFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Live_Returns200_WithoutAKey()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_ChecksTheDatabaseAndTheJobStorage()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("jobs").GetString());
    }
}

public sealed class HealthFacts_OnSqlite(SqliteApp app) : HealthFacts<SqliteApp>(app);

public sealed class HealthFacts_OnPostgres(PostgresApp app) : HealthFacts<PostgresApp>(app);
