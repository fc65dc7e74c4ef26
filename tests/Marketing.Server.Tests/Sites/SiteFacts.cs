using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Sites;

public abstract class SiteFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task PutSite_CreatesThenReplaces_WithNormalisedOrigins()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var created = await admin.PutAsJsonAsync("/api/admin/sites/shop", new { name = "Shop", origins = new[] { "https://Shop.Example/" } });
        var replaced = await admin.PutAsJsonAsync("/api/admin/sites/shop", new { name = "Shop EU", origins = new[] { "https://eu.shop.example", "http://localhost:3000" } });
        var site = await replaced.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Shop EU", site.GetProperty("name").GetString());
        Assert.Equal(["https://eu.shop.example", "http://localhost:3000"], site.GetProperty("origins").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task PutSite_Returns400NamingTheBadOrigin_AndKeepsTheStoredSite()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        await admin.PutAsJsonAsync("/api/admin/sites/kept", new { name = "Kept", origins = new[] { "https://kept.example" } });

        var response = await admin.PutAsJsonAsync("/api/admin/sites/kept", new { name = "Changed", origins = new[] { "https://ok.example", "https://bad.example/path" } });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("origins[1]", out _));
        var stored = await admin.GetFromJsonAsync<JsonElement>("/api/admin/sites/kept");
        Assert.Equal("Kept", stored.GetProperty("name").GetString());
    }

    [Fact]
    public async Task PutSite_IsAdminOnly_ButMarketersMayRead()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        await admin.PutAsJsonAsync("/api/admin/sites/readable", new { name = "Readable", origins = Array.Empty<string>() });

        var write = await marketer.PutAsJsonAsync("/api/admin/sites/readable", new { name = "Mine now", origins = Array.Empty<string>() });
        var read = await marketer.GetAsync("/api/admin/sites/readable");

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task PublicSite_AllowsOnlyTheSitesOwnOrigins()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        await admin.PutAsJsonAsync("/api/admin/sites/cors", new { name = "Cors", origins = new[] { "https://www.cors.example" } });
        using var browser = app.CreateClient();

        var allowed = await GetWithOrigin(browser, "/public/sites/cors", "https://www.cors.example");
        var foreign = await GetWithOrigin(browser, "/public/sites/cors", "https://evil.example");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("https://www.cors.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task PublicSite_AnswersThePreflightOfAnAllowedOrigin()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        await admin.PutAsJsonAsync("/api/admin/sites/preflight", new { name = "Preflight", origins = new[] { "https://pre.example" } });
        using var browser = app.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/public/sites/preflight");
        preflight.Headers.Add("Origin", "https://pre.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await browser.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://pre.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("content-type", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PublicSite_Returns404Problem_ForAnUnknownSite()
    {
        using var browser = app.CreateClient();

        var response = await browser.GetAsync("/public/sites/nobody");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> GetWithOrigin(HttpClient client, string path, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }
}

public sealed class SiteFacts_OnSqlite(SqliteApp app) : SiteFacts<SqliteApp>(app);

public sealed class SiteFacts_OnPostgres(PostgresApp app) : SiteFacts<PostgresApp>(app);
