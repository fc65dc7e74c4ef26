using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Consent;
using Marketing.Server.Tests.Consent;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Widgets;

/// <summary>
/// widgets/consent.js in headless Chromium, on a page of another origin under a strict CSP (no inline script
/// or style, no eval). The page holds an analytics and a marketing script blocked by the banner, an analytics
/// pixel with data-src, and a "Cookie settings" link with data-consent-open.
/// </summary>
public sealed class ConsentBannerFacts(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Dialog = "dialog.mkt-cc";
    // The texts as the config endpoint sends them: UTF-8, not \u escapes.
    private static readonly JsonSerializerOptions ConfigJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const string Buttons = ".mkt-cc-b button";

    private static readonly Dictionary<string, (string, string)> SiteFiles = new()
    {
        ["/analytics.js"] = ("text/javascript", "window.analyticsRuns = (window.analyticsRuns || 0) + 1; document.cookie = '_pk_id=visitor; Max-Age=34128000; Path=/'; document.cookie = '_pk_ses=1; Max-Age=1800; Path=/';"),
        ["/marketing.js"] = ("text/javascript", "window.marketingRuns = (window.marketingRuns || 0) + 1; document.cookie = 'ad_profile=1; Max-Age=7776000; Path=/';"),
        // A page's own Google tag, as Google's snippet writes it.
        ["/gtag.js"] = ("text/javascript", "window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); } gtag('js', new Date()); gtag('config', 'G-TEST');"),
        ["/pixel.svg"] = ("image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>"),
    };

    // Records the banner's DOM events from before any page script runs, so a test can wait for them.
    private const string EventRecorder = """
        window.consentEvents = [];
        ['mkt-consent', 'mkt-consent-change'].forEach(name => document.addEventListener(name, e => window.consentEvents.push({ name, detail: e.detail })));
        """;

    [Fact]
    public async Task FirstVisit_UnderAStrictCsp_ShowsAcceptAndRejectAlike_AndStoresNothingBeforeAChoice_R22_R23()
    {
        var (_, site) = await SiteAsync();
        await using var _ = site;
        var (page, problems) = await OpenAsync(site);

        await Assertions.Expect(page.Locator(Dialog)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(Buttons)).ToHaveTextAsync(["Reject all", "Accept all", "Customise"]);
        var looks = await page.Locator(Buttons).EvaluateAllAsync<string[]>(
            "bs => bs.map(b => { const s = getComputedStyle(b), r = b.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height), Math.round(r.top), s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderColor, b.parentElement.className].join('|'); })");
        Assert.Single(looks.Distinct());
        // The style arrived although the page allows no stylesheet at all (style-src 'none'): a constructable stylesheet.
        Assert.Contains("|rgb(31, 41, 55)|rgb(255, 255, 255)|", looks[0], StringComparison.Ordinal);
        Assert.Equal("fixed", await page.Locator(Dialog).EvaluateAsync<string>("d => getComputedStyle(d).position"));
        Assert.Equal("dialog", await page.Locator(Dialog).EvaluateAsync<string>("d => d.getAttribute('aria-labelledby') && document.getElementById(d.getAttribute('aria-labelledby')).textContent && d.tagName.toLowerCase()"));
        Assert.Empty(await page.Context.CookiesAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length + sessionStorage.length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("(window.analyticsRuns || 0) + (window.marketingRuns || 0)"));
        Assert.DoesNotContain(site.Requests, p => p is "/analytics.js" or "/marketing.js" or "/pixel.svg");
        Assert.Null(await page.Locator("img[data-category]").GetAttributeAsync("src"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task RejectAll_ThenReload_ShowsNoBanner_AndTheBlockedScriptNeverRuns()
    {
        var (scenario, site) = await SiteAsync();
        await using var _ = site;
        var (page, problems) = await OpenAsync(site);

        await page.Locator(Buttons, new() { HasText = "Reject all" }).ClickAsync();
        await Assertions.Expect(page.Locator(Dialog)).ToBeHiddenAsync();
        var consentId = await ConsentIdAsync(page);
        var record = await RecordAsync(consentId);
        await page.ReloadAsync();
        await WaitForEventAsync(page, "mkt-consent");

        Assert.Equal("reject_all", record.Action);
        Assert.False(record.Choices.Categories["analytics"]);
        Assert.Equal(scenario.Sha256, record.BannerSha256);
        await Assertions.Expect(page.Locator(Dialog)).ToBeHiddenAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("(window.analyticsRuns || 0) + (window.marketingRuns || 0)"));
        Assert.DoesNotContain(site.Requests, p => p is "/analytics.js" or "/marketing.js" or "/pixel.svg");
        Assert.Equal(["mkt_consent"], (await page.Context.CookiesAsync()).Select(c => c.Name));
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task AcceptingAnalyticsOnly_RunsOnlyThatCategory_AndTheEngineHoldsProofWithTheConfigHash_R28()
    {
        var (scenario, site) = await SiteAsync();
        await using var _ = site;
        var (page, problems) = await OpenAsync(site, "/pricing?plan=pro");

        await page.Locator(Buttons, new() { HasText = "Customise" }).ClickAsync();
        await page.Locator("#mkt-cc-c-analytics").CheckAsync();
        await page.Locator(Buttons, new() { HasText = "Save my choices" }).ClickAsync();
        await WaitUntilAsync(page, "window.analyticsRuns === 1");
        var consentId = await ConsentIdAsync(page);
        var record = await RecordAsync(consentId);

        Assert.Equal(0, await page.EvaluateAsync<int>("window.marketingRuns || 0"));
        Assert.Equal($"{site.OriginText}/pixel.svg", await page.Locator("img[data-category=analytics]").EvaluateAsync<string>("i => i.src"));
        Assert.DoesNotContain("/marketing.js", site.Requests);
        Assert.Equal("custom", record.Action);
        Assert.Equal(scenario.Sha256, record.BannerSha256);
        Assert.Equal(scenario.Version, record.BannerVersion);
        Assert.True(record.Choices.Categories["analytics"]);
        Assert.True(record.Choices.Services["matomo"]);
        Assert.False(record.Choices.Categories["marketing"]);
        Assert.False(record.Choices.Services["adnet"]);
        Assert.Equal($"{site.OriginText}/pricing?plan=pro", record.PageUrl);
        Assert.Equal("en", record.Locale);
        Assert.False(record.Gpc);
        Assert.Equal("127.0.0.0", record.IpAddress);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task ANewBannerVersion_AsksAgain_AndUntilThenTheOldChoiceRunsNothing_R26()
    {
        var (scenario, site) = await SiteAsync();
        await using var _ = site;
        var (page, _) = await OpenAsync(site);
        await page.Locator(Buttons, new() { HasText = "Accept all" }).ClickAsync();
        await WaitUntilAsync(page, "window.analyticsRuns === 1");

        await scenario.PublishWithAnotherVendorAsync();
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator(Dialog)).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("(window.analyticsRuns || 0) + (window.marketingRuns || 0)"));
        await page.Locator(Buttons, new() { HasText = "Customise" }).ClickAsync();
        await Assertions.Expect(page.Locator("#mkt-cc-s-video")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Axe_FindsNoViolation_OnEitherLayer()
    {
        var (_, site) = await SiteAsync();
        await using var _ = site;
        var (page, problems) = await OpenAsync(site);
        await Assertions.Expect(page.Locator(Dialog)).ToBeVisibleAsync();

        await page.AssertNoAxeViolationsAsync();
        await page.Locator(Buttons, new() { HasText = "Customise" }).ClickAsync();
        await page.Locator("#mkt-cc-s-matomo").CheckAsync();
        await page.AssertNoAxeViolationsAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task SecondLayer_ListsEveryCategoryAndService_WithPurposeCookiesAndLifetimes_AllOffByDefault_R24()
    {
        var (_, site) = await SiteAsync();
        await using var _ = site;
        var (page, _) = await OpenAsync(site);

        await page.Locator(Buttons, new() { HasText = "Customise" }).ClickAsync();

        foreach (var id in new[] { "c-analytics", "c-marketing", "s-matomo", "s-adnet" })
        {
            await Assertions.Expect(page.Locator($"#mkt-cc-{id}")).Not.ToBeCheckedAsync();
            Assert.Equal("switch", await page.Locator($"#mkt-cc-{id}").GetAttributeAsync("role"));
        }

        await Assertions.Expect(page.Locator("#mkt-cc-c-essential")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#mkt-cc-c-essential")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("label[for=mkt-cc-s-matomo]")).ToHaveTextAsync("Matomo — Provider: Acme SAS");
        await Assertions.Expect(page.Locator("#mkt-cc-d-s-matomo")).ToHaveTextAsync("Audience measurement Cookies: _pk_id (13 months), _pk_ses (1 day)", new() { UseInnerText = true });
        await Assertions.Expect(page.Locator("#mkt-cc-d-s-adnet")).ToHaveTextAsync("Personalised advertising Cookies: ad_* (3 months)", new() { UseInnerText = true });
        await Assertions.Expect(page.Locator("#mkt-cc-d-analytics")).ToHaveTextAsync("Counts visits to improve the site");
        await page.Locator("#mkt-cc-s-matomo").CheckAsync();
        await Assertions.Expect(page.Locator("#mkt-cc-c-analytics")).ToBeCheckedAsync();
    }

    [Theory]
    [InlineData("Escape")]
    [InlineData("×")]
    public async Task ClosingTheBanner_RecordsARefusal_AndLeavesThePageUsable_R23_R25(string how)
    {
        var (_, site) = await SiteAsync();
        await using var _ = site;
        var (page, _) = await OpenAsync(site);
        await Assertions.Expect(page.Locator(Dialog)).ToBeVisibleAsync();

        if (how == "Escape")
        {
            await page.Keyboard.PressAsync("Escape");
        }
        else
        {
            await page.Locator(".mkt-cc-x").ClickAsync();
        }

        var record = await RecordAsync(await ConsentIdAsync(page));
        Assert.Equal("close", record.Action);
        Assert.All(record.Choices.Categories.Where(c => c.Key != "essential"), c => Assert.False(c.Value));
        await Assertions.Expect(page.Locator(Dialog)).ToBeHiddenAsync();
        await page.Locator("#after").ClickAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("(window.analyticsRuns || 0) + (window.marketingRuns || 0)"));
    }

    [Fact]
    public async Task Keyboard_ChoosesAlone_FocusIsTrappedAndVisible_AndConsentOpenReopens_ThenRestoresFocus()
    {
        var (_, site) = await SiteAsync();
        await using var _ = site;
        var (page, _) = await OpenAsync(site);
        await Assertions.Expect(page.Locator(Dialog)).ToBeVisibleAsync();

        for (var i = 0; i < 8 && await ActiveTextAsync(page) != "Reject all"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.NotEqual("none", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        var consentId = await ConsentIdAsync(page);
        Assert.Equal("reject_all", (await RecordAsync(consentId)).Action);

        await page.FocusAsync("#manage");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(Dialog)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#mkt-cc-c-analytics")).ToBeVisibleAsync();
        for (var i = 0; i < 20; i++)
        {
            await page.Keyboard.PressAsync(i % 5 == 4 ? "Shift+Tab" : "Tab");
            Assert.True(await page.EvaluateAsync<bool>("!!document.activeElement.closest('dialog.mkt-cc')"), $"focus left the banner after {i + 1} presses");
        }

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(Dialog)).ToBeHiddenAsync();
        Assert.Equal("manage", await page.EvaluateAsync<string>("document.activeElement.id"));
        // Closing a banner reopened to look at a choice already made keeps that choice: no second record.
        Assert.Equal(1, app.InScope(db => db.CookieConsentRecords.Count(r => r.ConsentId == consentId)));
    }

    [Fact]
    public async Task Withdrawal_DeletesTheCategorysNamedCookies_AndItsScriptsStayOff_R26()
    {
        var (scenario, site) = await SiteAsync();
        await using var _ = site;
        // The site's own session cookie is strictly necessary: nothing the banner does may touch it.
        var (page, _) = await OpenAsync(site, init: "document.cookie = 'session_id=abc; Path=/';");
        await page.Locator(Buttons, new() { HasText = "Accept all" }).ClickAsync();
        await WaitUntilAsync(page, "window.analyticsRuns === 1 && window.marketingRuns === 1");
        Assert.Contains("_pk_id", await CookieNamesAsync(page));

        await page.Locator("#manage").ClickAsync();
        await page.Locator("#mkt-cc-c-analytics").UncheckAsync();
        await page.Locator(Buttons, new() { HasText = "Save my choices" }).ClickAsync();
        var change = await WaitForEventAsync(page, "mkt-consent-change", skip: 1);

        Assert.Equal(["ad_profile", "mkt_consent", "session_id"], (await CookieNamesAsync(page)).Order());
        Assert.Equal("analytics", change.GetProperty("revoked")[0].GetString());
        var records = await Eventually.ReturnsAsync(
            () => Task.FromResult(app.InScope(db => db.CookieConsentRecords.Where(r => r.SiteId == scenario.Site).ToList())), r => r.Count == 2, TimeSpan.FromSeconds(10));
        Assert.False(records.Single(r => r.Action == "custom").Choices.Categories["analytics"]);

        await page.ReloadAsync();
        await WaitForEventAsync(page, "mkt-consent");
        await WaitUntilAsync(page, "window.marketingRuns === 1");
        Assert.Equal(0, await page.EvaluateAsync<int>("window.analyticsRuns || 0"));
        Assert.Single(site.Requests, p => p == "/analytics.js");
        Assert.Equal(["ad_profile", "mkt_consent", "session_id"], (await CookieNamesAsync(page)).Order());
    }

    [Fact]
    public async Task GlobalPrivacyControl_RefusesTheMarketingCategories_EvenOnAcceptAll()
    {
        var (_, site) = await SiteAsync();
        await using var _ = site;
        var (page, _) = await OpenAsync(site, init: "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });");

        await page.Locator(Buttons, new() { HasText = "Accept all" }).ClickAsync();
        await WaitUntilAsync(page, "window.analyticsRuns === 1");
        var record = await RecordAsync(await ConsentIdAsync(page));

        Assert.True(record.Gpc);
        Assert.Equal("accept_all", record.Action);
        Assert.True(record.Choices.Categories["analytics"]);
        Assert.False(record.Choices.Categories["marketing"]);
        Assert.Equal(0, await page.EvaluateAsync<int>("window.marketingRuns || 0"));
        await page.Locator("#manage").ClickAsync();
        await Assertions.Expect(page.Locator(".mkt-cc-c", new() { HasText = "Advertising" })).ToContainTextAsync("Global Privacy Control");
    }

    [Fact]
    public async Task GlobalPrivacyControl_LocksTheAdvertisingSwitchesOff_SoTheTextAndTheControlAgree_AndSavingKeepsItRefused()
    {
        var (_, site) = await SiteAsync();
        await using var _ = site;
        var (page, problems) = await OpenAsync(site, init: Gpc);

        await page.Locator(Buttons, new() { HasText = "Customise" }).ClickAsync();
        var advertising = page.Locator("#mkt-cc-c-marketing");
        var adnet = page.Locator("#mkt-cc-s-adnet");
        await Assertions.Expect(page.Locator(".mkt-cc-c", new() { HasText = "Advertising" })).ToContainTextAsync("Refused by your browser’s Global Privacy Control signal.");
        await Assertions.Expect(advertising).Not.ToBeCheckedAsync();
        await Assertions.Expect(advertising).ToBeDisabledAsync();
        await Assertions.Expect(adnet).Not.ToBeCheckedAsync();
        await Assertions.Expect(adnet).ToBeDisabledAsync();
        await page.Locator("#mkt-cc-c-analytics").CheckAsync();
        await page.Locator(Buttons, new() { HasText = "Save my choices" }).ClickAsync();
        var record = await RecordAsync(await ConsentIdAsync(page));

        Assert.True(record.Gpc);
        Assert.True(record.Choices.Categories["analytics"]);
        Assert.False(record.Choices.Categories["marketing"]);
        Assert.False(record.Choices.Services["adnet"]);
        Assert.Equal(0, await page.EvaluateAsync<int>("window.marketingRuns || 0"));
        await page.AssertNoAxeViolationsAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task GlobalPrivacyControl_TurnedOnAfterAcceptingAll_RunsNoAdvertising_WhileItIsOn()
    {
        var (_, site) = await SiteAsync();
        await using var _ = site;
        var (page, _) = await OpenAsync(site);
        await page.Locator(Buttons, new() { HasText = "Accept all" }).ClickAsync();
        await WaitUntilAsync(page, "window.marketingRuns === 1");

        var later = await page.Context.NewPageAsync();
        await later.AddInitScriptAsync(EventRecorder + Gpc);
        await later.GotoAsync(site.Origin.ToString());
        await WaitForEventAsync(later, "mkt-consent");

        Assert.Equal(1, await later.EvaluateAsync<int>("window.analyticsRuns || 0"));
        Assert.Equal(0, await later.EvaluateAsync<int>("window.marketingRuns || 0"));
        Assert.False(await later.EvaluateAsync<bool>("MarketingConsent.accepted('marketing') || MarketingConsent.accepted('adnet')"));
    }

    [Fact]
    public async Task OneResponse_CarriesTheBannerAndItsConfiguration_SoItShowsWithoutASecondRequest()
    {
        var (scenario, site) = await SiteAsync(script: BundleTag);
        await using var _ = site;
        var engineRequests = new List<string>();
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        var page = await context.NewPageAsync();
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(app.EngineAddress.ToString(), StringComparison.Ordinal))
            {
                lock (engineRequests)
                {
                    engineRequests.Add(new Uri(request.Url).AbsolutePath);
                }
            }
        };
        var problems = page.CollectProblems();
        await page.GotoAsync(site.Origin.ToString());

        await Assertions.Expect(page.Locator(Dialog)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(Buttons, new() { HasText = "Accept all" })).ToBeVisibleAsync();
        lock (engineRequests)
        {
            Assert.Equal([$"/public/sites/{scenario.Site}/consent.js"], engineRequests);
        }

        await page.Locator(Buttons, new() { HasText = "Reject all" }).ClickAsync();
        var record = await RecordAsync(await ConsentIdAsync(page));
        Assert.Equal("reject_all", record.Action);
        await page.AssertNoAxeViolationsAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task OneResponse_OnAPageInAnotherOfTheBannersLanguages_ShowsThatLanguage()
    {
        var (_, site) = await SiteAsync(lang: "fr", script: BundleTag);
        await using var _ = site;
        var (page, problems) = await OpenAsync(site);

        await Assertions.Expect(page.Locator(Buttons, new() { HasText = "Tout accepter" })).ToBeVisibleAsync();
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("bundle")]
    [InlineData("tag")]
    public async Task GoogleConsentMode_DeniedDefault_ComesBeforeThePagesOwnGtagConfig(string embed)
    {
        var (_, site) = await SiteAsync(script: embed == "bundle" ? BundleTag : LegacyConsentModeTag, afterBanner: "<script src=\"/gtag.js\"></script>");
        await using var _ = site;
        var (page, problems) = await OpenAsync(site);
        await Assertions.Expect(page.Locator(Dialog)).ToBeVisibleAsync();

        var layer = await DataLayerAsync(page);

        Assert.Equal(["consent", "default"], layer[0][..2].Select(e => e.GetString()));
        Assert.Equal("denied", layer[0][2].GetProperty("ad_storage").GetString());
        Assert.Equal("denied", layer[0][2].GetProperty("analytics_storage").GetString());
        Assert.Equal("config", layer[2][0].GetString());
        Assert.Single(layer, entry => entry[0].GetString() == "consent");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task GoogleConsentMode_GetsDeniedByDefault_ThenTheUpdateOfTheChoice()
    {
        var (_, site) = await SiteAsync();
        await using var _ = site;
        var (page, _) = await OpenAsync(site);
        await Assertions.Expect(page.Locator(Dialog)).ToBeVisibleAsync();

        var before = await DataLayerAsync(page);
        await page.Locator(Buttons, new() { HasText = "Customise" }).ClickAsync();
        await page.Locator("#mkt-cc-c-analytics").CheckAsync();
        await page.Locator(Buttons, new() { HasText = "Save my choices" }).ClickAsync();
        var after = await DataLayerAsync(page);

        var first = Assert.Single(before);
        Assert.Equal("consent", first[0].GetString());
        Assert.Equal("default", first[1].GetString());
        Assert.All(first[2].EnumerateObject(), p => Assert.Equal("denied", p.Value.GetString()));
        Assert.Equal(4, first[2].EnumerateObject().Count());
        var update = after[^1];
        Assert.Equal("update", update[1].GetString());
        Assert.Equal("granted", update[2].GetProperty("analytics_storage").GetString());
        Assert.Equal("denied", update[2].GetProperty("ad_storage").GetString());
    }

    [Fact]
    public async Task Language_ComesFromThePage_ThenFromTheBrowser()
    {
        var (_, french) = await SiteAsync(lang: "fr");
        await using var _ = french;
        var (frenchPage, _) = await OpenAsync(french);
        var (_, unsaid) = await SiteAsync(lang: null);
        await using var __ = unsaid;
        var (germanPage, _) = await OpenAsync(unsaid, locale: "de-DE");

        await Assertions.Expect(frenchPage.Locator(Buttons)).ToHaveTextAsync(["Tout refuser", "Tout accepter", "Personnaliser"]);
        Assert.Equal("fr", await frenchPage.Locator(Dialog).GetAttributeAsync("lang"));
        await Assertions.Expect(germanPage.Locator(Buttons)).ToHaveTextAsync(["Alle ablehnen", "Alle akzeptieren", "Anpassen"]);
        await Assertions.Expect(germanPage.Locator("#mkt-cc-t")).ToHaveTextAsync("Wir verwenden Cookies");
    }

    [Fact]
    public async Task AChoice_IsKeptUntilRenewAfterDays_WithoutRefreshingTheCookie_ThenAskedAgain_R26_R27()
    {
        var (_, site) = await SiteAsync(renewAfterDays: 30);
        await using var _ = site;
        var (page, _) = await OpenAsync(site);
        await page.Locator(Buttons, new() { HasText = "Reject all" }).ClickAsync();
        await ConsentIdAsync(page);
        var expires = (await page.Context.CookiesAsync()).Single().Expires;

        var later = await page.Context.NewPageAsync();
        await later.Clock.SetFixedTimeAsync(DateTime.UtcNow.AddDays(29));
        await later.AddInitScriptAsync(EventRecorder);
        await later.GotoAsync(site.Origin.ToString());
        await WaitForEventAsync(later, "mkt-consent");
        await Assertions.Expect(later.Locator(Dialog)).ToBeHiddenAsync();
        Assert.Equal(expires, (await page.Context.CookiesAsync()).Single().Expires);
        Assert.InRange(expires - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 29 * 86400, 30 * 86400);

        var muchLater = await page.Context.NewPageAsync();
        await muchLater.Clock.SetFixedTimeAsync(DateTime.UtcNow.AddDays(31));
        await muchLater.GotoAsync(site.Origin.ToString());
        await Assertions.Expect(muchLater.Locator(Dialog)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task JavaScriptApi_AndDomEvents_TellThePageWhatIsGranted()
    {
        var (_, site) = await SiteAsync();
        await using var _ = site;
        var (page, _) = await OpenAsync(site);
        await Assertions.Expect(page.Locator(Dialog)).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("MarketingConsent.get() === null && !MarketingConsent.accepted('analytics')"));

        await page.Locator(Buttons, new() { HasText = "Accept all" }).ClickAsync();
        var change = await WaitForEventAsync(page, "mkt-consent-change");
        var consent = await WaitForEventAsync(page, "mkt-consent");

        Assert.Equal("accept_all", change.GetProperty("action").GetString());
        Assert.Equal(["essential", "analytics", "marketing"], change.GetProperty("granted").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["session", "matomo", "adnet"], consent.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
        Assert.True(await page.EvaluateAsync<bool>("MarketingConsent.accepted('analytics') && MarketingConsent.accepted('adnet')"));
        Assert.Equal(await ConsentIdAsync(page), await page.EvaluateAsync<string>("MarketingConsent.get().consentId"));
        await page.EvaluateAsync("MarketingConsent.open()");
        await Assertions.Expect(page.Locator("#mkt-cc-c-marketing")).ToBeCheckedAsync();
    }

    [Fact]
    public void Widget_WithItsStyleAndItsFrenchAndEnglishTexts_IsAtMost6KilobytesGzipped()
    {
        var script = File.ReadAllText(Path.Combine(Repository.Root, "widgets", "consent.js"));
        var texts = JsonSerializer.Serialize(new[] { "fr", "en" }.ToDictionary(l => l, l => BannerTexts.Resolve(l, null).Texts), ConfigJson);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(script + texts));
        }

        Assert.True(compressed.Length <= 6 * 1024, $"consent.js with its fr and en texts is {compressed.Length} bytes gzipped");
    }

    private const string Gpc = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });";
    // The banner and its configuration in one response, placed before the page's own tags (no async).
    private const string BundleTag = "<script src=\"{engine}public/sites/{site}/consent.js\"></script>";
    private const string LegacyConsentModeTag = "<script src=\"{engine}widgets/consent.js\" data-site=\"{site}\" data-consent-mode></script>";

    private async Task<(BannerScenario Scenario, SitePage Site)> SiteAsync(string? lang = "en", int renewAfterDays = 182, string? script = null, string afterBanner = "")
    {
        var scenario = await BannerScenario.CreateAsync(app, renewAfterDays: renewAfterDays);
        var body = "<p><a href=\"#cookies\" id=\"manage\" data-consent-open>Cookie settings</a> <button type=\"button\" id=\"after\">Read on</button></p>" +
            "<script type=\"text/plain\" data-category=\"analytics\" src=\"/analytics.js\"></script>" +
            "<script type=\"text/plain\" data-category=\"marketing\" src=\"/marketing.js\"></script>" +
            "<img data-src=\"/pixel.svg\" data-category=\"analytics\" alt=\"\" width=\"1\" height=\"1\">" +
            (script?.Replace("{engine}", app.EngineAddress.ToString(), StringComparison.Ordinal).Replace("{site}", scenario.Site, StringComparison.Ordinal)
                ?? $"<script src=\"{app.EngineAddress}widgets/consent.js\" data-site=\"{scenario.Site}\" async></script>") + afterBanner;
        var site = await SitePage.StartAsync(app.EngineAddress, body, lang, SiteFiles);
        (await scenario.Admin.PutAsJsonAsync($"/api/admin/sites/{scenario.Site}", new { name = "Acme", origins = new[] { site.OriginText } })).EnsureSuccessStatusCode();
        return (scenario, site);
    }

    /// <summary>Opens the page in a fresh browser profile and collects anything the browser refused or failed: CSP violations, script errors.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(SitePage site, string path = "/", string locale = "en-GB", string? init = null)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(EventRecorder + (init ?? ""));
        var problems = page.CollectProblems();
        await page.GotoAsync(new Uri(site.Origin, path).ToString());
        return (page, problems);
    }

    private static async Task<string> ConsentIdAsync(IPage page)
    {
        await WaitUntilAsync(page, "document.cookie.includes('mkt_consent=')");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "mkt_consent");
        return JsonDocument.Parse(Uri.UnescapeDataString(cookie.Value)).RootElement.GetProperty("i").GetString()!;
    }

    /// <summary>The engine's record of a consent id's choice, once the widget's POST has landed.</summary>
    private async Task<CookieConsentRecord> RecordAsync(string consentId)
    {
        var record = await Eventually.ReturnsAsync(
            () => Task.FromResult(app.InScope(db => db.CookieConsentRecords.Where(r => r.ConsentId == consentId).OrderBy(r => r.Id).ToList())),
            r => r.Count > 0, TimeSpan.FromSeconds(10));
        return Assert.Single(record);
    }

    private static async Task<JsonElement> WaitForEventAsync(IPage page, string name, int skip = 0)
    {
        await WaitUntilAsync(page, $"window.consentEvents.filter(e => e.name === '{name}').length > {skip}");
        var json = await page.EvaluateAsync<string>($"JSON.stringify(window.consentEvents.filter(e => e.name === '{name}')[{skip}].detail)");
        return JsonDocument.Parse(json).RootElement;
    }

    private static async Task<List<string>> CookieNamesAsync(IPage page) => [.. (await page.Context.CookiesAsync()).Select(c => c.Name)];

    private static async Task<string> ActiveTextAsync(IPage page) => await page.EvaluateAsync<string>("document.activeElement.textContent");

    private static async Task<List<JsonElement[]>> DataLayerAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>("JSON.stringify((window.dataLayer || []).map(a => Array.from(a)))");
        return [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(a => a.EnumerateArray().ToArray())];
    }

    /// <summary>
    /// Polls a condition from the test side. Playwright's own WaitForFunction re-evaluates a string with eval in the
    /// page when the first check fails, which the page's strict CSP (rightly) refuses.
    /// </summary>
    private static async Task WaitUntilAsync(Microsoft.Playwright.IPage page, string condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await page.EvaluateAsync<bool>(condition))
        {
            Assert.True(DateTime.UtcNow < deadline, $"still false after 15 s: {condition}");
            await Task.Delay(50);
        }
    }
}
