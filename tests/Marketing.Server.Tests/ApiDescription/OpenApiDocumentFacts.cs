using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.Web;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Marketing.Server.Tests.ApiDescription;

/// <summary>
/// The API described (issue 18, item 7): the OpenAPI document lists every admin and public route the host maps, reads
/// back as valid OpenAPI with no error, says how a key is sent and which problems each route answers; it and the
/// reference page are read by a key or a signed-in person only.
/// </summary>
public abstract class OpenApiDocumentFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    private const string DocumentPath = "/openapi/v1.json";

    [Fact]
    public async Task Document_ListsEveryApiRoute_TheHostMaps()
    {
        var document = await ReadAsync();
        var described = document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.ToString().ToUpperInvariant()} {p.Key.TrimEnd('/')}")).ToHashSet(StringComparer.Ordinal);

        var routes = ApiRoutes();
        var missing = routes.Where(r => !described.Contains(r)).ToList();

        Assert.True(missing.Count == 0, "Routes missing from the OpenAPI document:\n" + string.Join('\n', missing));
        // The scan itself found the API: a filter that lost every route would pass the check above.
        Assert.Contains("PUT /api/admin/sites/{id}", routes);
        Assert.Contains("GET /public/sites/{siteId}", routes);
        Assert.True(routes.Count > 60, $"only {routes.Count} API routes found");
    }

    [Fact]
    public async Task Document_LeavesTheWebAppsOwnRoutesOut()
    {
        var document = await ReadAsync();
        var paths = document.Paths.Keys.ToList();

        Assert.DoesNotContain(paths, p => p.StartsWith("/account", StringComparison.Ordinal) || p.StartsWith("/templates", StringComparison.Ordinal) || p.StartsWith("/openapi", StringComparison.Ordinal));
        Assert.DoesNotContain("/language", paths);
    }

    [Fact]
    public async Task Document_IsValidOpenApi_WithNoError()
    {
        var json = await DocumentTextAsync();

        var read = OpenApiDocument.Parse(json, "json");

        Assert.NotNull(read.Document);
        Assert.True(read.Diagnostic!.Errors.Count == 0, string.Join('\n', read.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.StartsWith("3.", read.Diagnostic.SpecificationVersion.ToString().Replace("OpenApi", "", StringComparison.Ordinal).Replace('_', '.'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminRoutes_NeedTheKey_AndDescribeItsRefusals_PublicRoutesNeedNone()
    {
        var json = JsonNode.Parse(await DocumentTextAsync())!;

        var schemes = json["components"]!["securitySchemes"]!;
        Assert.Equal("apiKey", (string?)schemes["ApiKey"]!["type"]);
        Assert.Equal("header", (string?)schemes["ApiKey"]!["in"]);
        Assert.Equal("X-Api-Key", (string?)schemes["ApiKey"]!["name"]);
        Assert.Equal("bearer", (string?)schemes["Bearer"]!["scheme"]);

        var put = json["paths"]!["/api/admin/sites/{id}"]!["put"]!;
        Assert.Equal(["ApiKey", "Bearer"], put["security"]!.AsArray().Select(r => r!.AsObject().Single().Key));
        Assert.Equal("is required", (string?)put["responses"]!["400"]!["content"]!["application/problem+json"]!["example"]!["errors"]!["name"]![0]);
        Assert.Equal(401, (int?)put["responses"]!["401"]!["content"]!["application/problem+json"]!["example"]!["status"]);
        Assert.Equal(403, (int?)put["responses"]!["403"]!["content"]!["application/problem+json"]!["example"]!["status"]);
        Assert.NotNull(put["responses"]!["404"]);

        var publicSite = json["paths"]!["/public/sites/{siteId}"]!["get"]!;
        Assert.Null(publicSite["security"]);
        Assert.Null(publicSite["responses"]!["401"]);
        Assert.NotNull(publicSite["responses"]!["404"]!["content"]!["application/problem+json"]);
    }

    [Fact]
    public async Task AnAdminWriteThatCanConflict_Describes409()
    {
        var json = JsonNode.Parse(await DocumentTextAsync())!;

        var conflicting = json["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Value?["responses"]?["409"] is not null).Select(o => $"{o.Key.ToUpperInvariant()} {p.Key.TrimEnd('/')}"))
            .ToList();

        Assert.Contains("DELETE /api/admin/suppressions/{id}", conflicting);
        Assert.DoesNotContain(conflicting, c => c.StartsWith("GET ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Document_IsReadWithAKeyOfAnyRole_OrASession_NeverAnonymously()
    {
        using var anonymous = WebSession.Anonymous(app);
        var refused = await anonymous.Client.GetAsync(DocumentPath);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var withKey = await marketer.GetAsync(DocumentPath);
        using var badKey = app.CreateClient();
        badKey.DefaultRequestHeaders.Add("X-Api-Key", "mk_not-a-key");
        var refusedKey = await badKey.GetAsync(DocumentPath);
        using var session = await WebSession.SignInAsync(app, await WebUsers.CreateAsync(app, ApiKeyRole.Marketer));
        var withSession = await session.Client.GetAsync(DocumentPath);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/sign-in", WebSession.PathOf(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedKey.StatusCode);
        Assert.Equal("application/problem+json", refusedKey.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, withSession.StatusCode);
    }

    [Fact]
    public async Task ReferencePage_NeedsASignIn_AndAllowsOnlyItsOwnScriptByNonce()
    {
        using var anonymous = WebSession.Anonymous(app);
        var refused = await anonymous.Client.GetAsync("/api-reference");
        using var session = await WebSession.SignInAsync(app, await WebUsers.CreateAsync(app, ApiKeyRole.Marketer));
        var page = await session.Client.GetAsync("/api-reference/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/sign-in", WebSession.PathOf(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "script-src 'self' 'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        var scripts = policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=\"http", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every admin and public route the host maps, from the endpoint data source (not from the document's own list),
    /// as METHOD and path; a route excluded from the description is still counted, so that excluding it fails.
    /// </summary>
    private List<string> ApiRoutes() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/admin", StringComparison.Ordinal) || raw.StartsWith("/public", StringComparison.Ordinal)))
        .Where(e => e.Metadata.GetMetadata<MethodInfo>() is not null)
        .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
            // CORS preflights are the framework's answer to a browser, not an operation.
            .Where(m => m != "OPTIONS")
            .Select(m => $"{m} {PathOf(e.RoutePattern)}"))
        .Distinct(StringComparer.Ordinal)
        .ToList();

    /// <summary>The path as OpenAPI writes it (constraints and optional marks dropped), without a <c>/</c> at the end on either side.</summary>
    private static string PathOf(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return ("/" + string.Join('/', segments)).TrimEnd('/');
    }

    private async Task<string> DocumentTextAsync()
    {
        using var client = await app.ClientAsAsync(ApiKeyRole.Admin);
        var response = await client.GetAsync(DocumentPath);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{(int)response.StatusCode}: {string.Join('\n', app.Logs.Entries.Where(e => e.Exception is not null).Select(e => e.ToString()))}");
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<OpenApiDocument> ReadAsync()
    {
        var read = OpenApiDocument.Parse(await DocumentTextAsync(), "json");
        return read.Document!;
    }
}

public sealed class OpenApiDocumentFacts_OnSqlite(SqliteApp app) : OpenApiDocumentFacts<SqliteApp>(app);

public sealed class OpenApiDocumentFacts_OnPostgres(PostgresApp app) : OpenApiDocumentFacts<PostgresApp>(app);
