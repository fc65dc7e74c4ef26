using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Widgets;

/// <summary>widgets/form.js in headless Chromium, on a page of another origin under a strict CSP.</summary>
public sealed class FormWidgetFacts(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task OneScriptTag_RendersAnAccessibleForm_ThatTheKeyboardSubmits_AndTheStoreRecords()
    {
        var (scenario, site) = await SiteWithFormAsync(body: null);
        await using var _ = site;
        var (page, problems) = await OpenAsync(site, "/signup?utm_source=ads");

        await page.Locator("form.mkt-form input[name=email]").WaitForAsync();
        await page.AssertNoAxeViolationsAsync();
        Assert.Equal(0, await page.Locator("input[name=consent]:checked").CountAsync());

        var email = $"keyboard.{Guid.NewGuid():N}@example.com";
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("email", await page.EvaluateAsync<string>("document.activeElement.name"));
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Ada");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal(scenario.Newsletter, await page.EvaluateAsync<string>("document.activeElement.value"));
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("Thanks!");
        var person = app.InScope(db => db.People.Single(p => p.Email == email));
        Assert.Equal("Ada", person.Attributes["first_name"]);
        var consentEvent = Assert.Single(app.InScope(db => db.ConsentEvents.Where(e => e.PersonId == person.Id).ToList()));
        Assert.Equal(scenario.Newsletter, consentEvent.PurposeKey);
        Assert.Equal($"{site.OriginText}/signup?utm_source=ads", consentEvent.PageUrl);
        Assert.Equal("127.0.0.1", consentEvent.IpAddress);
        Assert.Contains("Chrome", consentEvent.UserAgent, StringComparison.Ordinal);
        Assert.NotNull(person.TimeZone);
        Assert.Equal("ads", app.InScope(db => db.Submissions.Single(s => s.PersonId == person.Id).Utm["source"]));
        Assert.Empty(problems);
        Assert.Empty(await page.Context.CookiesAsync());
    }

    [Fact]
    public async Task InvalidInput_IsShownBesideTheField_AnnouncedAndFocused_AndNothingIsStored()
    {
        var (_, site) = await SiteWithFormAsync(body: null);
        await using var _ = site;
        var (page, problems) = await OpenAsync(site, "/");
        await page.Locator("form.mkt-form input[name=email]").WaitForAsync();
        var before = app.InScope(db => db.People.Count());

        await page.Locator("input[name=email]").FillAsync("not-an-address");
        await page.Locator("form.mkt-form button[type=submit]").ClickAsync();

        var email = page.Locator("input[name=email]");
        await Assertions.Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        var errorId = await email.GetAttributeAsync("aria-describedby");
        await Assertions.Expect(page.Locator($"#{errorId}")).ToHaveTextAsync("is not a valid email address");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Please correct");
        Assert.Equal("email", await page.EvaluateAsync<string>("document.activeElement.name"));
        await page.AssertNoAxeViolationsAsync();
        Assert.Equal(before, app.InScope(db => db.People.Count()));
        // The browser logs the 400 answer itself; anything else would be a fault.
        Assert.DoesNotContain(problems, p => !p.Contains("status of 400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExistingForm_IsEnhanced_WithThePublishedWording_AndSubmits()
    {
        var (scenario, site) = await SiteWithFormAsync(body: "ENHANCE");
        await using var _ = site;
        var (page, problems) = await OpenAsync(site, "/contact");
        await page.Locator("form[data-marketing-form] input[name=consent]").First.WaitForAsync();

        Assert.Equal(CaptureScenario.NewsletterWording, await page.Locator("form[data-marketing-form] .mkt-consent label").First.TextContentAsync());
        Assert.Equal(0, await page.Locator("#site-own-box").CountAsync());
        var email = $"enhanced.{Guid.NewGuid():N}@example.com";
        await page.Locator("#site-email").FillAsync(email);
        await page.Locator("#site-phone").FillAsync(CaptureScenario.RandomMobile());
        await page.Locator($"input[name=consent][value={scenario.Sms}]").CheckAsync();
        await page.Locator("form[data-marketing-form] button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("Thanks!");
        var personId = app.InScope(db => db.People.Single(p => p.Email == email).Id);
        var consentEvent = Assert.Single(app.InScope(db => db.ConsentEvents.Where(e => e.PersonId == personId).ToList()));
        Assert.Equal(scenario.Sms, consentEvent.PurposeKey);
        Assert.Equal("phone", consentEvent.IdentifierType);
        await page.AssertNoAxeViolationsAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task DefaultTheme_LooksLikeAForm_UnderAStrictCsp_AndThePageBelowDoesNotMove()
    {
        // As docs/api/capture.md says for no shift: the tag without async (the room is kept before the text below is
        // laid out), with the room this form needs (three fields, two consents); the default is 30rem.
        var (_, site) = await SiteWithFormAsync(body: null, after: "<p id=\"below\">What we send, and how often.</p>", attributes: " data-min-height=\"38rem\"", blocking: true);
        await using var _ = site;
        var (page, problems) = await OpenAsync(site, "/", init: LayoutShifts);

        await page.Locator("form.mkt-form input[name=email]").WaitForAsync();
        await Settled(page);

        Assert.Equal("rgb(29, 78, 216)", await Style(page, "form.mkt-form button[type=submit]", "background-color"));
        Assert.Equal("rgb(255, 255, 255)", await Style(page, "form.mkt-form", "background-color"));
        Assert.Equal("8px", await Style(page, "form.mkt-form", "border-top-left-radius"));
        Assert.Equal("block", await Style(page, "form.mkt-form input[name=email]", "display"));
        Assert.Equal("0", await page.EvaluateAsync<string>("String(window.layoutShift)"));
        Assert.InRange(await page.Locator("form.mkt-form").EvaluateAsync<double>("f => f.getBoundingClientRect().height"), 200, 38 * 16);
        await page.AssertNoAxeViolationsAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task DefaultTheme_IsDark_WhenTheVisitorsSystemIs()
    {
        var (_, site) = await SiteWithFormAsync(body: null);
        await using var _ = site;
        var (page, problems) = await OpenAsync(site, "/", scheme: ColorScheme.Dark);

        await page.Locator("form.mkt-form input[name=email]").WaitForAsync();

        Assert.Equal("rgb(17, 24, 39)", await Style(page, "form.mkt-form", "background-color"));
        Assert.Equal("rgb(147, 197, 253)", await Style(page, "form.mkt-form button[type=submit]", "background-color"));
        await page.AssertNoAxeViolationsAsync();
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("dark", "rgb(17, 24, 39)")]
    [InlineData("light", "rgb(255, 255, 255)")]
    [InlineData("none", "rgba(0, 0, 0, 0)")]
    public async Task ThemeChosenInTheForm_WinsOverTheVisitorsSystem(string theme, string background)
    {
        var (scenario, site) = await SiteWithFormAsync(body: null);
        await using var _ = site;
        var definition = JsonSerializer.SerializeToNode(scenario.FormDefinition())!.AsObject();
        definition["theme"] = theme;
        (await scenario.PutFormAsync(definition)).EnsureSuccessStatusCode();
        (await scenario.PublishAsync()).EnsureSuccessStatusCode();
        var (page, problems) = await OpenAsync(site, "/", scheme: theme == "dark" ? ColorScheme.Light : ColorScheme.Dark);

        await page.Locator("form.mkt-form input[name=email]").WaitForAsync();

        Assert.Equal(background, await Style(page, "form.mkt-form", "background-color"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task SentTooSoon_TheVisitorIsToldWhatToDo_InTheirLanguage_NeverTheRule()
    {
        var (_, site) = await SiteWithFormAsync(body: null, minFillSeconds: 30);
        await using var _ = site;
        var (page, problems) = await OpenAsync(site, "/", locale: "fr-FR");
        await page.Locator("form.mkt-form input[name=email]").WaitForAsync();

        await page.Locator("input[name=email]").FillAsync($"vite.{Guid.NewGuid():N}@example.com");
        await page.Locator("form.mkt-form button[type=submit]").ClickAsync();

        var status = page.Locator("[role=status]");
        await Assertions.Expect(status).ToHaveTextAsync("Le formulaire a été envoyé avant d'avoir pu être vérifié. Patientez un instant, puis envoyez-le à nouveau.");
        Assert.DoesNotContain(problems, p => !p.Contains("status of 400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutJavaScript_ThePostShowsAConfirmation_LinksBackToThePage_AndRecordsThatPage()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var email = $"noscript.{Guid.NewGuid():N}@example.com";
        // The snippet of docs/capture.md, with the page it is on in _page_url (on an origin the form allows).
        var pageUrl = $"{CaptureScenario.Origin}/newsletter?utm_source=print";
        var snippet =
            $"<form action=\"{app.EngineAddress}public/sites/{scenario.Site}/forms/{scenario.Form}/submissions\" method=\"post\">" +
            "<label for=\"email\">Email</label> <input id=\"email\" name=\"email\" type=\"email\" required>" +
            $"<label><input type=\"checkbox\" name=\"consent\" value=\"{scenario.Newsletter}\"> Yes, send me the newsletter.</label>" +
            $"<input type=\"hidden\" name=\"_page_url\" value=\"{pageUrl}\"><input type=\"hidden\" name=\"_locale\" value=\"en\">" +
            "<div hidden><label for=\"_website\">Leave this field empty</label><input id=\"_website\" name=\"_website\" tabindex=\"-1\" autocomplete=\"off\"></div>" +
            "<button type=\"submit\">Send</button></form>";
        await using var site = await SitePage.StartAsync(app.EngineAddress, snippet);
        (await scenario.Admin.PutAsJsonAsync($"/api/admin/sites/{scenario.Site}", new { name = "Acme", origins = new[] { site.OriginText } })).EnsureSuccessStatusCode();
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{site.OriginText}/newsletter");

        await page.Locator("#email").FillAsync(email);
        await page.Locator("input[name=consent]").CheckAsync();
        await page.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("Thanks!");
        await Assertions.Expect(page.Locator("a", new() { HasText = "Back to the page" })).ToHaveAttributeAsync("href", pageUrl);
        var personId = app.InScope(db => db.People.Single(p => p.Email == email).Id);
        Assert.Equal(pageUrl, app.InScope(db => db.ConsentEvents.Single(e => e.PersonId == personId).PageUrl));
    }

    [Fact]
    public void Widget_IsAtMost5KilobytesGzipped()
    {
        var script = File.ReadAllBytes(Path.Combine(Repository.Root, "widgets", "form.js"));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(script);
        }

        Assert.True(compressed.Length <= 5 * 1024, $"form.js is {compressed.Length} bytes gzipped");
    }

    // Sums the page's layout shifts as Core Web Vitals counts them (none within half a second of an input).
    private const string LayoutShifts = "window.layoutShift = 0; new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.layoutShift += e.value; })).observe({ type: 'layout-shift', buffered: true });";

    private static async Task<string> Style(IPage page, string selector, string property) =>
        await page.Locator(selector).EvaluateAsync<string>($"e => getComputedStyle(e).getPropertyValue('{property}')");

    /// <summary>Two frames after the form arrived: any shift it caused has been reported.</summary>
    private static async Task Settled(IPage page) =>
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100))))");

    private async Task<(CaptureScenario Scenario, SitePage Site)> SiteWithFormAsync(string? body, string after = "", int minFillSeconds = 0, string attributes = "", bool blocking = false)
    {
        var scenario = await CaptureScenario.CreateAsync(app, minFillSeconds);
        var script = $"<script src=\"{app.EngineAddress}widgets/form.js\" data-site=\"{scenario.Site}\" data-form=\"{scenario.Form}\"{attributes}{(blocking ? "" : " async")}></script>";
        var html = body == "ENHANCE"
            ? $"<form data-marketing-form data-site=\"{scenario.Site}\" data-form=\"{scenario.Form}\" action=\"{app.EngineAddress}public/sites/{scenario.Site}/forms/{scenario.Form}/submissions\" method=\"post\">" +
              "<label for=\"site-email\">Your email</label><input id=\"site-email\" name=\"email\" type=\"email\" autocomplete=\"email\">" +
              "<label for=\"site-phone\">Your mobile</label><input id=\"site-phone\" name=\"phone\" type=\"tel\" autocomplete=\"tel\">" +
              "<div class=\"mkt-consent\"><input id=\"site-own-box\" type=\"checkbox\" name=\"consent\" value=\"x\"><label for=\"site-own-box\">Old wording</label></div>" +
              $"<button type=\"submit\">Send</button></form><script src=\"{app.EngineAddress}widgets/form.js\" async></script>"
            : script + after;
        var site = await SitePage.StartAsync(app.EngineAddress, html);
        var put = await scenario.Admin.PutAsJsonAsync($"/api/admin/sites/{scenario.Site}", new { name = "Acme", origins = new[] { site.OriginText } });
        put.EnsureSuccessStatusCode();
        return (scenario, site);
    }

    /// <summary>Opens the page and collects anything the browser refused or failed: CSP violations, script errors, failed requests.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(SitePage site, string path, string? init = null, ColorScheme scheme = ColorScheme.Light, string locale = "en-GB")
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, TimezoneId = "Europe/Paris", ColorScheme = scheme });
        var page = await context.NewPageAsync();
        if (init is not null)
        {
            await page.AddInitScriptAsync(init);
        }

        var problems = page.CollectProblems();
        await page.GotoAsync(new Uri(site.Origin, path).ToString());
        return (page, problems);
    }
}
