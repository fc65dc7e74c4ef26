using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Capture;

public abstract class SubmissionFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Submit_StoresThePerson_AndOneLedgerEventPerTickedPurpose()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var email = $"jane.{Guid.NewGuid():N}@Example.COM";

        var response = await browser.PostAsJsonAsync(scenario.SubmitPath,
            await scenario.WidgetBodyAsync(browser, new { email = $"  {email} ", first_name = "Jane", phone = "06 12 34 56 78" }, [scenario.Newsletter]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var outcome = Assert.Single(body.GetProperty("consents").EnumerateArray());
        Assert.Equal("pending_confirmation", outcome.GetProperty("status").GetString());
        var normalized = email.ToLowerInvariant();
        var person = app.InScope(db => db.People.Single(p => p.Email == normalized));
        Assert.Equal("+33612345678", person.Phone);
        Assert.Equal("Jane", person.Attributes["first_name"]);
        Assert.Equal("Europe/Paris", person.TimeZone);
        Assert.Equal("fr", person.Regime);
        var consentEvent = Assert.Single(app.InScope(db => db.ConsentEvents.Where(e => e.PersonId == person.Id).ToList()));
        Assert.Equal(scenario.Newsletter, consentEvent.PurposeKey);
        Assert.Equal(scenario.NewsletterSha256, consentEvent.NoticeSha256);
        Assert.Equal("pending_confirmation", consentEvent.Status);
        Assert.Equal($"{CaptureScenario.Origin}/signup?utm_source=newsletter&utm_campaign=autumn", consentEvent.PageUrl);
        Assert.Equal("https://search.example/", consentEvent.Referrer);
        Assert.Equal(60, consentEvent.LocalOffsetMinutes);
        var submission = app.InScope(db => db.Submissions.Single(s => s.PersonId == person.Id));
        Assert.Equal("newsletter", submission.Utm["source"]);
        Assert.Equal("autumn", submission.Utm["campaign"]);
    }

    [Fact]
    public async Task Submit_WithNoBoxTicked_StoresThePersonWithNoConsentEvent()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var email = $"nobox.{Guid.NewGuid():N}@example.com";

        var response = await browser.PostAsJsonAsync(scenario.SubmitPath, await scenario.WidgetBodyAsync(browser, new { email }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var person = app.InScope(db => db.People.Single(p => p.Email == email));
        Assert.Empty(app.InScope(db => db.ConsentEvents.Where(e => e.PersonId == person.Id).ToList()));
    }

    [Fact]
    public async Task Replay_OfASubmissionId_ReturnsTheFirstAnswer_AndStoresNothingTwice()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var email = $"replay.{Guid.NewGuid():N}@example.com";
        var body = await scenario.WidgetBodyAsync(browser, new { email, phone = CaptureScenario.RandomMobile() }, [scenario.Newsletter, scenario.Sms], submissionId: "retry-0123456789");

        var first = await browser.PostAsJsonAsync(scenario.SubmitPath, body);
        var counts = Counts();
        var second = await browser.PostAsJsonAsync(scenario.SubmitPath, body);

        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replay").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(counts, Counts());
    }

    [Fact]
    public async Task ConcurrentReplays_StoreOneSubmission()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var body = await scenario.WidgetBodyAsync(browser, new { email = $"race.{Guid.NewGuid():N}@example.com" }, [scenario.Newsletter], submissionId: $"race-{Guid.NewGuid():N}");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => browser.PostAsJsonAsync(scenario.SubmitPath, body)));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        var id = JsonDocument.Parse(bodies[0]).RootElement.GetProperty("submissionId").GetGuid();
        Assert.Equal(1, app.InScope(db => db.ConsentEvents.Count(e => e.SubmissionId == id)));
    }

    [Fact]
    public async Task Resubmitting_FindsTheSamePerson_ChainsANewEvent_AndKeepsTheStoredValues()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var email = $"again.{Guid.NewGuid():N}@example.com";

        await browser.PostAsJsonAsync(scenario.SubmitPath, await scenario.WidgetBodyAsync(browser, new { email, first_name = "Jo" }, [scenario.Newsletter]));
        await browser.PostAsJsonAsync(scenario.SubmitPath, await scenario.WidgetBodyAsync(browser, new { email = email.ToUpperInvariant(), first_name = "Joanna" }, [scenario.Newsletter]));

        var person = Assert.Single(app.InScope(db => db.People.Where(p => p.Email == email).ToList()));
        // Invariant 7: the second post proves nothing; its values wait on the submission for the person's confirmation.
        Assert.Equal("Jo", person.Attributes["first_name"]);
        var events = app.InScope(db => db.ConsentEvents.Where(e => e.PersonId == person.Id).OrderBy(e => e.Sequence).ToList());
        Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
        Assert.Equal(events[0].Hash, events[1].PreviousHash);
    }

    [Fact]
    public async Task HtmlFormPost_WithoutJavaScript_IsStored_AndLinksBackToThePage()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app, followRedirects: false);
        var email = $"plain.{Guid.NewGuid():N}@example.com";
        using var post = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["consent"] = scenario.Newsletter, ["_page_url"] = $"{CaptureScenario.Origin}/plain",
        });

        var response = await browser.PostAsync(scenario.SubmitPath, post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"href=\"{CaptureScenario.Origin}/plain\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var person = app.InScope(db => db.People.Single(p => p.Email == email));
        Assert.Single(app.InScope(db => db.ConsentEvents.Where(e => e.PersonId == person.Id).ToList()));
    }

    [Fact]
    public async Task Submit_FromAnOriginTheSiteDoesNotAllow_IsRefused()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.SubmitPath)
        {
            Content = JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { email = "x@example.com" })),
        };
        request.Headers.Add("Origin", "https://evil.example");
        var before = Counts();

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, Counts());
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "missing email", "fields.email" },
        { "invalid email", "fields.email" },
        { "invalid phone", "fields.phone" },
        { "unknown form", "formId" },
        { "unpublished version", "formVersion" },
        { "honeypot filled", "honeypot" },
        { "submitted too fast", "token" },
        { "consent not on the form", "consents.marketing_calls" },
        { "malformed JSON", "body" },
        { "no submission id", "submissionId" },
        { "sms consent without a phone", "fields.phone" },
        { "NUL in a name", "fields.first_name" },
        { "control character in a name", "fields.first_name" },
        { "text-direction override in a name", "fields.first_name" },
        { "line break in a one-line field", "fields.first_name" },
        { "Latin and Cyrillic in one email label", "fields.email" },
        { "Latin and Greek in the domain", "fields.email" },
        { "mixed scripts in punycode", "fields.email" },
    };

    // A body over the limit (413) and an undocumented content type (415): HostileInputFacts.
    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_Returns400NamingTheField_AndLeavesNoTrace(string kind, string field)
    {
        var scenario = await CaptureScenario.CreateAsync(app, minFillSeconds: kind == "submitted too fast" ? 30 : 0);
        using var browser = CaptureScenario.Browser(app);
        var good = new { email = $"bad.{Guid.NewGuid():N}@example.com", phone = "0612345678" };
        var path = kind == "unknown form" ? $"/public/sites/{scenario.Site}/forms/no-such-form/submissions" : scenario.SubmitPath;
        HttpContent content = kind switch
        {
            "missing email" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { first_name = "No email" }, [scenario.Newsletter])),
            "invalid email" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { email = "jane@", phone = "0612345678" })),
            "invalid phone" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { email = good.email, phone = "12" })),
            "unpublished version" => Json(Mutate(await scenario.WidgetBodyAsync(browser, good), "formVersion", 99)),
            "honeypot filled" => Json(Mutate(await scenario.WidgetBodyAsync(browser, good), "honeypot", "http://spam.example")),
            "consent not on the form" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, good, ["marketing_calls"])),
            "malformed JSON" => new StringContent("{\"formVersion\": 1, \"fields\": {", Encoding.UTF8, "application/json"),
            "no submission id" => Json(Mutate(await scenario.WidgetBodyAsync(browser, good), "submissionId", null)),
            "sms consent without a phone" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { good.email }, [scenario.Sms])),
            "NUL in a name" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { good.email, first_name = "Jane\u0000Doe" })),
            "control character in a name" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { good.email, first_name = "Jane\u0007" })),
            "text-direction override in a name" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { good.email, first_name = "Jane\u202Eeod" })),
            "line break in a one-line field" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { good.email, first_name = "Jane\r\nBcc: x" })),
            "Latin and Cyrillic in one email label" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { email = "p\u0430ypal@example.com" })),
            "Latin and Greek in the domain" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { email = "jane@ex\u03B1mple.com" })),
            "mixed scripts in punycode" => JsonContent.Create(await scenario.WidgetBodyAsync(browser, new { email = "jane@xn--pypal-4ve.com" })),
            _ => JsonContent.Create(await scenario.WidgetBodyAsync(browser, good, [scenario.Newsletter])),
        };
        var before = Counts();

        var response = await browser.PostAsync(path, content);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{kind}: {problem}");
        Assert.Equal(before, Counts());
    }

    [Fact]
    public async Task BadInput_NamesEveryBadField_AtOnce()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);

        var response = await browser.PostAsJsonAsync(scenario.SubmitPath,
            await scenario.WidgetBodyAsync(browser, new { email = "nope", phone = "nope", first_name = new string('x', 41) }));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("fields.email", out _));
        Assert.True(errors.TryGetProperty("fields.phone", out _));
        Assert.True(errors.TryGetProperty("fields.first_name", out _));
    }

    [Theory]
    [InlineData("иван@пример.рф")]
    [InlineData("δοκιμή@παράδειγμα.δοκιμή")]
    [InlineData("山田@東京とうきょう.jp")]
    [InlineData("김@서울特別市.kr")]
    public async Task Submit_AcceptsASingleScriptInternationalAddress(string email)
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);

        var response = await browser.PostAsJsonAsync(scenario.SubmitPath, await scenario.WidgetBodyAsync(browser, new { email }));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Submit_KeepsOnlyHttpUrls_AndSaysWhatItCut()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var longReferrer = "https://search.example/?q=" + new string('x', 5000);
        var body = await scenario.WidgetBodyAsync(browser, new { email = $"cut.{Guid.NewGuid():N}@example.com" }, [scenario.Newsletter],
            context: new { pageUrl = "javascript:alert(1)", referrer = longReferrer, locale = "en" });

        var response = await browser.PostAsJsonAsync(scenario.SubmitPath, body);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetGuid();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var submission = app.InScope(db => db.Submissions.Single(s => s.Id == id));
        Assert.Null(submission.PageUrl);
        Assert.Equal(longReferrer[..2000], submission.Referrer);
        Assert.Equal(["pageUrl: not an absolute http(s) URL; not kept", "referrer: cut to 2000 of its 5026 characters"], submission.Notes);
        var consentEvent = app.InScope(db => db.ConsentEvents.Single(e => e.SubmissionId == id));
        Assert.Null(consentEvent.PageUrl);
        Assert.Equal(longReferrer[..2000], consentEvent.Referrer);
    }

    private (int People, int Events, int Submissions) Counts() =>
        app.InScope(db => (db.People.Count(), db.ConsentEvents.Count(), db.Submissions.Count()));

    private static Dictionary<string, object?> Mutate(object body, string property, object? value)
    {
        var copy = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(body))!;
        copy[property] = value;
        return copy;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}

public sealed class SubmissionFacts_OnSqlite(SqliteApp app) : SubmissionFacts<SqliteApp>(app);

public sealed class SubmissionFacts_OnPostgres(PostgresApp app) : SubmissionFacts<PostgresApp>(app);
