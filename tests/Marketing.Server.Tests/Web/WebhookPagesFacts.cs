using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// Settings → Webhooks in Chromium (R55): the list, an endpoint's page and its delivery log, each state passing axe,
/// the strict CSP and a clean console, in English and French; adding an endpoint works as a plain post without script.
/// </summary>
public abstract partial class WebhookPagesFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task AddAnEndpoint_ReplayADelivery_ChangeDisableRotateAndDelete_InEveryState(string language)
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        await using var tab = await AppPage.OpenAsync(app, language);
        await tab.SignInWithCodeAsync(app, admin);
        var page = tab.Page;

        await page.Locator("a[href='/settings/webhooks']").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/settings/webhooks$"));
        await tab.CheckAsync("webhooks");

        await page.Locator("form:has(#hook-url) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#hook-url']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#hook-eventTypes']")).ToBeVisibleAsync();
        await tab.CheckAsync("add without URL or events", status: 400);

        // A public address written as an IP: no DNS look-up, and no private network (SSRF stays on here).
        var url = $"https://203.0.113.10/hooks/{language}/{Guid.NewGuid():N}";
        await page.Locator("#hook-url").FillAsync(url);
        await page.Locator("#hook-eventTypes").CheckAsync();
        await page.Locator("#hook-eventTypes-dsr-completed").CheckAsync();
        await page.Locator("form:has(#hook-url) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-new-secret]")).ToHaveTextAsync(new Regex("^whsec_"));
        await tab.CheckAsync("added, secret shown once");
        var endpoint = app.InScope(db => db.WebhookEndpoints.AsNoTracking().Single(e => e.Url == url));
        Assert.Equal(["consent.granted", "dsr.completed"], endpoint.EventTypes);

        var delivery = await FailedDeliveryAsync(endpoint.Id);
        await page.Locator($"a[href='/settings/webhooks/{endpoint.Id}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/settings/webhooks/{endpoint.Id}$"));
        await Assertions.Expect(page.Locator($"[data-delivery='{delivery}']")).ToContainTextAsync("503");
        await tab.CheckAsync("endpoint with its delivery log");

        await page.Locator("form:has(#hook-eventTypes) input[type=checkbox]:checked").First.UncheckAsync();
        await page.Locator("form:has(#hook-eventTypes) input[type=checkbox]:checked").First.UncheckAsync();
        await page.Locator("form:has(#hook-eventTypes) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#hook-eventTypes']")).ToBeVisibleAsync();
        await tab.CheckAsync("no event ticked", status: 400);
        await page.Locator("#hook-eventTypes-consent-withdrawn").CheckAsync();
        await page.Locator("form:has(#hook-eventTypes) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        Assert.Equal(["consent.withdrawn"], app.InScope(db => db.WebhookEndpoints.AsNoTracking().Single(e => e.Id == endpoint.Id).EventTypes));

        await page.Locator("#hook-switch").ClickAsync();
        await Assertions.Expect(page.Locator(".tag--disabled").First).ToBeVisibleAsync();
        await tab.CheckAsync("disabled");
        Assert.False(app.InScope(db => db.WebhookEndpoints.AsNoTracking().Single(e => e.Id == endpoint.Id).Enabled));

        // Replayed while the endpoint is disabled: queued, and no pass posts it (nor holds it) before the delete below.
        await page.Locator($"#replay-{delivery:N}").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-delivery='{delivery}'] .tag--pending")).ToBeVisibleAsync();
        await tab.CheckAsync("replayed");
        Assert.Equal(1, app.InScope(db => db.AuditEntries.Count(a => a.Action == "webhook.delivery_replayed" && a.Target == delivery.ToString())));

        await page.Locator("#hook-rotate").ClickAsync();
        await Assertions.Expect(page.Locator("[data-new-secret]")).ToHaveTextAsync(new Regex("^whsec_"));
        await tab.CheckAsync("new secret");
        Assert.Equal(await page.Locator("[data-new-secret]").TextContentAsync(), app.InScope(db => db.WebhookEndpoints.AsNoTracking().Single(e => e.Id == endpoint.Id).Secret));

        await page.Locator("#hook-delete").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/settings/webhooks$"));
        Assert.Equal(0, app.InScope(db => db.WebhookEndpoints.Count(e => e.Id == endpoint.Id)));
        Assert.Equal(0, app.InScope(db => db.WebhookDeliveries.Count(d => d.EndpointId == endpoint.Id)));
    }

    [Fact]
    public async Task WithoutJavaScript_AddingAnEndpointIsAPlainPost_ThatShowsTheSecretOnce()
    {
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Admin);
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await tab.SignInWithCodeAsync(app, admin);
        await tab.GotoAsync("/settings/webhooks");
        var url = $"https://203.0.113.11/hooks/{Guid.NewGuid():N}";

        await tab.Page.Locator("#hook-url").FillAsync(url);
        await tab.Page.Locator("#hook-eventTypes-suppression-added").CheckAsync();
        await tab.Page.Locator("form:has(#hook-url) button[type=submit]").ClickAsync();

        await Assertions.Expect(tab.Page.Locator("[data-new-secret]")).ToHaveTextAsync(new Regex("^whsec_"));
        Assert.Equal(["suppression.added"], app.InScope(db => db.WebhookEndpoints.AsNoTracking().Single(e => e.Url == url).EventTypes));
        await tab.GotoAsync("/settings/webhooks");
        Assert.Equal(0, await tab.Page.Locator("[data-new-secret]").CountAsync());
    }

    /// <summary>A delivery that failed once with a 503, as a pass leaves it, due only far ahead (no pass posts it).</summary>
    private Task<Guid> FailedDeliveryAsync(Guid endpointId) => app.InScopeAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var webhook = new WebhookEvent { Id = Guid.CreateVersion7(), Type = "dsr.completed", DataJson = "{}", OccurredAt = now, FannedOutAt = now };
        var delivery = new WebhookDelivery
        {
            Id = Guid.CreateVersion7(), EndpointId = endpointId, EventId = webhook.Id, EventType = webhook.Type, Status = WebhookDeliveryStatuses.Failed,
            Attempts = 2, CreatedAt = now, LastAttemptAt = now, LastStatusCode = 503, NextAttemptAt = now.AddYears(1),
        };
        db.WebhookEvents.Add(webhook);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    });
}

public sealed class WebhookPagesFacts_OnSqlite(SqliteWebBrowserApp app) : WebhookPagesFacts<SqliteWebBrowserApp>(app);

public sealed class WebhookPagesFacts_OnPostgres(PostgresWebBrowserApp app) : WebhookPagesFacts<PostgresWebBrowserApp>(app);
