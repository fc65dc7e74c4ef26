using System.IO.Compression;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The audit trail on the compliance page in Chromium (R49, E9): searched by object and period, a bad date named on its
/// field, exported as the search's CSV; and Settings → API keys giving a key scopes and an expiry with a plain post.
/// Each state passes axe, the strict CSP and a clean console, in English and French.
/// </summary>
public abstract partial class AuditPageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task AuditLog_IsSearchedAndExported_OnTheCompliancePage(string language)
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var dpo = await WebUsers.CreateAsync(app, ApiKeyRole.Dpo);
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, dpo);
        var page = tab.Page;
        await tab.GotoAsync($"/people/{person.Id}");

        await tab.GotoAsync("/compliance");
        await Assertions.Expect(page.Locator("[data-ledger-status]")).ToBeVisibleAsync();
        await tab.CheckAsync("compliance with the audit trail");
        await page.Locator("#object").FillAsync(person.Id.ToString());
        await page.Locator("form:has(#object) button[type=submit]:not([data-audit-export])").ClickAsync();
        await Assertions.Expect(page.Locator("[data-audit-log] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-audit-log] tbody tr")).ToContainTextAsync("person.read");
        await Assertions.Expect(page.Locator("[data-audit-log] tbody tr")).ToContainTextAsync("dpo");
        await tab.CheckAsync("audit, searched by object");

        await tab.GotoAsync("/compliance?since=2026-02-30");
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#audit-from']")).ToBeVisibleAsync();
        await tab.CheckAsync("audit, a bad date", status: 400);

        await tab.GotoAsync($"/compliance?object={person.Id}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-audit-export]").ClickAsync());
        using var zip = ZipFile.OpenRead(await download.PathAsync());
        using var csv = new StreamReader(zip.GetEntry("audit-log.csv")!.Open());
        var lines = (await csv.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Id,At,Actor,Role,Action,ObjectType,ObjectId,Source,Detail", lines[0].TrimEnd('\r'));
        Assert.Contains(lines, l => l.Contains($"user:{dpo.Email},dpo,person.read,person,{person.Id}", StringComparison.Ordinal));
        await tab.CheckAsync("audit, exported");
    }

    [Fact]
    public async Task WithoutJavaScript_AKeyIsCreatedWithScopesAndAnExpiry()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await SignInAsync(tab, admin);
        await tab.GotoAsync("/settings/api-keys");
        var name = $"scoped-{Guid.NewGuid():N}"[..20];
        var expires = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await tab.Page.Locator("#key-name").FillAsync(name);
        await tab.Page.Locator("#key-scopes").CheckAsync();
        await tab.Page.Locator("#key-scope-leads").CheckAsync();
        await tab.Page.Locator("#key-expiresAt").FillAsync(expires);
        await tab.Page.Locator("form:has(#key-name) button[type=submit]").ClickAsync();

        await Assertions.Expect(tab.Page.Locator("[data-new-key]")).ToContainTextAsync("mk_");
        var row = tab.Page.Locator($"tr:has(th:text-is('{name}'))");
        await Assertions.Expect(row).ToContainTextAsync("access, leads");
        await Assertions.Expect(row).ToContainTextAsync(expires);
        var key = app.InScope(db => db.ApiKeys.Single(k => k.Name == name));
        Assert.Equal(["access", "leads"], key.Scopes);
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

public sealed class AuditPageFacts_OnSqlite(SqliteWebBrowserApp app) : AuditPageFacts<SqliteWebBrowserApp>(app);

public sealed class AuditPageFacts_OnPostgres(PostgresWebBrowserApp app) : AuditPageFacts<PostgresWebBrowserApp>(app);
