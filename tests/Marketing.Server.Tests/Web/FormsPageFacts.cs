using System.Net;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// Sites and forms in the web app (issue 16, page 3): a site and its origins, the form designer on SaveFormDraft and
/// PublishForm with their problems on the inputs they concern, the preview through the widget itself (sandboxed, and
/// recording nothing), versions and the embed code; keyboard only, without JavaScript, axe and the CSP in both languages.
/// </summary>
public abstract partial class FormsPageFacts<TApp> : IClassFixture<TApp> where TApp : WebBrowserApp
{
    private readonly TApp app;

    protected FormsPageFacts(TApp app)
    {
        this.app = app;
        // A wait budget, not a timing assertion: an enhanced post on a loaded two-core machine can take longer than 5 s.
        Assertions.SetDefaultExpectTimeout(60_000);
    }

    [Fact]
    public async Task KeyboardOnly_CreatesASite_DesignsAFormWithAFieldAndAConsentBox_Publishes_AndGetsTheEmbedCode()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var site = $"shop-{suffix}";
        var form = $"signup-{suffix}";
        await using var tab = await SignedInAsync(admin);
        await tab.GotoAsync("/");

        await tab.TabToAsync("a.navigation__link[href='/sites']");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Sites and forms");
        await TypeAtAsync(tab, "#site-id", site);
        await TypeAtAsync(tab, "#site-name", "Acme shop");
        await TypeAtAsync(tab, "#site-origins", "https://shop.acme.example");
        await tab.TabToAsync("form:has(#site-id) button[type=submit]");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex($"/sites/{site}\\?saved=1$"));
        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToContainTextAsync($"Site {site} saved.");

        await TypeAtAsync(tab, "#new-form-id", form);
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex($"/sites/{site}/forms/{form}$"));
        await Assertions.Expect(tab.Page.Locator("h1")).ToHaveTextAsync($"Form {form}");
        // The scenario's purposes have a lawful basis in France's regime.
        await tab.TabToAsync("#region");
        await tab.Page.Keyboard.PressAsync("Control+A");
        await tab.Page.Keyboard.TypeAsync("FR");
        await TypeAtAsync(tab, "#privacy", $"privacy_{scenario.Newsletter}");
        await Assertions.Expect(tab.Page.Locator("#privacy")).ToHaveValueAsync($"privacy_{scenario.Newsletter}");
        await TypeAtAsync(tab, "#success-en", "Thank you!");
        await tab.TabToAsync("#add-field");
        await tab.Page.Keyboard.PressAsync("Enter");
        // The focus comes back on what was added.
        await Assertions.Expect(tab.Page.Locator("#field-1-name")).ToBeFocusedAsync();
        await tab.Page.Keyboard.TypeAsync("first_name");
        await TypeAtAsync(tab, "#field-1-label-en", "First name");
        await tab.TabToAsync("#add-consent");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page.Locator("#consent-0-purpose")).ToBeFocusedAsync();
        await tab.Page.Keyboard.TypeAsync(scenario.Newsletter);
        await Assertions.Expect(tab.Page.Locator("#consent-0-purpose")).ToHaveValueAsync(scenario.Newsletter);
        await TypeAtAsync(tab, "#consent-0-notice", $"{scenario.Newsletter}_wording");
        await Assertions.Expect(tab.Page.Locator("#consent-0-notice")).ToHaveValueAsync($"{scenario.Newsletter}_wording");
        await tab.TabToAsync("#field-1-up", most: 80);
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page.Locator("#field-0-name")).ToHaveValueAsync("first_name");
        await Assertions.Expect(tab.Page.Locator("#field-0-down")).ToBeFocusedAsync();
        await tab.CheckAsync("designer, changed");
        await tab.TabToAsync("button[value=publish]", most: 80);
        await tab.Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex($"/sites/{site}/forms/{form}\\?published=1$"));
        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToHaveTextAsync("Version 1 published.");
        await Assertions.Expect(tab.Page.Locator("#embed-script")).ToContainTextAsync($"/widgets/form.js\" data-site=\"{site}\" data-form=\"{form}\" async></script>");
        await Assertions.Expect(tab.Page.Locator("#embed-html")).ToContainTextAsync($"/public/sites/{site}/forms/{form}/submissions\" method=\"post\">");
        await Assertions.Expect(tab.Page.Locator("#embed-html")).ToContainTextAsync($"<input type=\"checkbox\" name=\"consent\" value=\"{scenario.Newsletter}\"> {CaptureScenario.NewsletterWording}</label>");
        await tab.TabToAsync("#embed-script");
        await tab.CheckAsync("designer, published");
        var published = app.InScope(db => db.FormVersions.AsNoTracking().Single(v => v.FormId == form).Snapshot);
        Assert.Equal(["first_name", "email"], published.Fields.Select(f => f.Name));
        Assert.Equal([scenario.Newsletter], published.Consents.Select(c => c.PurposeKey));
        Assert.Equal(["https://shop.acme.example"], app.InScope(db => db.Sites.AsNoTracking().Single(s => s.Id == site).Origins));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task EveryState_HasNoAxeViolation_AndNoCspViolation(string language)
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        var submissions = app.InScope(db => db.Submissions.Count());
        await using var tab = await SignedInAsync(admin, language);
        var designer = $"/sites/{scenario.Site}/forms/{scenario.Form}";

        await tab.GotoAsync("/sites");
        await Assertions.Expect(tab.Page.Locator($"a[href='/sites/{scenario.Site}']")).ToBeVisibleAsync();
        await tab.CheckAsync("sites");
        await tab.Page.Locator("#site-origins").FillAsync("https://www.acme.example/a-page");
        await tab.Page.Locator("form:has(#site-id) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Assertions.Expect(tab.Page.Locator("#site-origins-error")).ToContainTextAsync(
            language == "fr" ? "doit se limiter au schéma, à l’hôte et au port, sans chemin, requête ni identifiants" : "must be scheme, host and port only, with no path, query or credentials");
        await tab.CheckAsync("sites with errors", status: 400);
        await tab.GotoAsync($"/sites/{scenario.Site}");
        await tab.CheckAsync("site");
        await tab.GotoAsync($"/sites/{scenario.Site}/forms/new-{scenario.Form}");
        await tab.CheckAsync("designer, new form");
        await tab.GotoAsync(designer);
        await Assertions.Expect(tab.Page.Locator("#embed-html")).ToBeVisibleAsync();
        await tab.CheckAsync("designer");
        // The preview follows what is typed, before any save: the widget runs again over the unsaved label.
        var frame = tab.Page.FrameLocator($"iframe[data-preview-draft$='locale={language}']");
        await Assertions.Expect(frame.Locator(".mkt-form label").First).ToHaveTextAsync(language == "fr" ? "E-mail" : "Email");
        await tab.Page.Locator($"#field-0-label-{language}").FillAsync(language == "fr" ? "Votre e-mail pro" : "Your work email");
        await Assertions.Expect(frame.Locator(".mkt-form label").First).ToHaveTextAsync(language == "fr" ? "Votre e-mail pro" : "Your work email");
        await Assertions.Expect(tab.Page.Locator("[data-preview-status]")).ToHaveTextAsync(
            language == "fr" ? "L’aperçu montre ce que vous avez saisi ; ce n’est pas encore enregistré." : "The preview shows what you typed; it is not saved yet.");
        await tab.CheckAsync("designer, live preview");
        var stored = app.InScope(db => db.Forms.AsNoTracking().Single(f => f.Id == scenario.Form));
        Assert.Equal(language == "fr" ? "E-mail" : "Email", stored.Draft.Fields![0].Label![language]);
        Assert.Equal(1, stored.LatestVersion);
        await tab.GotoAsync($"{designer}/versions/1");
        await Assertions.Expect(tab.Page.Locator("main")).ToContainTextAsync(scenario.NewsletterSha256);
        await tab.CheckAsync("version");

        // The preview document: the widget renders the draft, and its submission records nothing.
        await tab.GotoAsync($"{designer}/preview?locale={language}");
        await tab.Page.Locator(".mkt-form input[name=email]").FillAsync($"preview.{Guid.NewGuid():N}@example.com");
        await tab.Page.Locator(".mkt-form button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator(".mkt-status")).ToHaveTextAsync(language == "fr" ? "Aperçu : rien n’a été enregistré." : "Preview: nothing was recorded.");
        await tab.CheckAsync("preview, sent");
        Assert.Equal(submissions, app.InScope(db => db.Submissions.Count()));

        // A publication rule's problem, on the input it concerns.
        await tab.GotoAsync(designer);
        await tab.Page.Locator("#privacy").SelectOptionAsync("");
        await tab.Page.Locator("button[value=publish]").First.ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-error-summary] a[href='#privacy']")).ToContainTextAsync("(R12)");
        await Assertions.Expect(tab.Page.Locator("#privacy-error")).ToBeVisibleAsync();
        await tab.CheckAsync("designer, publication refused", status: 400);
        Assert.Equal(1, app.InScope(db => db.Forms.AsNoTracking().Single(f => f.Id == scenario.Form).LatestVersion));
    }

    [Fact]
    public async Task WithoutJavaScript_AFieldIsAdded_AndTheDraftSaved_ByPlainPosts()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await SignedInAsync(marketer, javaScript: false);
        await tab.GotoAsync($"/sites/{scenario.Site}/forms/{scenario.Form}");

        await tab.Page.Locator("#add-field").ClickAsync();
        await tab.Page.Locator("#field-3-name").FillAsync("company");
        await tab.Page.Locator("#field-3-label-en").FillAsync("Company");
        await tab.Page.Locator("#field-3-label-fr").FillAsync("Société");
        await tab.Page.Locator("#field-0-remove").ClickAsync();
        await tab.Page.Locator("button[value=save]").First.ClickAsync();

        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToHaveTextAsync("Draft saved.");
        var draft = app.InScope(db => db.Forms.AsNoTracking().Single(f => f.Id == scenario.Form).Draft);
        Assert.Equal(["first_name", "phone", "company"], draft.Fields!.Select(f => f.Name));
        Assert.Equal("Société", draft.Fields![2].Label!["fr"]);
        // The preview needs the widget's script: without it, a link opens it.
        await Assertions.Expect(tab.Page.Locator("a[href^='/sites/']:has-text('Open the preview (en)')")).ToBeVisibleAsync();
    }

    private static async Task TypeAtAsync(AppPage tab, string selector, string text)
    {
        await tab.TabToAsync(selector, most: 80);
        await tab.Page.Keyboard.TypeAsync(text);
    }

    private async Task<AppPage> SignedInAsync(TestUser user, string language = "en", bool javaScript = true)
    {
        var tab = await AppPage.OpenAsync(app, language, javaScript);
        await tab.GotoAsync("/account/sign-in");
        await tab.Page.Locator("#email").FillAsync(user.Email);
        await tab.Page.Locator("#password").FillAsync(user.Password);
        await tab.Page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        if (user.AuthenticatorKey is { } key)
        {
            await Assertions.Expect(tab.Page).ToHaveURLAsync(CodePage());
            await tab.Page.Locator("#code").FillAsync(Totp.Code(key));
            await tab.Page.Locator("main button[type=submit]").ClickAsync();
        }

        await Assertions.Expect(tab.Page).ToHaveURLAsync(Home());
        return tab;
    }

    [GeneratedRegex("/account/sign-in/code")]
    private static partial Regex CodePage();

    [GeneratedRegex("^http://localhost:\\d+/$")]
    private static partial Regex Home();
}

/// <summary>The designer's posts over HTTP: each rule's problem on its input, and nothing stored or published.</summary>
public abstract class FormsPageHttpFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Publish_WithAProblem_Is400_WithTheProblemOnItsInput_AndPublishesNothing()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = await WebSession.SignInAsync(app, marketer);
        var path = $"/sites/{scenario.Site}/forms/{scenario.Form}";
        var draft = new Dictionary<string, string>
        {
            ["Action"] = "publish", ["Design.Locales"] = "en fr", ["Design.Region"] = "FR", ["Design.Audience"] = "b2c",
            ["Design.PrivacyNotice"] = $"privacy_{scenario.Newsletter}", ["Design.Success[en]"] = "Thanks", ["Design.Success[fr]"] = "Merci",
            ["Design.Fields[0].Name"] = "email", ["Design.Fields[0].Type"] = "email", ["Design.Fields[0].Label[en]"] = "Email",
        };

        var refused = await session.PostFormAsync(path, "design", draft);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<a href=\"#field-0-label-fr\">Field 1, Label (fr): needs a label in every locale of the form (missing: fr)</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"field-0-label-fr-error\"", html, StringComparison.Ordinal);
        Assert.Equal(1, app.InScope(db => db.Forms.AsNoTracking().Single(f => f.Id == scenario.Form).LatestVersion));
    }

    [Fact]
    public async Task SavingADraft_ThatBreaksAStructureRule_Is400_AndStoresNothing()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = await WebSession.SignInAsync(app, marketer);
        var form = $"new-{scenario.Form}";

        var refused = await session.PostFormAsync($"/sites/{scenario.Site}/forms/{form}", "design", new()
        {
            ["Action"] = "save", ["Design.Locales"] = "en", ["Design.Region"] = "ZZ", ["Design.Success[en]"] = "Thanks",
            ["Design.Fields[0].Name"] = "email", ["Design.Fields[0].Type"] = "email", ["Design.Fields[0].Label[en]"] = "Email",
            ["Design.Fields[0].MaxLength"] = "ten",
        });
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<a href=\"#region\">Default country: is required: an ISO 3166 region such as FR or DE, used to read phone numbers</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#field-0-maxlength\">Field 1, Maximum length: must be between 1 and 10000</a>", html, StringComparison.Ordinal);
        Assert.False(app.InScope(db => db.Forms.Any(f => f.Id == form)));
    }
}

public sealed class FormsPageHttpFacts_OnSqlite(SqliteApp app) : FormsPageHttpFacts<SqliteApp>(app);

public sealed class FormsPageHttpFacts_OnPostgres(PostgresApp app) : FormsPageHttpFacts<PostgresApp>(app);

public sealed class FormsPageFacts_OnSqlite(SqliteWebBrowserApp app) : FormsPageFacts<SqliteWebBrowserApp>(app);

public sealed class FormsPageFacts_OnPostgres(PostgresWebBrowserApp app) : FormsPageFacts<PostgresWebBrowserApp>(app);
