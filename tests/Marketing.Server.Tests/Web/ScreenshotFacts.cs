using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The screenshots of docs/web-app.md, made by the browser as the tests see the app: rewritten on every run, so that
/// the documentation shows the app as it is. A small viewport keeps the files small.
/// </summary>
public sealed class ScreenshotFacts(SqliteWebBrowserApp app) : IClassFixture<SqliteWebBrowserApp>
{
    private static readonly string Folder = Path.Combine(Repository.Root, "docs", "screenshots");

    [Fact]
    public async Task MainPages_AreCapturedForTheDocs()
    {
        await OverviewData.SeedAsync(app);
        var person = await PeopleData.PersonWithHistoryAsync(app);
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin, email: "ada@acme.example");
        await WebUsers.CreateAsync(app, ApiKeyRole.Marketer, email: "grace@acme.example");
        await WebUsers.CreateAsync(app, ApiKeyRole.Dpo, email: "dpo@acme.example");
        Directory.CreateDirectory(Folder);
        await using var tab = await AppPage.OpenAsync(app);

        await tab.GotoAsync("/account/sign-in");
        await ShootAsync(tab, "sign-in");
        await tab.Page.Locator("#email").FillAsync(admin.Email);
        await tab.Page.Locator("#password").FillAsync(admin.Password);
        await tab.Page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await tab.Page.Locator("#code").FillAsync(Totp.Code(admin.AuthenticatorKey!));
        await tab.Page.Locator("main button[type=submit]").ClickAsync();
        await tab.Page.Locator(".figures").WaitForAsync();
        await ShootAsync(tab, "home");
        await tab.GotoAsync("/settings/users");
        await ShootAsync(tab, "users");
        await tab.GotoAsync("/account/security");
        await ShootAsync(tab, "security");
        await tab.GotoAsync("/people?q=elodie");
        await ShootAsync(tab, "people");
        await tab.GotoAsync($"/people/{person.Id}");
        await tab.Page.Locator(".wording summary").ClickAsync();
        await ShootAsync(tab, "person");
        await tab.GotoAsync("/sends");
        await ShootAsync(tab, "sends");
        await tab.GotoAsync($"/suppression?address={Uri.EscapeDataString(person.Email)}");
        await tab.Page.Locator("table[data-suppressed]").ScrollIntoViewIfNeededAsync();
        await ShootAsync(tab, "suppression");
        await tab.GotoAsync("/compliance");
        await ShootAsync(tab, "compliance");
        await tab.GotoAsync($"/people/{person.Id}/erase");
        await ShootAsync(tab, "erase");
        await tab.GotoAsync("/compliance");
        await tab.Page.Locator("#audit-heading").ScrollIntoViewIfNeededAsync();
        await ShootAsync(tab, "audit");
        await tab.GotoAsync("/compliance/processors");
        await ShootAsync(tab, "processors");
        await tab.GotoAsync($"/people/{person.Id}/restriction");
        await ShootAsync(tab, "restriction");
        await tab.GotoAsync("/settings/api-keys");
        await ShootAsync(tab, "api-keys");
        await tab.GotoAsync("/settings/domains");
        await ShootAsync(tab, "domains");
        await tab.GotoAsync("/settings/channels");
        await ShootAsync(tab, "channels");
        var hook = await app.InScopeAsync(db => Marketing.Webhooks.AddWebhookEndpoint.HandleAsync(db, TimeProvider.System,
            new Marketing.Webhooks.AddWebhookEndpoint.Command("https://crm.acme.example/hooks/marketing", ["consent.withdrawn", "suppression.added", "person.erased"], "CRM sync", null),
            true, "test", CancellationToken.None));
        await tab.GotoAsync("/settings/webhooks");
        await ShootAsync(tab, "webhooks");
        await tab.GotoAsync($"/settings/webhooks/{hook.Value.Endpoint.Id}");
        await ShootAsync(tab, "webhook-endpoint");

        var scenario = await Capture.CaptureScenario.CreateAsync(app);
        await tab.GotoAsync($"/sites/{scenario.Site}/forms/{scenario.Form}");
        await tab.Page.Locator("iframe.preview").First.ContentFrame.Locator(".mkt-form").WaitForAsync();
        await ShootAsync(tab, "form-designer");


        var flow = await SequenceData.PublishedWithPeopleAsync(app);
        await tab.GotoAsync($"/sequences/{flow.Key}");
        await tab.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, "sequence.png"), Type = ScreenshotType.Png, FullPage = true });


        await tab.GotoAsync("/templates");
        await ShootAsync(tab, "templates");
        await tab.GotoAsync("/templates/welcome/en");
        await tab.Page.FrameLocator("iframe[data-preview-frame]").Locator("footer").WaitForAsync();
        await ShootAsync(tab, "template-editor");

        var site = await BannerPagesData.SiteWithDraftAsync(app);
        await tab.GotoAsync($"/banners/{site}");
        await tab.Page.FrameLocator("iframe[data-banner-preview]").Locator("dialog h2").WaitForAsync();
        await ShootAsync(tab, "banner-designer");
        await tab.GotoAsync("/purposes");
        await ShootAsync(tab, "purposes");
        var request = await app.InScopeAsync(async db => (await Marketing.Compliance.OpenDataSubjectRequest.HandleAsync(db, TimeProvider.System,
            new(Marketing.Compliance.RequestTypes.Access, Marketing.Compliance.RequestChannels.Email, person.Email, null,
                Marketing.Compliance.IdentityMethods.KnownAddress, "A copy of everything you hold on me."), "user:dpo@acme.example", CancellationToken.None)).Value.Id);
        var report = await Reports.ReportData.SeedAsync(app);
        await tab.GotoAsync($"/reports/sequences/{report.SequenceKey}");
        await ShootAsync(tab, "report-sequence");
        await tab.GotoAsync($"/reports/forms/{report.FormId}?from=2026-11-01&to=2026-11-03");
        await ShootAsync(tab, "report-form");
        await tab.GotoAsync("/dsr");
        await ShootAsync(tab, "requests");
        await tab.GotoAsync($"/dsr/{request}");
        await ShootAsync(tab, "request");

        var batch = await app.InScopeAsync(async db =>
        {
            var started = await Marketing.Leads.ImportContacts.StartAsync(db, TimeProvider.System, new Marketing.Leads.ImportContacts.Meta("Salon Habitat Lyon",
                "CT-2026-014", ConsentWording: "I agree to receive news from Acme by email.", PartnersShown: ["Acme"], Channels: ["email"],
                Purposes: [person.PurposeKey], ProofLocation: "https://salon-habitat.example/proof"), "user:grace@acme.example", CancellationToken.None);
            using var csv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("email,first_name\nlea@example.com,Léa\nnot-an-address,Tom\nmarc@example.com,Marc\n"));
            await Marketing.Leads.ImportContacts.RunAsync(db, app.Services.GetRequiredService<Marketing.Suppression.AddressHasher>(), TimeProvider.System,
                started.Value.Id, csv, null, CancellationToken.None);
            await Marketing.Segments.SaveSegment.HandleAsync(db, TimeProvider.System, "salon-lyon", new("Salon Habitat Lyon, consented",
                new Marketing.Segments.SegmentDefinition("email", [new("import_batch", BatchId: started.Value.Id), new("activity", Activity: "clicked", WithinDays: 90)])),
                "user:grace@acme.example", CancellationToken.None);
            return started.Value.Id;
        });
        await tab.GotoAsync("/people/imports");
        await ShootAsync(tab, "imports");
        await tab.GotoAsync($"/people/imports/{batch}");
        await ShootAsync(tab, "import");
        await tab.GotoAsync("/people/segments/salon-lyon");
        await ShootAsync(tab, "segment");

        foreach (var name in new[] { "sign-in", "home", "users", "security", "people", "person", "sends", "suppression", "compliance", "api-keys", "domains", "channels", "form-designer", "sequence", "templates", "template-editor", "banner-designer", "purposes", "requests", "request", "imports", "import", "segment", "report-sequence", "report-form", "webhooks", "webhook-endpoint", "audit", "processors", "restriction" })
        {
            Assert.InRange(new FileInfo(Path.Combine(Folder, $"{name}.png")).Length, 1_000, 250_000);
        }
    }

    private static async Task ShootAsync(AppPage tab, string name) =>
        await tab.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png"), Type = ScreenshotType.Png });
}
