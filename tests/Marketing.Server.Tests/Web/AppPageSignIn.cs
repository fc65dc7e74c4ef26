using Marketing.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketing.Server.Tests.Web;

public static class AppPageSignIn
{
    /// <summary>Signs a user in through the pages, with the authenticator code their role asks for.</summary>
    public static async Task SignInWithCodeAsync(this AppPage tab, WebBrowserApp app, TestUser user)
    {
        await tab.GotoAsync("/account/sign-in");
        await tab.Page.Locator("#email").FillAsync(user.Email);
        await tab.Page.Locator("#password").FillAsync(user.Password);
        await tab.Page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await tab.Page.Locator("#code").FillAsync(Totp.Code(user.AuthenticatorKey!));
        await tab.Page.Locator("main button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Uri(app.AppAddress, "/").ToString());
    }

    /// <summary>Signs a user who needs no second factor (a marketer) in through the pages.</summary>
    public static async Task SignInAsync(this AppPage tab, WebBrowserApp app, TestUser user)
    {
        await tab.GotoAsync("/account/sign-in");
        await tab.Page.Locator("#email").FillAsync(user.Email);
        await tab.Page.Locator("#password").FillAsync(user.Password);
        await tab.Page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Uri(app.AppAddress, "/").ToString());
    }
}
