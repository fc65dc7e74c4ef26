using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.PublicEndpoints.Properties;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.PublicEndpoints;

/// <summary>
/// Each bad input found by hand: a 4xx problem naming what is wrong, and not one row
/// changed in any table, on either provider.
/// </summary>
public abstract class HostileInputFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : HostileApp
{
    [Fact]
    public async Task Submit_IsRefused400NamingTheField_WhenAJsonStringHoldsInvalidUtf8()
    {
        var world = await PublicWorld.OfAsync(app);
        var body = await WidgetJsonAsync(world, "PAGE_URL");
        var bytes = Encoding.UTF8.GetBytes(body);
        var at = body.IndexOf("PAGE_URL", StringComparison.Ordinal);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        var (response, changes) = await PostAsync(world.Capture.SubmitPath, new ByteArrayContent(bytes), "application/json");

        await AssertRefusedAsync(response, changes, HttpStatusCode.BadRequest, "context.pageUrl");
    }

    [Fact]
    public async Task Submit_IsRefused400NamingTheField_WhenAFreeTextFieldHoldsANul()
    {
        var world = await PublicWorld.OfAsync(app);
        var body = (await WidgetJsonAsync(world, "PAGE_URL")).Replace("PAGE_URL", "https://www.acme.example/a\\u0000b", StringComparison.Ordinal);

        var (response, changes) = await PostAsync(world.Capture.SubmitPath, new StringContent(body), "application/json");

        await AssertRefusedAsync(response, changes, HttpStatusCode.BadRequest, "context.pageUrl");
    }

    [Fact]
    public async Task Submit_IsRefused400NamingTheField_WhenAFormValueHoldsANul()
    {
        var world = await PublicWorld.OfAsync(app);
        var form = new Dictionary<string, string>
        {
            ["_form_version"] = "1", ["email"] = $"nul.{Guid.NewGuid():N}@example.com", ["first_name"] = "Ja\0ne",
        };

        var (response, changes) = await PostAsync(world.Capture.SubmitPath, new FormUrlEncodedContent(form), null);

        await AssertRefusedAsync(response, changes, HttpStatusCode.BadRequest, "first_name");
    }

    [Theory]
    [InlineData("{\"formVersion\":2,\"formVersion\":1,\"fields\":{}}", "formVersion")]
    [InlineData("{\"formVersion\":1,\"fields\":{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}}", "email")]
    [InlineData("{\"formVersion\":1,\"consents\":[],\"consents\":[\"x\"],\"fields\":{}}", "consents")]
    [InlineData("{\"formVersion\":1,\"fields\":{},\"context\":{\"utm\":{\"source\":\"a\",\"source\":\"b\"}}}", "source")]
    public async Task Submit_IsRefused400NamingTheKey_WhenAKeyIsGivenTwice(string body, string key)
    {
        var world = await PublicWorld.OfAsync(app);

        var (response, changes) = await PostAsync(world.Capture.SubmitPath, new StringContent(body), "application/json");

        await AssertRefusedAsync(response, changes, HttpStatusCode.BadRequest, key);
    }

    [Fact]
    public async Task CookieConsentRecord_IsRefused400NamingTheKey_WhenAKeyIsGivenTwice()
    {
        var world = await PublicWorld.OfAsync(app);
        var body = $"{{\"version\":{world.BannerVersion},\"version\":{world.BannerVersion},\"categories\":{{\"analytics\":true}}}}";

        var (response, changes) = await PostAsync($"/public/sites/{world.Site}/consent/records", new StringContent(body), "application/json");

        await AssertRefusedAsync(response, changes, HttpStatusCode.BadRequest, "version");
    }

    [Fact]
    public async Task Submit_IsRefused413_ForAChunkedBodyOverTheLimit()
    {
        var world = await PublicWorld.OfAsync(app);
        var json = $"{{\"formVersion\":1,\"fields\":{{\"first_name\":\"{new string('x', HostileApp.MaxBodyBytes * 2)}\"}}}}";
        // No length: sent chunked, so only reading past the limit can tell.
        var content = new StreamContent(new ForwardOnly(Encoding.UTF8.GetBytes(json)));

        var (response, changes) = await PostAsync(world.Capture.SubmitPath, content, "application/json");

        Assert.Null(content.Headers.ContentLength);
        await AssertRefusedAsync(response, changes, HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Submit_IsRefused413_ForABodyWhoseLengthIsOverTheLimit()
    {
        var world = await PublicWorld.OfAsync(app);
        var json = $"{{\"formVersion\":1,\"fields\":{{\"first_name\":\"{new string('x', HostileApp.MaxBodyBytes * 2)}\"}}}}";

        var (response, changes) = await PostAsync(world.Capture.SubmitPath, new StringContent(json), "application/json");

        await AssertRefusedAsync(response, changes, HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Submit_IsRefused413NamingTheLimit_ForAFormOfMoreThan1024Values()
    {
        var world = await PublicWorld.OfAsync(app);
        var form = string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=1"));

        var (response, changes) = await PostAsync(world.Capture.SubmitPath, new StringContent(form), "application/x-www-form-urlencoded");

        var problem = await AssertRefusedAsync(response, changes, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Contains("1024", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_IsRefused413NamingTheLimit_ForAFormKeyLongerThan2048Characters()
    {
        var world = await PublicWorld.OfAsync(app);

        var (response, changes) = await PostAsync(world.Capture.SubmitPath, new StringContent($"{new string('k', 3000)}=1"), "application/x-www-form-urlencoded");

        var problem = await AssertRefusedAsync(response, changes, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Contains("2048", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Submit_IsRefused415NamingTheAcceptedTypes_ForAnUndocumentedContentType(string contentType)
    {
        var world = await PublicWorld.OfAsync(app);
        var body = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x--\r\n";

        var (response, changes) = await PostAsync(world.Capture.SubmitPath, new StringContent(body), contentType);

        var problem = await AssertRefusedAsync(response, changes, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        Assert.Contains("application/json", problem, StringComparison.Ordinal);
        Assert.Contains("application/x-www-form-urlencoded", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_IsRefused415_ForACompressedBody()
    {
        var world = await PublicWorld.OfAsync(app);
        var content = new StringContent(await WidgetJsonAsync(world, "https://www.acme.example/"));
        content.Headers.ContentEncoding.Add("gzip");

        var (response, changes) = await PostAsync(world.Capture.SubmitPath, content, "application/json");

        await AssertRefusedAsync(response, changes, HttpStatusCode.UnsupportedMediaType, "Content-Encoding");
    }

    [Fact]
    public async Task OneClickUnsubscribe_IsRefused400_AndUnsubscribesNobody_WhenMultipartHasNoBoundary()
    {
        var world = await PublicWorld.OfAsync(app);
        var (_, personId, token) = await world.NewSubscriberAsync();

        var (response, changes) = await PostAsync($"/email/unsubscribe/{token}", new StringContent("List-Unsubscribe=One-Click"), "multipart/form-data");

        await AssertRefusedAsync(response, changes, HttpStatusCode.BadRequest, "body");
        Assert.DoesNotContain(await StatusesAsync(personId), s => s == "withdrawn");
    }

    [Fact]
    public async Task OneClickUnsubscribe_Unsubscribes_ForAValidRfc8058MultipartPost()
    {
        var world = await PublicWorld.OfAsync(app);
        var (_, personId, token) = await world.NewSubscriberAsync();
        var content = new MultipartFormDataContent("rfc8058") { { new StringContent("One-Click"), "List-Unsubscribe" } };

        using var client = app.Client();
        var response = await client.PostAsync($"/email/unsubscribe/{token}", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("withdrawn", await StatusesAsync(personId));
        var method = await app.InScopeAsync(db => db.ConsentEvents.Where(e => e.PersonId == personId && e.Status == "withdrawn").Select(e => e.Method).SingleAsync());
        Assert.Equal("one_click_unsubscribe", method);
    }

    [Fact]
    public async Task OneClickUnsubscribe_IsRefused415_AndUnsubscribesNobody_WhenItCarriesAFile()
    {
        var world = await PublicWorld.OfAsync(app);
        var (_, personId, token) = await world.NewSubscriberAsync();
        var content = new MultipartFormDataContent("f")
        {
            { new StringContent("One-Click"), "List-Unsubscribe" },
            { new ByteArrayContent([1, 2, 3]), "upload", "a.bin" },
        };

        var (response, changes) = await PostAsync($"/email/unsubscribe/{token}", content, null);

        await AssertRefusedAsync(response, changes, HttpStatusCode.UnsupportedMediaType, "upload");
        Assert.DoesNotContain(await StatusesAsync(personId), s => s == "withdrawn");
    }

    [Theory]
    [InlineData("/api/admin/sites", "text/html")]
    [InlineData("/api/admin/sites", "text/plain")]
    public async Task Unauthorised_IsAnswered401WithAProblem_WhateverTheAcceptHeader(string path, string accept)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/admin/keys", "text/html")]
    [InlineData("/api/admin/keys", "text/plain")]
    public async Task Forbidden_IsAnswered403WithAProblem_WhateverTheAcceptHeader(string path, string accept)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateKeyAsync(Marketing.Access.ApiKeyRole.Marketer));
        request.Headers.Accept.ParseAdd(accept);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{\"name\":\"A\",\"name\":\"B\",\"origins\":[]}", "name")]
    [InlineData("{\"name\":5,\"origins\":[]}", "name")]
    [InlineData("{\"name\":\"A\",\"origins\":\"https://a.example\"}", "origins")]
    [InlineData("{\"name\":\"A\\u0000\",\"origins\":[]}", "name")]
    [InlineData("{\"name\":\"A\",\"origins\":[\"https://a.example\"", "body")]
    public async Task AdminWrite_IsRefused400NamingTheField_ForAnAmbiguousOrMistypedBody(string body, string field)
    {
        var world = await PublicWorld.OfAsync(app);
        var before = await app.CountsAsync();

        var response = await world.Admin.PutAsync($"/api/admin/sites/s-{Guid.NewGuid():N}"[..30], new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertRefusedAsync(response, TableCounts.Changes(before, await app.CountsAsync()), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AdminWrite_IsRefused415_ForAFormBody()
    {
        var world = await PublicWorld.OfAsync(app);
        var before = await app.CountsAsync();

        var response = await world.Admin.PutAsync("/api/admin/sites/form-body", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "A" }));

        var problem = await AssertRefusedAsync(response, TableCounts.Changes(before, await app.CountsAsync()), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        Assert.True(problem.Contains("application/json", StringComparison.Ordinal), problem);
    }

    [Fact]
    public async Task Lookup_IsRefused400NamingTheParameter_WhenAQueryValueHoldsANul()
    {
        var world = await PublicWorld.OfAsync(app);
        var before = await app.CountsAsync();

        var response = await world.Admin.GetAsync("/api/admin/people?phone=%2B336%0012345678");

        await AssertRefusedAsync(response, TableCounts.Changes(before, await app.CountsAsync()), HttpStatusCode.BadRequest, "phone");
    }

    private async Task<(HttpResponseMessage Response, IReadOnlyDictionary<string, string> Changes)> PostAsync(string path, HttpContent content, string? contentType)
    {
        if (contentType is not null)
        {
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var client = app.Client();
        client.DefaultRequestHeaders.Add("Origin", CaptureOrigin);
        var before = await app.CountsAsync();
        var response = await client.PostAsync(path, content);
        return (response, TableCounts.Changes(before, await app.CountsAsync()));
    }

    private const string CaptureOrigin = "https://www.acme.example";

    /// <summary>Asserts the status, a problem naming the field, and no table changed; returns the problem's text.</summary>
    private static async Task<string> AssertRefusedAsync(HttpResponseMessage response, IReadOnlyDictionary<string, string> changes, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"no error named '{field}' in {text}");
        Assert.Empty(changes);
        return text;
    }

    /// <summary>The widget's body as JSON text, with the page URL given literally (so a test can spoil it).</summary>
    private async Task<string> WidgetJsonAsync(PublicWorld world, string pageUrl)
    {
        using var browser = app.Client();
        var body = await world.Capture.WidgetBodyAsync(browser, new { email = $"x.{Guid.NewGuid():N}@example.com" }, [world.Capture.Newsletter],
            context: new { pageUrl, locale = "en" });
        return JsonSerializer.Serialize(body);
    }

    private Task<List<string>> StatusesAsync(Guid personId) =>
        app.InScopeAsync(db => db.ConsentEvents.Where(e => e.PersonId == personId).Select(e => e.Status).ToListAsync());
}

public sealed class HostileInputFacts_OnSqlite(SqliteHostileApp app) : HostileInputFacts<SqliteHostileApp>(app);

public sealed class HostileInputFacts_OnPostgres(PostgresHostileApp app) : HostileInputFacts<PostgresHostileApp>(app);
