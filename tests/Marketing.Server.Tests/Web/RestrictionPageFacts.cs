using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// A person's restriction and objection page in Chromium (R39, R17): each state passes axe, the strict CSP and a clean
/// console, in English and French; the state shows on the person's timeline; restricting works as a plain post without script.
/// </summary>
public abstract partial class RestrictionPageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task RestrictLiftAndObject_FromThePersonsPage_InEveryState(string language)
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var officer = await WebUsers.CreateAsync(app, ApiKeyRole.Compliance);
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, officer);
        var page = tab.Page;

        await tab.GotoAsync($"/people/{person.Id}");
        await page.Locator($"a[href='/people/{person.Id}/restriction']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/people/{person.Id}/restriction$"));
        await Assertions.Expect(page.Locator("[data-restricted=false]")).ToBeVisibleAsync();
        await tab.CheckAsync("restriction page");

        await page.Locator("form:has(#restrict-reason) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#restrict-reason']")).ToBeVisibleAsync();
        await tab.CheckAsync("restrict without a reason", status: 400);

        await page.Locator("#restrict-reason").FillAsync("Accuracy contested by letter");
        await page.Locator("form:has(#restrict-reason) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-restricted=true]")).ToContainTextAsync("Accuracy contested by letter");
        await tab.CheckAsync("restricted");

        await tab.GotoAsync($"/people/{person.Id}");
        await Assertions.Expect(page.Locator("[data-restricted=true]")).ToContainTextAsync("Accuracy contested by letter");
        await tab.CheckAsync("person, restricted");

        await tab.GotoAsync($"/people/{person.Id}/restriction");
        await page.Locator("#lift-reason").FillAsync("Accuracy checked with the person");
        await page.Locator("form:has(#lift-reason) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-restricted=false]")).ToBeVisibleAsync();
        await tab.CheckAsync("lifted");

        await page.Locator("#objection-scope").SelectOptionAsync($"purpose:{person.PurposeKey}");
        await page.Locator("#objection-via").SelectOptionAsync("phone");
        await page.Locator("form:has(#objection-scope) button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("done=objected&count=1$"));
        await tab.CheckAsync("objection recorded");
        Assert.Equal(1, app.InScope(db => db.ConsentEvents.Count(e => e.PersonId == person.Id && e.Status == "objected" && e.Method == "agent:phone")));

        await tab.GotoAsync("/compliance");
        await Assertions.Expect(page.Locator("#suppression-list-reason")).ToBeVisibleAsync();
        await tab.CheckAsync("compliance with the E5 and E2 downloads");
    }

    [Fact]
    public async Task WithoutJavaScript_RestrictingIsAPlainPost()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var dpo = await WebUsers.CreateAsync(app, ApiKeyRole.Dpo);
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await SignInAsync(tab, dpo);
        await tab.GotoAsync($"/people/{person.Id}/restriction");

        await tab.Page.Locator("#restrict-reason").FillAsync("Pending objection assessment");
        await tab.Page.Locator("form:has(#restrict-reason) button[type=submit]").ClickAsync();

        await Assertions.Expect(tab.Page.Locator("[data-restricted=true]")).ToContainTextAsync("Pending objection assessment");
        Assert.NotNull(app.InScope(db => db.People.Single(p => p.Id == person.Id).RestrictedAt));
    }

    private async Task SignInAsync(AppPage tab, TestUser user)
    {
        await tab.GotoAsync("/account/sign-in");
        await tab.Page.Locator("#email").FillAsync(user.Email);
        await tab.Page.Locator("#password").FillAsync(user.Password);
        await tab.Page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(CodePage());
        await tab.Page.Locator("#code").FillAsync(Totp.Code(user.AuthenticatorKey!));
        await tab.Page.Locator("main button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Uri(app.AppAddress, "/").ToString());
    }

    [GeneratedRegex("/account/sign-in/code")]
    private static partial Regex CodePage();
}

public sealed class RestrictionPageFacts_OnSqlite(SqliteWebBrowserApp app) : RestrictionPageFacts<SqliteWebBrowserApp>(app);

public sealed class RestrictionPageFacts_OnPostgres(PostgresWebBrowserApp app) : RestrictionPageFacts<PostgresWebBrowserApp>(app);
