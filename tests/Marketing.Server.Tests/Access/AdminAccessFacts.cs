using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Access;

public abstract class AdminAccessFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task AdminApi_Returns401WithProblem_WhenNoKeyIsSent()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/admin/keys");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("mk_aaaaaaaaaa_wrongsecretwrongsecretwrongsecret")]
    public async Task AdminApi_Returns401_WhenTheKeyIsWrong(string key)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var response = await client.GetAsync("/api/admin/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminApi_Returns200_ForAnAdminKey()
    {
        using var client = await app.ClientAsAsync(ApiKeyRole.Admin);

        var response = await client.GetAsync("/api/admin/keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdminOnlyRoute_Returns403_ForAMarketerKey()
    {
        using var client = await app.ClientAsAsync(ApiKeyRole.Marketer);

        var response = await client.GetAsync("/api/admin/keys");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(ApiKeyRole.Marketer, "marketer")]
    [InlineData(ApiKeyRole.Compliance, "compliance")]
    public async Task Me_NamesTheRoleOfTheKey(ApiKeyRole role, string expected)
    {
        using var client = await app.ClientAsAsync(role);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/admin/me");

        Assert.Equal(expected, me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task XApiKeyHeader_IsAcceptedLikeBearer()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await app.CreateKeyAsync(ApiKeyRole.Admin));

        var response = await client.GetAsync("/api/admin/keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreatedKey_WorksOnce_AndIsStoredOnlyAsAHash()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var response = await admin.PostAsJsonAsync("/api/admin/keys", new { name = "crm-sync", role = "marketer" });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var marketer = app.CreateClient();
        marketer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await marketer.GetAsync("/api/admin/me")).StatusCode);
        var stored = app.InScope(db => db.ApiKeys.Single(k => k.Name == "crm-sync"));
        Assert.DoesNotContain(key, System.Text.Encoding.UTF8.GetString(stored.SecretHash), StringComparison.Ordinal);
        Assert.Equal(32, stored.SecretHash.Length);
        var listed = await admin.GetStringAsync("/api/admin/keys");
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedKey_IsRefusedAtOnce_AndTheRevocationIsAudited()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/admin/keys", new { name = "to-revoke", role = "compliance" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var revoked = app.CreateClient();
        revoked.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("key").GetString());

        var revoke = await admin.DeleteAsync($"/api/admin/keys/{created.GetProperty("id").GetGuid()}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/api/admin/me")).StatusCode);
        var id = created.GetProperty("id").GetGuid().ToString();
        Assert.True(app.InScope(db => db.AuditEntries.Any(a => a.Action == "api_key.revoked" && a.Target == id && a.Actor == "key:test-Admin")));
    }

    [Fact]
    public async Task CreateKey_Returns400NamingEachBadField_AndStoresNothing()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var before = app.InScope(db => db.ApiKeys.Count());

        var response = await admin.PostAsJsonAsync("/api/admin/keys", new { name = "", role = "owner" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("role", out _));
        Assert.Equal(before, app.InScope(db => db.ApiKeys.Count()));
    }
}

public sealed class AdminAccessFacts_OnSqlite(SqliteApp app) : AdminAccessFacts<SqliteApp>(app);

public sealed class AdminAccessFacts_OnPostgres(PostgresApp app) : AdminAccessFacts<PostgresApp>(app);
