using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The erase action on a person's page (R38) in Chromium: it asks for a ground and a confirmation, refuses a post
/// without them naming each field, erases, and shows the report; each state passes axe, the CSP and a clean console,
/// in English and French, and the post works without JavaScript.
/// </summary>
public abstract partial class ErasurePageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task EraseAction_AsksAGroundAndAConfirmation_ThenShowsTheReport(string language)
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var user = await WebUsers.CreateAsync(app, ApiKeyRole.Compliance);
        await using var tab = await AppPage.OpenAsync(app, language);
        await tab.SignInWithCodeAsync(app, user);
        var page = tab.Page;

        await tab.GotoAsync($"/people/{person.Id}");
        await tab.CheckAsync("person, with the erase action");
        await page.Locator($"a[href='/people/{person.Id}/erase']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ErasePath());
        await tab.CheckAsync("erase, asking");
        await page.Locator("form[data-erase] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#ground']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#confirm']")).ToBeVisibleAsync();
        await tab.CheckAsync("erase, refused without ground and confirmation", status: 400);
        Assert.Equal(person.Email, app.InScope(db => db.People.Single(p => p.Id == person.Id).Email));

        await page.Locator("#ground").SelectOptionAsync("objection");
        await page.Locator("#confirm").CheckAsync();
        await page.Locator("form[data-erase] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-erasure-scan=clean]")).ToBeVisibleAsync();
        await tab.CheckAsync("erase, the report");
        Assert.Null(app.InScope(db => db.People.Single(p => p.Id == person.Id).Email));

        await tab.GotoAsync($"/people/{person.Id}");
        await Assertions.Expect(page.Locator($".notice a[href='/people/{person.Id}/erase']")).ToBeVisibleAsync();
        await tab.CheckAsync("person, erased");
    }

    [Fact]
    public async Task EraseAction_WorksAsAPlainPost_WithoutJavaScript()
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var user = await WebUsers.CreateAsync(app, ApiKeyRole.Dpo);
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await tab.SignInWithCodeAsync(app, user);

        await tab.GotoAsync($"/people/{person.Id}/erase");
        await tab.Page.Locator("#ground").SelectOptionAsync("consent_withdrawn");
        await tab.Page.Locator("#confirm").CheckAsync();
        await tab.Page.Locator("form[data-erase] button[type=submit]").ClickAsync();

        await Assertions.Expect(tab.Page.Locator("[data-erasure-scan=clean]")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-erasure-counts] tbody tr").First).ToBeVisibleAsync();
        Assert.Equal(1, app.InScope(db => db.Erasures.Count(e => e.PersonId == person.Id)));
    }

    [GeneratedRegex("/people/[0-9a-f-]+/erase$")]
    private static partial Regex ErasePath();
}

public sealed class ErasurePageFacts_OnSqlite(SqliteWebBrowserApp app) : ErasurePageFacts<SqliteWebBrowserApp>(app);

public sealed class ErasurePageFacts_OnPostgres(PostgresWebBrowserApp app) : ErasurePageFacts<PostgresWebBrowserApp>(app);
