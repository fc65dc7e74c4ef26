using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Capture;

/// <summary>
/// A plain HTML form posted without JavaScript, as a person's browser does it: what they see after the post (a redirect
/// to the form's thank-you URL, or the engine's own page with a way back, never a redirect a post chose), the problems
/// page in their language, and the answers a script gets for the same mistakes.
/// </summary>
public abstract class NoScriptPostFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://www.acme.example/signup\r\nSet-Cookie: session=stolen")]
    public async Task NoScriptPost_IsNeverRedirectedWhereThePostSays(string pageUrl)
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = NoRedirects();
        var email = $"redirect.{Guid.NewGuid():N}@example.com";

        var response = await browser.PostAsync(scenario.SubmitPath, Post(new() { ["email"] = email, ["_page_url"] = pageUrl }));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        // A URL that is not an absolute http(s) one, or holds a line break, is not kept as evidence; the person is.
        var submission = app.InScope(db => db.Submissions.Single(s => s.PersonId == db.People.Single(p => p.Email == email).Id));
        Assert.Equal(pageUrl.StartsWith("https://evil", StringComparison.Ordinal) ? pageUrl : null, submission.PageUrl);
    }

    [Fact]
    public async Task NoScriptPost_GoesToTheFormsThankYouUrl_WhenOneIsConfigured()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var definition = JsonSerializer.SerializeToNode(scenario.FormDefinition())!.AsObject();
        definition["success"] = JsonSerializer.SerializeToNode(new { redirectUrl = "https://www.acme.example/merci?from=form" });
        (await scenario.PutFormAsync(definition)).EnsureSuccessStatusCode();
        (await scenario.PublishAsync()).EnsureSuccessStatusCode();
        using var browser = NoRedirects();

        var response = await browser.PostAsync(scenario.SubmitPath, Post(new()
        {
            ["email"] = $"thanks.{Guid.NewGuid():N}@example.com", ["_page_url"] = "https://evil.example/phish",
        }));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://www.acme.example/merci?from=form", response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task NoScriptPost_WithoutAThankYouUrl_ShowsTheEnginesPage_InTheFormsLanguage_WithALinkBack()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = NoRedirects();
        var email = $"page.{Guid.NewGuid():N}@example.com";
        const string page = $"{CaptureScenario.Origin}/inscription?utm_source=affiche";

        var response = await SendAsync(browser, scenario.SubmitPath, new()
        {
            ["email"] = email, ["consent"] = scenario.Newsletter, ["_page_url"] = page, ["_locale"] = "fr",
        }, referer: $"{CaptureScenario.Origin}/");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("Merci !", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{page}\">Retour à la page</a>", html, StringComparison.Ordinal);
        // The page the form was on, from the snippet's _page_url: not the origin a cross-origin Referer is cut to.
        Assert.Equal(page, app.InScope(db => db.Submissions.Single(s => s.PersonId == db.People.Single(p => p.Email == email).Id).PageUrl));
    }

    [Fact]
    public async Task NoScriptPost_WithOnlyTheOriginAsReferer_RecordsNoPage()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = NoRedirects();
        var email = $"origin.{Guid.NewGuid():N}@example.com";

        var response = await SendAsync(browser, scenario.SubmitPath, new() { ["email"] = email }, referer: $"{CaptureScenario.Origin}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(app.InScope(db => db.Submissions.Single(s => s.PersonId == db.People.Single(p => p.Email == email).Id).PageUrl));
    }

    [Fact]
    public async Task NoScriptPost_WithProblems_ShowsEveryOne_InThePersonsLanguage_WithAWayBack_AndStoresNothing()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = NoRedirects();
        using var post = Post(new()
        {
            ["email"] = "jeanne@", ["phone"] = "12", ["_website"] = "x", ["_page_url"] = $"{CaptureScenario.Origin}/inscription",
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.SubmitPath) { Content = post };
        request.Headers.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        var before = Counts();

        var response = await browser.SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("Votre formulaire n'a pas pu être envoyé", html, StringComparison.Ordinal);
        Assert.Contains("<strong>E-mail</strong>: n'est pas une adresse e-mail valide", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Mobile</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Le formulaire n'a pas pu être accepté", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{CaptureScenario.Origin}/inscription\">Retour à la page</a>", html, StringComparison.Ordinal);
        Assert.Equal(before, Counts());
    }

    [Fact]
    public async Task ScriptPost_WithoutAToken_NamesEveryProblem_InOneProblemJson()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var body = JsonSerializer.SerializeToNode(await scenario.WidgetBodyAsync(browser, new { email = "nope", first_name = "A\nB" }))!.AsObject();
        body.Remove("token");

        var response = await browser.PostAsJsonAsync(scenario.SubmitPath, body);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(errors.TryGetProperty("token", out _));
        Assert.True(errors.TryGetProperty("fields.email", out _));
        Assert.True(errors.TryGetProperty("fields.first_name", out _));
    }

    [Fact]
    public async Task AntiSpamMessage_SaysWhatToDo_NeverTheRule()
    {
        var scenario = await CaptureScenario.CreateAsync(app, minFillSeconds: 30);
        using var browser = CaptureScenario.Browser(app);

        var response = await browser.PostAsJsonAsync(scenario.SubmitPath,
            await scenario.WidgetBodyAsync(browser, new { email = $"fast.{Guid.NewGuid():N}@example.com" }));
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("token")[0].GetString()!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotMatch(@"\d", message);
        Assert.Contains("Please take a moment", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManySubmissions_AreAnswered429_WithRetryAfter()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var address = $"198.18.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";
        HttpResponseMessage? refused = null;

        for (var i = 0; i < 40 && refused is null; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, scenario.SubmitPath) { Content = JsonContent.Create(new { }) };
            request.Headers.Add(TestEndpoints.ClientAddressHeader, address);
            var response = await browser.SendAsync(request);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    private HttpClient NoRedirects() => CaptureScenario.Browser(app, followRedirects: false);

    private static FormUrlEncodedContent Post(Dictionary<string, string> fields) => new(fields);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient browser, string path, Dictionary<string, string> fields, string referer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Post(fields) };
        request.Headers.Referrer = new Uri(referer);
        return await browser.SendAsync(request);
    }

    private (int People, int Events, int Submissions) Counts() =>
        app.InScope(db => (db.People.Count(), db.ConsentEvents.Count(), db.Submissions.Count()));
}

public sealed class NoScriptPostFacts_OnSqlite(SqliteApp app) : NoScriptPostFacts<SqliteApp>(app);

public sealed class NoScriptPostFacts_OnPostgres(PostgresApp app) : NoScriptPostFacts<PostgresApp>(app);
