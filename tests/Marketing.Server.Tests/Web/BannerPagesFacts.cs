using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The cookie banner designer and the purposes page in Debian's Chromium (issue 16, pages 4 and 5): a walk through every
/// state in English and in French (axe, the CSP, the console), the preview running the real widget and recording nothing,
/// an inline publication error, and posts without JavaScript.
/// </summary>
public abstract partial class BannerPagesFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task BannerDesigner_Walk_StartAddPreviewPublish_AndSeeTheVersion(string language)
    {
        var site = await BannerPagesData.SiteAsync(app);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, marketer);

        await tab.GotoAsync("/banners");
        await tab.CheckAsync("banners");
        await tab.Page.Locator($"a[href='/banners/{site}']").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("#settings-locales")).ToBeVisibleAsync();
        await tab.CheckAsync("designer, no banner");
        await tab.Page.Locator("#settings-locales").FillAsync("en, fr");
        await tab.Page.Locator("form:has(#settings-locales) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("#publish")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("iframe[data-banner-preview]")).ToBeVisibleAsync();
        await tab.CheckAsync("designer, started");

        // The necessary category starts without names: the publication rule says so on the field.
        await tab.Page.Locator("#publish").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-error-summary]")).ToBeFocusedAsync();
        await Assertions.Expect(tab.Page.Locator("#cat-0-names-error")).ToContainTextAsync(language == "fr" ? "donnez un nom dans chaque langue (manquant : en, fr)" : "give a name in every locale (missing: en, fr)");
        await tab.CheckAsync("designer, publication refused", status: 400);

        await tab.Page.Locator("#cat-0-names").FillAsync("Necessary");
        await tab.Page.Locator("#cat-0-names-fr").FillAsync("Nécessaires");
        await tab.Page.Locator("#cat-0-descriptions").FillAsync("Makes the site work");
        await tab.Page.Locator("#cat-0-descriptions-fr").FillAsync("Font marcher le site");
        await SaveAsync(tab, "form:has(#cat-0-key) button[value=save]");

        await tab.Page.Locator("#cat-new-key").FillAsync("analytics");
        await tab.Page.Locator("#cat-new-names").FillAsync("Audience");
        await tab.Page.Locator("#cat-new-names-fr").FillAsync("Mesure d'audience");
        await tab.Page.Locator("#cat-new-descriptions").FillAsync("Counts visits");
        await tab.Page.Locator("#cat-new-descriptions-fr").FillAsync("Compte les visites");
        await SaveAsync(tab, "form:has(#cat-new-key) button[value=save]");
        await Assertions.Expect(tab.Page.Locator("#cat-1-key")).ToHaveValueAsync("analytics");

        await tab.Page.Locator("#svc-new-key").FillAsync("matomo");
        await tab.Page.Locator("#svc-new-name").FillAsync("Matomo");
        await tab.Page.Locator("#svc-new-category").SelectOptionAsync("analytics");
        await tab.Page.Locator("#svc-new-provider").FillAsync("Acme SAS");
        await tab.Page.Locator("#svc-new-purposes").FillAsync("Counts visits");
        await tab.Page.Locator("#svc-new-purposes-fr").FillAsync("Compte les visites");
        await tab.Page.Locator("#svc-new-cookies").FillAsync("_pk_id*");
        await tab.Page.Locator("#svc-new-cookie-0-days").FillAsync("395");
        await SaveAsync(tab, "form:has(#svc-new-key) button[value=save]");
        await Assertions.Expect(tab.Page.Locator("#svc-0-cookies")).ToHaveValueAsync("_pk_id*");

        await tab.Page.Locator("#text-fr").FillAsync("Des cookies chez Shop");
        await SaveAsync(tab, "form:has(#text-fr) button[type=submit]");
        await tab.CheckAsync("designer, draft complete");

        // The preview in French is the real widget over the draft: the French text, the service and its cookie.
        await tab.Page.Locator("a[hreflang=fr].preview__locale").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(PreviewFr());
        var preview = tab.Page.FrameLocator("iframe[data-banner-preview]");
        await Assertions.Expect(preview.Locator("dialog h2")).ToHaveTextAsync("Des cookies chez Shop");
        await preview.Locator("dialog button").Nth(3).ClickAsync();
        await Assertions.Expect(preview.Locator("dialog")).ToContainTextAsync("Matomo — Fournisseur: Acme SAS");
        await Assertions.Expect(preview.Locator("dialog")).ToContainTextAsync("_pk_id* (13 mois)");
        await tab.CheckAsync("designer, preview in French");
        // A choice in the preview is recorded nowhere.
        await preview.Locator("dialog button").Nth(2).ClickAsync();
        await Assertions.Expect(preview.Locator("dialog")).ToBeHiddenAsync();
        Assert.Equal(0, app.InScope(db => db.CookieConsentRecords.Count(r => r.SiteId == site)));
        // The preview follows the words as they are typed, before any save: the widget runs again over them.
        var saved = app.InScope(db => db.Banners.Single(b => b.SiteId == site).UpdatedAt);
        await tab.Page.Locator("#text-fr").FillAsync("Vos cookies, en direct");
        await Assertions.Expect(preview.Locator("dialog h2")).ToHaveTextAsync("Vos cookies, en direct");
        await tab.CheckAsync("designer, live preview");
        Assert.Equal(saved, app.InScope(db => db.Banners.Single(b => b.SiteId == site).UpdatedAt));
        Assert.Equal("Des cookies chez Shop", app.InScope(db => db.Banners.Single(b => b.SiteId == site)).Draft.Texts!["fr"]["title"]);

        await tab.Page.Locator("#publish").ClickAsync();
        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        var version = app.InScope(db => db.BannerVersions.Single(v => v.SiteId == site));
        await tab.CheckAsync("designer, published");
        await tab.Page.Locator($"a[href='/banners/{site}/versions/1']").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-version-hash]")).ToHaveTextAsync(version.Sha256);
        Assert.Equal("Des cookies chez Shop", version.Snapshot.Texts["fr"]["title"]);
        Assert.Equal(395, version.Snapshot.Services.Single().Cookies.Single().LifetimeDays);
        await tab.CheckAsync("banner version");
    }

    [Fact]
    public async Task WithoutJavaScript_AddingACategory_Works_AndThePreviewIsALink()
    {
        var site = await BannerPagesData.SiteWithDraftAsync(app);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await SignInAsync(tab, marketer);
        await tab.GotoAsync($"/banners/{site}");
        await Assertions.Expect(tab.Page.Locator("iframe[data-banner-preview]")).ToBeHiddenAsync();
        await Assertions.Expect(tab.Page.Locator($"a[href^='/banners/{site}/preview?locale=en']")).ToBeVisibleAsync();

        await tab.Page.Locator("#cat-new-key").FillAsync("ads");
        await tab.Page.Locator("#cat-new-marketing").CheckAsync();
        await tab.Page.Locator("#cat-new-names").FillAsync("Advertising");
        await tab.Page.Locator("form:has(#cat-new-key) button[value=save]").ClickAsync();

        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        var added = app.InScope(db => db.Banners.Single(b => b.SiteId == site)).Draft.Categories!.Last();
        Assert.Equal(("ads", true, "Advertising"), (added.Key, added.Marketing, added.Names!["en"]));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task PurposesAndNotices_Walk_PublishANoticeVersion_AndSeeItsHash(string language)
    {
        var key = $"terms_{Guid.NewGuid():N}"[..20];
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, admin);

        await tab.GotoAsync("/purposes");
        await tab.CheckAsync("purposes");
        await tab.Page.Locator("a[href='/purposes/edit']").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("details:has(#n-new-key) summary")).ToBeVisibleAsync();
        await tab.CheckAsync("purposes, edit");

        await tab.Page.Locator("details:has(#p-new-key) summary").ClickAsync();
        await tab.Page.Locator("#p-new-key").FillAsync($"p{key}");
        await tab.Page.Locator("#p-new-names").FillAsync("Newsletter");
        await tab.Page.Locator("#p-new-channels").CheckAsync();
        await tab.Page.Locator("#p-new-basis-fr").SelectOptionAsync("legitimate_interest");
        await tab.Page.Locator("#p-new-retention").FillAsync("365");
        await tab.Page.Locator("form:has(#p-new-key) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("#p-new-ref-fr-error")).ToContainTextAsync(language == "fr"
            ? "l’intérêt légitime a besoin de la référence de sa mise en balance (R1)" : "legitimate interest needs a reference to its balancing test (R1)");
        await tab.CheckAsync("purposes, purpose refused", status: 400);
        await tab.Page.Locator("#p-new-ref-fr").FillAsync("LIA-2026-01");
        await tab.Page.Locator("form:has(#p-new-key) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToBeVisibleAsync();

        await tab.Page.Locator("details:has(#n-new-key) summary").ClickAsync();
        await tab.Page.Locator("#n-new-key").FillAsync(key);
        await tab.Page.Locator("#n-new-kind").SelectOptionAsync("consent");
        await tab.Page.Locator("form:has(#n-new-key) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToContainTextAsync(key);

        await tab.Page.Locator($"details:has(#n-{key}-locale) summary").ClickAsync();
        await tab.Page.Locator($"#n-{key}-locale").FillAsync("fr");
        await tab.Page.Locator($"form:has(#n-{key}-locale) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator($"#n-{key}-text-error")).ToBeVisibleAsync();
        await tab.CheckAsync("purposes, version refused", status: 400);
        await tab.Page.Locator($"#n-{key}-text").FillAsync("Je veux recevoir la lettre d'information.");
        await tab.Page.Locator($"form:has(#n-{key}-locale) button[type=submit]").ClickAsync();

        // SHA-256 of the UTF-8 wording, computed elsewhere: printf "Je veux recevoir la lettre d'information." | sha256sum
        await Assertions.Expect(tab.Page.Locator($"table[data-notice='{key}'] code.hash")).ToHaveTextAsync(WordingHash);
        await tab.CheckAsync("purposes, version published");
    }

    private const string WordingHash = "6d913881fce9918c68925c82313af4584c2558ef7e3ad993994d3f00d79044a4";

    private static async Task SaveAsync(AppPage tab, string button)
    {
        await tab.Page.Locator(button).ClickAsync();
        try
        {
            await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            Assert.Fail($"{button}: {tab.Page.Url} {(await tab.Page.ContentAsync())[..Math.Min(3000, (await tab.Page.ContentAsync()).Length)]}");
        }
    }

    /// <summary>Signs in with the password, and the authenticator's code where the role has one.</summary>
    private static async Task SignInAsync(AppPage tab, TestUser user)
    {
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
    }

    [GeneratedRegex("/account/sign-in/code")]
    private static partial Regex CodePage();

    [GeneratedRegex("^http://localhost:\\d+/$")]
    private static partial Regex Home();

    [GeneratedRegex("\\?preview=fr$")]
    private static partial Regex PreviewFr();
}

public sealed class BannerPagesFacts_OnSqlite(SqliteWebBrowserApp app) : BannerPagesFacts<SqliteWebBrowserApp>(app);

public sealed class BannerPagesFacts_OnPostgres(PostgresWebBrowserApp app) : BannerPagesFacts<PostgresWebBrowserApp>(app);
