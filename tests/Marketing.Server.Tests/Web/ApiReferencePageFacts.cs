using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The API reference page (issue 18, item 7) in Chromium: a visitor is sent to the sign-in; a marketer, signed in, reads
/// the admin routes drawn by Scalar from the engine's own files, with no CSP violation, no console error and no axe
/// violation.
/// </summary>
public abstract class ApiReferencePageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Fact]
    public async Task ReferencePage_AfterSignIn_ShowsTheApi_UnderTheStrictPolicy()
    {
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app);

        await tab.GotoAsync("/api-reference");
        Assert.StartsWith("/account/sign-in", tab.Path, StringComparison.Ordinal);
        await tab.Page.Locator("#email").FillAsync(marketer.Email);
        await tab.Page.Locator("#password").FillAsync(marketer.Password);
        await tab.Page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        // Back where the visitor was going (Scalar's page lives at the path with a slash).
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Uri(app.AppAddress, "/api-reference/").ToString());

        // A wait budget for the document to load and draw on a loaded machine, not a timing assertion.
        var drawn = new LocatorAssertionsToContainTextOptions { Timeout = 90_000 };
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Complementary, new() { Name = "Sidebar for Marketing engine API" })).ToContainTextAsync("/api/admin/suppressions", drawn);
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Complementary)).ToContainTextAsync("Sites", drawn);
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Complementary)).ToContainTextAsync("Compliance", drawn);
        // The only refusal is Scalar's eval, which the policy keeps refusing (ADR 17); the page draws without it.
        var refused = await tab.Page.EvaluateAsync<string[]>("window.__csp ?? []");
        Assert.All(refused, r => Assert.Equal("script-src eval", r));
        await tab.Page.EvaluateAsync("window.__csp = []");
        await tab.CheckAsync("api reference");
    }
}

public sealed class ApiReferencePageFacts_OnSqlite(SqliteWebBrowserApp app) : ApiReferencePageFacts<SqliteWebBrowserApp>(app);

public sealed class ApiReferencePageFacts_OnPostgres(PostgresWebBrowserApp app) : ApiReferencePageFacts<PostgresWebBrowserApp>(app);
