using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.Reports;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The report pages in Chromium (issue 18 item 6), walked by a marketer from the overview to a sequence's steps, a
/// purpose's days with a bad period named on its field, and a form's days chosen with the period form — in English with
/// JavaScript, in French without. Each state passes axe, the strict CSP and a clean console.
/// </summary>
public abstract partial class ReportsPageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en", true)]
    [InlineData("fr", false)]
    public async Task Reports_AreWalkedFromTheOverview_WithChartsTablesAndFiles(string language, bool javaScript)
    {
        var seeded = await ReportData.SeedAsync(app);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app, language, javaScript);
        var page = tab.Page;
        // A marketer signs in with a password alone.
        await tab.GotoAsync("/account/sign-in");
        await page.Locator("#email").FillAsync(marketer.Email);
        await page.Locator("#password").FillAsync(marketer.Password);
        await page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(app.AppAddress, "/").ToString());

        await tab.GotoAsync("/reports");
        await tab.CheckAsync("reports overview");
        await page.Locator($"a[href='/reports/sequences/{seeded.SequenceKey}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/reports/sequences/{seeded.SequenceKey}$"));
        var mail = page.Locator("[data-report=steps] tr[data-step=mail] td");
        await Assertions.Expect(mail).ToHaveTextAsync(["email", "5", "4", "80.0", "1", "1", "1", "1", "3", "1", "0"]);
        await Assertions.Expect(page.Locator("[data-report=steps] tr[data-step=check] td").Last).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-send-list]")).ToHaveCountAsync(0);
        await tab.CheckAsync("sequence report");
        if (javaScript)
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"a[href='/reports/sequences/{seeded.SequenceKey}/csv']").ClickAsync());
            var csv = await File.ReadAllTextAsync(await download.PathAsync());
            Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        }

        await tab.GotoAsync($"/reports/purposes/{seeded.PurposeKey}?from=2026-11-03&to=2026-11-01");
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#to']")).ToBeVisibleAsync();
        await tab.CheckAsync("purpose report, a bad period", status: 400);
        await page.Locator("#from").FillAsync("2026-11-01");
        await page.Locator("#to").FillAsync("2026-11-03");
        await page.Locator("form:has(#from) button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("from=2026-11-01&to=2026-11-03$"));
        await Assertions.Expect(page.Locator(".figure__value")).ToHaveTextAsync(["3", "1", "1", "4"]);
        await tab.CheckAsync("purpose report");

        await tab.GotoAsync($"/reports/forms/{seeded.FormId}?from=2026-11-01&to=2026-11-03");
        await Assertions.Expect(page.Locator(".figure__value")).ToHaveTextAsync(["4", "3", "66.7 %"]);
        await tab.CheckAsync("form report");
    }
}

public sealed class ReportsPageFacts_OnSqlite(SqliteWebBrowserApp app) : ReportsPageFacts<SqliteWebBrowserApp>(app);

public sealed class ReportsPageFacts_OnPostgres(PostgresWebBrowserApp app) : ReportsPageFacts<PostgresWebBrowserApp>(app);
