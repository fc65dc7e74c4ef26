using System.Globalization;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// Compliance → Breach register in Chromium (issue 17, item 9): the list, a new incident with its errors, an incident with its
/// scope counts and drafts pass axe, the strict CSP and a clean console in English and French; the form works without script.
/// </summary>
public abstract partial class IncidentPagesFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task BreachRegister_EveryState_HasNoAxeViolation_AndNoCspViolation(string language)
    {
        var dpo = await WebUsers.CreateAsync(app, ApiKeyRole.Dpo);
        var title = $"Leaked export {language} {Guid.NewGuid():N}"[..24];
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, dpo);
        var page = tab.Page;

        await tab.GotoAsync("/compliance/incidents");
        await tab.CheckAsync("incidents");
        await tab.GotoAsync("/compliance/incidents/new");
        await tab.CheckAsync("incident, new");
        await page.Locator("#i-title").FillAsync(title);
        await page.Locator("#i-scopeKind").SelectOptionAsync("channel");
        await page.Locator("#i-scopeKey").FillAsync("fax");
        await page.Locator("form:has(#i-title) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#i-scopeKey-error")).ToContainTextAsync("email, sms");
        await Assertions.Expect(page.Locator("#i-description-error")).ToBeVisibleAsync();
        await tab.CheckAsync("incident, with errors", status: 400);

        await page.Locator("#i-description").FillAsync("A contact export was mailed to the wrong address.");
        await page.Locator("#i-awareAt").FillAsync(Local(DateTimeOffset.UtcNow.AddHours(-80)));
        await page.Locator("#i-scopeKey").FillAsync("email");
        await page.Locator("#i-subjectCategories").FillAsync("prospects");
        await page.Locator("form:has(#i-title) button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(IncidentPage());
        await Assertions.Expect(page.Locator("[data-incident-state]")).ToHaveAttributeAsync("data-incident-state", "overdue");
        await Assertions.Expect(page.Locator("[data-scope-counts]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-draft=authority]")).ToContainTextAsync(language == "fr" ? "RGPD art. 33" : "GDPR art. 33");
        await tab.CheckAsync("incident, saved");

        await tab.GotoAsync("/compliance/incidents");
        var row = page.Locator("tr[data-state=overdue]", new() { HasText = title });
        await Assertions.Expect(row).ToHaveClassAsync(new Regex("row--overdue"));
        await tab.CheckAsync("incidents, one overdue");
    }

    [Fact]
    public async Task WithoutJavaScript_AnIncident_IsAPlainPost_ThatShowsItsErrorsAndThenSaves()
    {
        var compliance = await WebUsers.CreateAsync(app, ApiKeyRole.Compliance);
        var title = $"Plain incident {Guid.NewGuid():N}"[..24];
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await SignInAsync(tab, compliance);
        await tab.GotoAsync("/compliance/incidents/new");
        var page = tab.Page;

        await page.Locator("#i-title").FillAsync(title);
        await page.Locator("form:has(#i-title) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#i-description-error")).ToBeVisibleAsync();
        await page.Locator("#i-description").FillAsync("Lost laptop, disk encrypted.");
        await page.Locator("#i-awareAt").FillAsync(Local(DateTimeOffset.UtcNow.AddHours(-1)));
        await page.Locator("#i-notRequiredReason").FillAsync("The disk was encrypted and the key was not exposed.");
        await page.Locator("form:has(#i-title) button[type=submit]").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(IncidentPage());
        await Assertions.Expect(page.Locator("[data-incident-state]")).ToHaveAttributeAsync("data-incident-state", "not_required");
    }

    private static string Local(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

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

    [GeneratedRegex("/compliance/incidents/[0-9a-f-]{36}\\?saved=true")]
    private static partial Regex IncidentPage();
}

public sealed class IncidentPagesFacts_OnSqlite(SqliteWebBrowserApp app) : IncidentPagesFacts<SqliteWebBrowserApp>(app);

public sealed class IncidentPagesFacts_OnPostgres(PostgresWebBrowserApp app) : IncidentPagesFacts<PostgresWebBrowserApp>(app);
