using System.Net.Http.Json;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The broadcasts page in Chromium: a bad throttle named on its field with a 400, a draft saved, scheduled and cancelled
/// through the same use cases as the API; each state passes axe, the strict CSP and a clean console, in English and
/// French; and a draft saved without JavaScript.
/// </summary>
public abstract class BroadcastsPageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Broadcast_IsDraftedScheduledAndCancelled_OnThePage(string language)
    {
        var (segment, purpose) = await SeedAsync();
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, marketer);
        var page = tab.Page;
        await tab.GotoAsync("/campaigns/broadcasts");
        await tab.CheckAsync("broadcasts");
        var key = $"walk-{Guid.NewGuid():N}"[..16];

        await FillAsync(page, key, segment, purpose, throttle: "many");
        await page.Locator("form:has(#bc-key) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#bc-throttle-count']")).ToBeVisibleAsync();
        await tab.CheckAsync("broadcasts, a bad throttle", status: 400);

        await FillAsync(page, key, segment, purpose, throttle: "500");
        await page.Locator("form:has(#bc-key) button[type=submit]").ClickAsync();
        var row = page.Locator($"tr:has(th:text-is('{key}'))");
        await Assertions.Expect(row).ToContainTextAsync(language == "en" ? "Draft" : "Brouillon");
        await tab.CheckAsync("broadcasts, a draft saved");

        await row.Locator("button.button--secondary").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync(language == "en" ? "Scheduled" : "Programmée");
        await tab.CheckAsync("broadcasts, scheduled");

        await row.Locator("button.button--warning").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync(language == "en" ? "Cancelled" : "Annulée");
        await tab.CheckAsync("broadcasts, cancelled");
        Assert.Equal("cancelled", app.InScope(db => db.Broadcasts.Single(b => b.Key == key).Status));
    }

    [Fact]
    public async Task WithoutJavaScript_ADraftIsSaved()
    {
        var (segment, purpose) = await SeedAsync();
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await SignInAsync(tab, marketer);
        await tab.GotoAsync("/campaigns/broadcasts");
        var key = $"nojs-{Guid.NewGuid():N}"[..16];

        await FillAsync(tab.Page, key, segment, purpose, throttle: "");
        await tab.Page.Locator("form:has(#bc-key) button[type=submit]").ClickAsync();

        await Assertions.Expect(tab.Page.Locator($"tr:has(th:text-is('{key}'))")).ToContainTextAsync("Draft");
        Assert.Equal("2030-01-01T08:00:00.0000000+00:00", app.InScope(db => db.Broadcasts.Single(b => b.Key == key).ScheduledAt)!.Value.ToString("O"));
    }

    private static async Task FillAsync(IPage page, string key, string segment, string purpose, string throttle)
    {
        await page.Locator("#bc-key").FillAsync(key);
        await page.Locator("#bc-name").FillAsync("December offer");
        await page.Locator("#bc-segment").SelectOptionAsync(segment);
        await page.Locator("#bc-purpose").SelectOptionAsync(purpose);
        await page.Locator("#bc-template").FillAsync("welcome");
        await page.Locator("#bc-schedule-kind").SelectOptionAsync("at");
        await page.Locator("#bc-schedule-at").FillAsync("2030-01-01T09:00:00+01:00");
        await page.Locator("#bc-throttle-count").FillAsync(throttle);
    }

    private async Task<(string Segment, string Purpose)> SeedAsync()
    {
        var tag = $"page{Guid.NewGuid():N}"[..12];
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        (await admin.PutAsJsonAsync($"/api/admin/purposes/{tag}", new
        {
            names = new { en = "Offers" }, channels = new[] { "email" }, bases = new Dictionary<string, object> { ["fr"] = new { basis = "consent" } }, retentionDays = 365,
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/admin/segments/{tag}", new
        {
            name = "Readers",
            definition = new { channel = "email", conditions = new object[] { new { type = "consent", purpose = tag, channel = "email", status = "granted" } } },
        })).EnsureSuccessStatusCode();
        return (tag, tag);
    }

    private async Task SignInAsync(AppPage tab, TestUser user)
    {
        await tab.GotoAsync("/account/sign-in");
        await tab.Page.Locator("#email").FillAsync(user.Email);
        await tab.Page.Locator("#password").FillAsync(user.Password);
        await tab.Page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Uri(app.AppAddress, "/").ToString());
    }
}

public sealed class BroadcastsPageFacts_OnSqlite(SqliteWebBrowserApp app) : BroadcastsPageFacts<SqliteWebBrowserApp>(app);

public sealed class BroadcastsPageFacts_OnPostgres(PostgresWebBrowserApp app) : BroadcastsPageFacts<PostgresWebBrowserApp>(app);
