using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The templates pages in Debian's Chromium (issue 16, page 6): a marketer creates an email and an SMS template, sees a
/// parse error at its line and column as they type, the live preview (the email in its layout, the SMS segments) change,
/// and saves; every state passes axe and the CSP, in English and French. Without JavaScript the Preview and Save
/// buttons do the same.
/// </summary>
public abstract class TemplatesBrowserFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    private const string SmsBody = "{{ person.first_name }}, our offers are waiting. Reply STOP to opt out.";

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Walk_CreatesAnEmailAndAnSmsTemplate_SeesParseErrorsAndTheLivePreview_AndSaves(string language)
    {
        var en = language == "en";
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, marketer);

        await tab.GotoAsync("/templates");
        await Assertions.Expect(tab.Page.Locator("a[href='/templates/sms-offer/fr']")).ToBeVisibleAsync();
        await tab.CheckAsync("templates");

        var emailKey = TemplateForms.NewKey("spring");
        await CreateAsync(tab, emailKey, language, "email");
        await tab.CheckAsync("new email template");
        await tab.Page.Locator("#subject").FillAsync("Spring for {{ person.first_name }}");
        await tab.Page.Locator("#html").FillAsync("<p>Hello {{ person.first_name </p>");
        await Assertions.Expect(tab.Page.Locator("#html-live")).ToContainTextAsync(en ? "Line 1, column 32: " : "Ligne 1, colonne 32 : ");
        await Assertions.Expect(tab.Page.Locator("#html")).ToHaveAttributeAsync("aria-invalid", "true");
        await tab.CheckAsync("email with a parse error");
        await tab.Page.Locator("#html").FillAsync("<p>Hello {{ person.first_name }}</p>");
        await Assertions.Expect(tab.Page.Locator("#html-live")).ToBeEmptyAsync();
        await Assertions.Expect(tab.Page.Locator("[data-preview-subject]")).ToHaveTextAsync("Spring for Ana");
        await Assertions.Expect(tab.Page.Locator("iframe[data-preview-frame]")).ToBeVisibleAsync();
        // The email as sent: the draft inside the locale's layout, with its marketing footer.
        var frame = tab.Page.FrameLocator("iframe[data-preview-frame]");
        await Assertions.Expect(frame.Locator("p", new() { HasText = "Hello Ana" })).ToBeVisibleAsync();
        await Assertions.Expect(frame.Locator("a[href='https://engine.example/email/unsubscribe/sample']")).ToBeVisibleAsync();
        await tab.CheckAsync("email previewed");
        await tab.Page.Locator("button[value=save]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        await tab.CheckAsync("email saved");
        Assert.Equal("<p>Hello {{ person.first_name }}</p>", app.InScope(db => db.MessageTemplates.Single(t => t.Key == emailKey && t.Locale == language).Html));

        var smsKey = TemplateForms.NewKey("offer");
        await tab.GotoAsync("/templates");
        await CreateAsync(tab, smsKey, "en", "sms");
        await tab.CheckAsync("new sms template");
        await tab.Page.Locator("#body").FillAsync(SmsBody);
        await Assertions.Expect(tab.Page.Locator("[data-preview-sms]")).ToHaveTextAsync(en ? "GSM-7: 1 segment (51 characters)" : "GSM-7 : 1 segment (51 caractères)");
        await Assertions.Expect(tab.Page.Locator("[data-preview-text]")).ToHaveTextAsync("Ana, our offers are waiting. Reply STOP to opt out.");
        await tab.CheckAsync("sms previewed");
        await tab.Page.Locator("#body").FillAsync(SmsBody + new string('x', 120));
        await Assertions.Expect(tab.Page.Locator("[data-preview-sms]")).ToHaveTextAsync(en ? "GSM-7: 2 segments (171 characters)" : "GSM-7 : 2 segments (171 caractères)");
        await tab.Page.Locator("#body").FillAsync("{{ person.first_name }} {{ if }}");
        await Assertions.Expect(tab.Page.Locator("#body-live")).ToContainTextAsync(en ? "Line 1, column 31: " : "Ligne 1, colonne 31 : ");
        await tab.CheckAsync("sms with a parse error");
        await tab.Page.Locator("#body").FillAsync("✓ " + SmsBody);
        await Assertions.Expect(tab.Page.Locator("[data-preview-sms]")).ToHaveTextAsync(en ? "UCS-2: 1 segment (53 UTF-16 units)" : "UCS-2 : 1 segment (53 unités UTF-16)");
        await tab.Page.Locator("button[value=save]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        await tab.CheckAsync("sms saved");
        Assert.Equal(("sms", "✓ " + SmsBody), app.InScope(db => db.MessageTemplates.Where(t => t.Key == smsKey).Select(t => new { t.Channel, t.Text }).AsEnumerable().Select(t => (t.Channel, t.Text)).Single()));

        // R60: a transactional template is an admin's; a marketer reads and previews it.
        await tab.GotoAsync($"/templates/account-invitation/{language}");
        await Assertions.Expect(tab.Page.Locator(".warning")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("button[value=save]")).ToHaveCountAsync(0);
        await Assertions.Expect(tab.Page.Locator("iframe[data-preview-frame]")).ToBeVisibleAsync();
        await tab.CheckAsync("transactional template, read-only");
    }

    [Fact]
    public async Task WithoutJavaScript_PreviewShowsTheParseErrorAndTheSegments_AndSaveSaves()
    {
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await SignInAsync(tab, marketer);
        await tab.GotoAsync("/templates");
        var key = TemplateForms.NewKey("noscript");
        await CreateAsync(tab, key, "en", "sms");

        await tab.Page.Locator("#body").FillAsync("{{ person.first_name }} {{ if }}");
        await tab.Page.Locator("button[value=preview]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("#body-live")).ToContainTextAsync("Line 1, column 31: ");
        await Assertions.Expect(tab.Page.Locator("[data-error-summary] a[href='#body']")).ToBeVisibleAsync();
        await tab.Page.Locator("#body").FillAsync(SmsBody);
        await tab.Page.Locator("button[value=preview]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-preview-sms]")).ToHaveTextAsync("GSM-7: 1 segment (51 characters)");
        Assert.Equal(0, app.InScope(db => db.MessageTemplates.Count(t => t.Key == key)));
        await tab.Page.Locator("button[value=save]").ClickAsync();

        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        Assert.Equal(SmsBody, app.InScope(db => db.MessageTemplates.Single(t => t.Key == key).Text));
    }

    private static async Task CreateAsync(AppPage tab, string key, string locale, string channel)
    {
        await tab.Page.Locator("#new-key").FillAsync(key);
        await tab.Page.Locator("#new-locale").FillAsync(locale);
        await tab.Page.Locator("#new-channel").SelectOptionAsync(channel);
        await tab.Page.Locator("form:has(#new-key) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex($"/templates/{key}/{locale}\\?channel={channel}$"));
        await Assertions.Expect(tab.Page.Locator("h1")).ToContainTextAsync(key);
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

public sealed class TemplatesBrowserFacts_OnSqlite(SqliteWebBrowserApp app) : TemplatesBrowserFacts<SqliteWebBrowserApp>(app);

public sealed class TemplatesBrowserFacts_OnPostgres(PostgresWebBrowserApp app) : TemplatesBrowserFacts<PostgresWebBrowserApp>(app);
