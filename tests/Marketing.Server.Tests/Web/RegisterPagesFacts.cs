using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// Compliance → Processors and Compliance → Register in Chromium (issue 17, items 6 and 7): each page and state passes
/// axe, the strict CSP and a clean console, in English and French; an entry's form works as a plain post without script.
/// </summary>
public abstract partial class RegisterPagesFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task ProcessorsAndRegister_EveryState_HasNoAxeViolation_AndNoCspViolation(string language)
    {
        var purpose = $"walk_{language}_{Guid.NewGuid():N}"[..16];
        await app.InScopeAsync(db => SavePurpose.HandleAsync(db, TimeProvider.System, purpose,
            new PurposeInput(new() { ["en"] = "Webinars", ["fr"] = "Webinaires" }, null, ["email"], new() { ["eu"] = new("consent") }, 365), "test", CancellationToken.None));
        var dpo = await WebUsers.CreateAsync(app, ApiKeyRole.Dpo);
        var key = $"relay-{language}-{Guid.NewGuid():N}"[..16];
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, dpo);
        var page = tab.Page;

        await tab.GotoAsync("/compliance/processors");
        await tab.CheckAsync("processors");
        await tab.GotoAsync("/compliance/processors/new");
        await tab.CheckAsync("processor, new");
        await page.Locator("#p-key").FillAsync(key);
        await page.Locator("#p-storageCountries").FillAsync("France");
        await page.Locator("form:has(#p-key) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#p-storageCountries-error")).ToContainTextAsync("ISO 3166-1");
        await tab.CheckAsync("processor, with errors", status: 400);

        await page.Locator("#p-legalName").FillAsync("Relay SAS");
        await page.Locator("#p-service").FillAsync("Email relay");
        await page.Locator("#p-dataCategories").FillAsync("email address\nmessage content");
        await page.Locator("#p-storageCountries").FillAsync("FR, IN");
        await page.Locator("#p-accessCountries").FillAsync("FR");
        await page.Locator("#p-transferMechanism").SelectOptionAsync("scc");
        await page.Locator("#p-transferDocument").FillAsync("SCC 2021/914 of 2025-01-01");
        await page.Locator("#p-dpaDate").FillAsync("2025-01-01");
        await page.Locator("#p-subProcessorsUrl").FillAsync("https://relay.example/sub");
        await page.Locator("form:has(#p-key) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-processor='{key}']")).ToContainTextAsync("IN");
        await tab.CheckAsync("processors, saved");

        await tab.GotoAsync("/compliance/register");
        await Assertions.Expect(page.Locator($"[data-register-row='{purpose}']")).ToContainTextAsync("Relay SAS");
        await tab.CheckAsync("register");
        await tab.GotoAsync($"/compliance/register/{purpose}");
        await page.Locator("#r-dpiaReference").FillAsync(new string('x', 501));
        await page.Locator("form:has(#r-dpiaReference) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#r-dpiaReference-error")).ToBeVisibleAsync();
        await tab.CheckAsync("register row, with errors", status: 400);
        await page.Locator("#r-dpiaReference").FillAsync("DPIA-2026-07");
        await page.Locator("form:has(#r-dpiaReference) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-register-row='{purpose}']")).ToContainTextAsync("DPIA-2026-07");
        await tab.CheckAsync("register, saved");
    }

    [Fact]
    public async Task WithoutJavaScript_AProcessorEntry_IsAPlainPost_ThatShowsItsErrorsAndThenSaves()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        var key = $"plain-{Guid.NewGuid():N}"[..16];
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await SignInAsync(tab, admin);
        await tab.GotoAsync("/compliance/processors/new");
        var page = tab.Page;

        await page.Locator("#p-key").FillAsync(key);
        await page.Locator("#p-dpaDate").FillAsync("2025-01-01");
        await page.Locator("form:has(#p-key) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#p-legalName-error")).ToBeVisibleAsync();
        await page.Locator("#p-legalName").FillAsync("Plain Relay SA");
        await page.Locator("#p-service").FillAsync("Email relay");
        await page.Locator("#p-dataCategories").FillAsync("email address");
        await page.Locator("#p-storageCountries").FillAsync("DE");
        await page.Locator("#p-accessCountries").FillAsync("DE");
        await page.Locator("#p-subProcessorsUrl").FillAsync("https://plain.example/sub");
        await page.Locator("form:has(#p-key) button[type=submit]").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compliance/processors\\?saved="));
        await Assertions.Expect(page.Locator($"[data-processor='{key}']")).ToContainTextAsync("Plain Relay SA");
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

public sealed class RegisterPagesFacts_OnSqlite(SqliteWebBrowserApp app) : RegisterPagesFacts<SqliteWebBrowserApp>(app);

public sealed class RegisterPagesFacts_OnPostgres(PostgresWebBrowserApp app) : RegisterPagesFacts<PostgresWebBrowserApp>(app);
