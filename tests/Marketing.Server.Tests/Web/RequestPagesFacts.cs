using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Compliance;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// The DSR queue and a ticket's page in Chromium (issue 17, item 1): each state passes axe, the strict CSP and a clean
/// console, in English and French; a request is opened, refused an extension without its reason, extended and closed.
/// </summary>
public abstract partial class RequestPagesFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : WebBrowserApp
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Queue_AndTicket_OpenExtendAndClose_EachStateChecked(string language)
    {
        var dpo = await WebUsers.CreateAsync(app, ApiKeyRole.Dpo);
        var overdue = await OverdueTicketAsync();
        await using var tab = await AppPage.OpenAsync(app, language);
        await SignInAsync(tab, dpo);
        var page = tab.Page;

        await tab.GotoAsync("/dsr");
        await Assertions.Expect(page.Locator($"tr[data-request='{overdue}'] [data-deadline=overdue]")).ToBeVisibleAsync();
        await tab.CheckAsync("queue");

        await page.Locator("#open-email").FillAsync("not an address");
        await page.Locator("form:has(#open-email) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#open-email']")).ToBeVisibleAsync();
        await tab.CheckAsync("queue with errors", status: 400);

        var email = $"page.{Guid.NewGuid():N}@example.com";
        await page.Locator("#open-type").SelectOptionAsync("access");
        await page.Locator("#open-email").FillAsync(email);
        await page.Locator("#open-details").FillAsync("A copy of my data, please.");
        await page.Locator("form:has(#open-email) button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(TicketPage());
        await tab.CheckAsync("ticket");

        await page.Locator("form:has(#extend-reason) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#extend-reason']")).ToBeVisibleAsync();
        await tab.CheckAsync("ticket, extension without a reason", status: 400);
        await page.Locator("#extend-reason").FillAsync("Ten years of records to gather.");
        await page.Locator("form:has(#extend-reason) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToBeVisibleAsync();
        await tab.CheckAsync("ticket, extended");

        await page.Locator("#complete-outcome").SelectOptionAsync("refused");
        await page.Locator("form:has(#complete-outcome) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary] a[href='#complete-complaint']")).ToBeVisibleAsync();
        await tab.CheckAsync("ticket, refusal without the right to complain", status: 400);
        await page.Locator("#complete-reason").FillAsync("Manifestly unfounded.");
        await page.Locator("#complete-complaint").CheckAsync();
        await page.Locator("form:has(#complete-outcome) button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-history] code", new() { HasTextString = "completed" })).ToBeVisibleAsync();
        await tab.CheckAsync("ticket, closed");

        var ticket = app.InScope(db => db.DataSubjectRequests.AsNoTracking().Single(t => t.Email == email));
        Assert.Equal((RequestStatuses.Closed, RequestOutcomes.Refused, "Ten years of records to gather."), (ticket.Status, ticket.Outcome, ticket.ExtensionReason));
    }

    [Fact]
    public async Task WithoutJavaScript_OpeningARequest_IsAPlainPost()
    {
        var compliance = await WebUsers.CreateAsync(app, ApiKeyRole.Compliance);
        await using var tab = await AppPage.OpenAsync(app, javaScript: false);
        await SignInAsync(tab, compliance);
        await tab.GotoAsync("/dsr");
        var email = $"plain.{Guid.NewGuid():N}@example.com";

        await tab.Page.Locator("#open-type").SelectOptionAsync("erasure");
        await tab.Page.Locator("#open-email").FillAsync(email);
        await tab.Page.Locator("form:has(#open-email) button[type=submit]").ClickAsync();

        await Assertions.Expect(tab.Page).ToHaveURLAsync(TicketPage());
        Assert.Equal(RequestTypes.Erasure, app.InScope(db => db.DataSubjectRequests.AsNoTracking().Single(t => t.Email == email).Type));
    }

    private async Task<Guid> OverdueTicketAsync() => await app.InScopeAsync(async db =>
    {
        var outcome = await OpenDataSubjectRequest.HandleAsync(db, TimeProvider.System, new OpenDataSubjectRequest.Request(
            RequestTypes.Objection, RequestChannels.Letter, $"late.{Guid.NewGuid():N}@example.com", null, IdentityMethods.Document, null,
            DateTimeOffset.UtcNow.AddMonths(-2)), "test", CancellationToken.None);
        return outcome.Value.Id;
    });

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

    [GeneratedRegex("/dsr/[0-9a-f-]{36}$")]
    private static partial Regex TicketPage();
}

public sealed class RequestPagesFacts_OnSqlite(SqliteWebBrowserApp app) : RequestPagesFacts<SqliteWebBrowserApp>(app);

public sealed class RequestPagesFacts_OnPostgres(PostgresWebBrowserApp app) : RequestPagesFacts<PostgresWebBrowserApp>(app);
