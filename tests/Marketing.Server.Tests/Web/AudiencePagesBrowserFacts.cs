using System.Text;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The imports and segments pages in Debian's Chromium (issue 18 items 2 and 3): a marketer imports a list with its
/// provenance and watches its batch complete, and builds a segment rule by rule with its live count; every state passes
/// axe and the CSP, in English and French. Without JavaScript the same posts do the same.
/// </summary>
public abstract class AudiencePagesBrowserFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task ImportWalk_RefusesAFormWithoutItsFile_ThenStartsABatch_WhosePageFollowsItToTheEnd(string language)
    {
        var en = language == "en";
        var purpose = (await PeopleData.PersonWithHistoryAsync(app)).PurposeKey;
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app, language);
        await tab.SignInAsync(app, marketer);
        var tag = Guid.NewGuid().ToString("N")[..8];

        await tab.GotoAsync("/people/imports");
        await Assertions.Expect(tab.Page.Locator("#start-heading")).ToBeVisibleAsync();
        await tab.CheckAsync("imports");
        await tab.Page.Locator("#import-source").FillAsync($"Partner {tag}");
        await tab.Page.Locator("form:has(#import-file) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-error-summary] a[href='#import-file']")).ToHaveTextAsync(en ? "Choose the CSV file to import" : "Choisissez le fichier CSV à importer");
        await tab.CheckAsync("import without its file", status: 400);

        await FillImportAsync(tab, tag, purpose);
        await tab.Page.Locator("form:has(#import-file) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("/people/imports/[0-9a-f-]{36}\\?started=1$"));
        await Assertions.Expect(tab.Page.Locator("[data-import-status]")).ToHaveTextAsync(en ? "Completed" : "Terminé", new() { Timeout = 90_000 });
        await Assertions.Expect(tab.Page.Locator("[data-refused-lines] tbody th")).ToHaveTextAsync("3");
        await Assertions.Expect(tab.Page.Locator("[data-import-count=created]")).ToHaveTextAsync("2");
        await tab.CheckAsync("import completed");
        await tab.GotoAsync("/people/imports");
        await Assertions.Expect(tab.Page.Locator("[data-imports] a", new() { HasText = $"Partner {tag}" })).ToBeVisibleAsync();
        await tab.CheckAsync("imports with a batch");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task SegmentWalk_AddsRules_CountsLive_ShowsTheRulesErrorOnItsField_SavesAndDeletes(string language)
    {
        var en = language == "en";
        var (source, _) = await PeopleData.SameSourceAsync(app, 2);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app, language);
        await tab.SignInAsync(app, marketer);
        var key = $"walk-{Guid.NewGuid():N}"[..20];

        await tab.GotoAsync("/people/segments");
        await tab.CheckAsync("segments");
        await tab.Page.Locator("main a[href='/people/segments/new']").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("/people/segments/new$"));
        await tab.CheckAsync("new segment");
        await tab.Page.Locator("#segment-key").FillAsync(key);
        await tab.Page.Locator("#segment-name").FillAsync("Walkers");
        await tab.Page.Locator("#segment-add-type").SelectOptionAsync("source");
        await tab.Page.Locator("button[value=add]").ClickAsync();
        await tab.Page.Locator("#rule-0-value").FillAsync(source);
        await Assertions.Expect(tab.Page.Locator("[data-segment-count]")).ToHaveTextAsync(en ? "2 people" : "2 personnes");
        await tab.CheckAsync("segment counted live");

        await tab.Page.Locator("#segment-add-type").SelectOptionAsync("activity");
        await tab.Page.Locator("button[value=add]").ClickAsync();
        await tab.Page.Locator("#rule-1-withindays").FillAsync("0");
        await tab.Page.Locator("button[value=save]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-error-summary] a[href='#rule-1-withindays']")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("#rule-1-withindays")).ToHaveAttributeAsync("aria-invalid", "true");
        await tab.CheckAsync("segment with a rule's error", status: 400);
        Assert.Equal(0, app.InScope(db => db.Segments.Count(s => s.Key == key)));

        await tab.Page.Locator("button[value=remove-1]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("#rule-1-withindays")).ToHaveCountAsync(0);
        await tab.Page.Locator("button[value=save]").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex($"/people/segments/{key}\\?saved=1$"));
        await Assertions.Expect(tab.Page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-segment-count]")).ToHaveTextAsync(en ? "2 people" : "2 personnes");
        await tab.CheckAsync("segment saved");

        await tab.Page.Locator("form:not([data-segment-editor]) button.button--warning").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex($"/people/segments\\?deleted={key}$"));
        await tab.CheckAsync("segment deleted");
        Assert.Equal(0, app.InScope(db => db.Segments.Count(s => s.Key == key)));
    }

    [Fact]
    public async Task WithoutJavaScript_AnImportStartsAndASegmentIsBuiltAndCountedByItsButtons()
    {
        var purpose = (await PeopleData.PersonWithHistoryAsync(app)).PurposeKey;
        var (source, _) = await PeopleData.SameSourceAsync(app, 2);
        var marketer = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await tab.SignInAsync(app, marketer);
        var tag = Guid.NewGuid().ToString("N")[..8];

        await tab.GotoAsync("/people/imports");
        await FillImportAsync(tab, tag, purpose);
        await tab.Page.Locator("form:has(#import-file) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("/people/imports/[0-9a-f-]{36}\\?started=1$"));
        await Assertions.Expect(tab.Page.Locator("progress[data-import-bar]")).ToBeVisibleAsync();
        Assert.True(app.InScope(db => db.ImportBatches.Single(b => b.SourceOrganisation == $"Partner {tag}").HasConsentProof));

        await tab.GotoAsync("/people/segments/new");
        await tab.Page.Locator("#segment-add-type").SelectOptionAsync("source");
        await tab.Page.Locator("button[value=add]").ClickAsync();
        await tab.Page.Locator("#rule-0-value").FillAsync(source);
        await tab.Page.Locator("button[value=count]").ClickAsync();

        await Assertions.Expect(tab.Page.Locator("[data-segment-count]")).ToHaveTextAsync("2 people");
        await Assertions.Expect(tab.Page.Locator("#rule-0-value")).ToHaveValueAsync(source);
    }

    private static async Task FillImportAsync(AppPage tab, string tag, string purpose)
    {
        await tab.Page.Locator("#import-source").FillAsync($"Partner {tag}");
        await tab.Page.Locator("#import-contract").FillAsync("C-12");
        await tab.Page.Locator("#import-urls").FillAsync("https://partner.example/signup");
        await tab.Page.Locator("#import-wording").FillAsync("I agree to receive offers from Partner and its partners.");
        await tab.Page.Locator("#import-partners").FillAsync("Acme\nGlobex");
        await tab.Page.Locator("#import-channel-email").CheckAsync();
        await tab.Page.Locator($"#import-purpose-{purpose}").CheckAsync();
        await tab.Page.Locator("#import-proof").FillAsync("https://partner.example/proof");
        await tab.Page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "people.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"email,first_name\nana.{tag}@example.com,Ana\nnot-an-address,Bea\nbo.{tag}@example.com,Bo\n"),
        });
    }
}

public sealed class AudiencePagesBrowserFacts_OnSqlite(SqliteWebBrowserApp app) : AudiencePagesBrowserFacts<SqliteWebBrowserApp>(app);

public sealed class AudiencePagesBrowserFacts_OnPostgres(PostgresWebBrowserApp app) : AudiencePagesBrowserFacts<PostgresWebBrowserApp>(app);
