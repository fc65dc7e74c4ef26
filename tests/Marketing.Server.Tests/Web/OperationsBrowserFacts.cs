using System.Text;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>The web app in Chromium with a DNS server the test controls, so that "check now" asks it and not the machine's resolver.</summary>
public abstract class OperationsBrowserApp(DatabaseProvider provider) : WebBrowserApp(provider)
{
    public DnsZone Dns { get; } = new();

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Marketing__Email__Domain__DnsServer"] = $"127.0.0.1:{Dns.Port}",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Dns.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteOperationsBrowserApp() : OperationsBrowserApp(DatabaseProvider.Sqlite);

public sealed class PostgresOperationsBrowserApp() : OperationsBrowserApp(DatabaseProvider.Postgres);

/// <summary>
/// Pages 8 to 10 in Chromium (issue 16): each page and state passes axe, the strict CSP and a clean console, in English
/// and French; the CSV import shows its progress and its bad lines with script, and works as a plain post without.
/// </summary>
public abstract partial class OperationsBrowserFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : OperationsBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task EveryPageAndState_HasNoAxeViolation_AndNoCspViolation(string language)
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, admin);
        var page = tab.Page;

        await tab.GotoAsync("/sends");
        await tab.CheckAsync("sends");
        await page.Locator("#status").SelectOptionAsync("blocked");
        await page.Locator("#reason").FillAsync("quiet hours");
        await page.Locator("form.search button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator($"a[href='/people/{person.Id}']")).ToBeVisibleAsync();
        await tab.CheckAsync("sends, filtered");
        await tab.GotoAsync("/sends?status=lost");
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await tab.CheckAsync("sends with errors", status: 400);

        await tab.GotoAsync("/suppression");
        await tab.CheckAsync("suppression");
        await page.Locator("#address").FillAsync(person.Email.ToUpperInvariant());
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("table[data-suppressed=true] tbody tr")).ToHaveCountAsync(1);
        await tab.CheckAsync("suppression, found");
        await page.Locator("#add-address").FillAsync("not an address");
        await page.Locator("form:has(#add-address) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#add-address']")).ToBeVisibleAsync();
        await tab.CheckAsync("suppression, add with errors", status: 400);
        var added = $"walk.{Guid.NewGuid():N}@example.com";
        await page.Locator("#add-address").FillAsync(added);
        await page.Locator("form:has(#add-address) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        await tab.CheckAsync("suppression, added");
        await page.Locator("#import-file").SetInputFilesAsync(Csv($"address\nfirst.{Guid.NewGuid():N}@example.com\nnot an address\n"));
        await page.Locator("form:has(#import-file) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-bad-lines] tbody th")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("[data-import-report]")).ToBeFocusedAsync();
        await tab.CheckAsync("suppression, imported with a bad line");
        await tab.GotoAsync($"/suppression?address={Uri.EscapeDataString(added)}");
        await page.Locator("table[data-suppressed=true] form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        await tab.CheckAsync("suppression, removed");

        await tab.GotoAsync("/compliance");
        await tab.CheckAsync("compliance");
        await page.Locator("form[data-verify-ledger] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-ledger=intact]")).ToBeVisibleAsync();
        await tab.CheckAsync("compliance, ledger verified");
        await tab.GotoAsync("/compliance?action=suppression.");
        await Assertions.Expect(page.Locator("[data-audit-log] tbody tr").First).ToContainTextAsync("suppression.");
        await tab.CheckAsync("compliance, audit filtered");
        await tab.GotoAsync("/compliance?export=proof&from=2026-12-03&to=2026-12-01&format=csv");
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#proof-to']")).ToBeVisibleAsync();
        await tab.CheckAsync("compliance, export with errors", status: 400);

        await tab.GotoAsync("/settings/api-keys");
        await tab.CheckAsync("api keys");
        await page.Locator("form:has(#key-name) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#key-name']")).ToBeVisibleAsync();
        await tab.CheckAsync("api keys, create with errors", status: 400);
        var name = $"walk-{language}-{Guid.NewGuid():N}"[..20];
        await page.Locator("#key-name").FillAsync(name);
        await page.Locator("form:has(#key-name) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-new-key]")).ToContainTextAsync("mk_");
        await tab.CheckAsync("api keys, created");
        await page.Locator($"tr:has(th:text-is('{name}')) form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator($"tr:has(th:text-is('{name}')) .tag--disabled")).ToBeVisibleAsync();
        await tab.CheckAsync("api keys, revoked");

        await tab.GotoAsync("/settings/domains");
        await tab.CheckAsync("domains");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-check=spf]").First).ToBeVisibleAsync();
        await tab.CheckAsync("domains, checked");

        await tab.GotoAsync("/settings/channels");
        await Assertions.Expect(page.Locator("[data-channel=twilio][data-on=false]")).ToBeVisibleAsync();
        await tab.CheckAsync("channels");
    }

    [Fact]
    public async Task WithoutJavaScript_TheCsvImport_IsAPlainPost_ThatListsTheBadLines()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await SignInAsync(tab, admin);
        await tab.GotoAsync("/suppression");
        var good = $"plain.{Guid.NewGuid():N}@example.com";

        await Assertions.Expect(tab.Page.Locator("[data-upload-bar]")).ToBeHiddenAsync();
        await tab.Page.Locator("#import-file").SetInputFilesAsync(Csv($"address,channel\n{good},email\n{good},fax\n"));
        await tab.Page.Locator("form:has(#import-file) button[type=submit]").ClickAsync();

        await Assertions.Expect(tab.Page.Locator("[data-import-report]")).ToContainTextAsync("1 added");
        await Assertions.Expect(tab.Page.Locator("[data-bad-lines] tbody tr")).ToHaveTextAsync(new Regex("^3\\s*channel: must be email, sms or \\*$"));
        await tab.GotoAsync($"/suppression?address={Uri.EscapeDataString(good)}");
        await Assertions.Expect(tab.Page.Locator("table[data-suppressed=true] tbody tr")).ToHaveCountAsync(1);
    }

    private static FilePayload Csv(string text) => new() { Name = "list.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

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

public sealed class OperationsBrowserFacts_OnSqlite(SqliteOperationsBrowserApp app) : OperationsBrowserFacts<SqliteOperationsBrowserApp>(app);

public sealed class OperationsBrowserFacts_OnPostgres(PostgresOperationsBrowserApp app) : OperationsBrowserFacts<PostgresOperationsBrowserApp>(app);
