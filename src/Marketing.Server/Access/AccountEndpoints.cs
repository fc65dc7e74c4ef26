using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Marketing.Server.Access;

/// <summary>
/// The few account actions that are not pages: signing out, and the WebAuthn options the passkey script asks for before
/// the browser makes or gives a credential. Each is a form post, so antiforgery checks it like any page's form.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Web");
        account.MapPost("/sign-out", SignOutAsync).WithName("SignOut").AsFormPost();
        account.MapPost("/passkey/request-options", RequestOptionsAsync).WithName("PasskeyRequestOptions").AsFormPost();
        account.MapPost("/passkey/creation-options", CreationOptionsAsync).WithName("PasskeyCreationOptions").AsFormPost();
        OidcSignIn.Map(account);
        return app;
    }

    /// <summary>A post of the app's own forms: urlencoded, with the antiforgery token the page carries.</summary>
    public static RouteHandlerBuilder AsFormPost(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(
        new RequireAntiforgeryTokenAttribute(),
        new Microsoft.AspNetCore.Http.Metadata.AcceptsMetadata(["application/x-www-form-urlencoded", "multipart/form-data"]));

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext context, MarketingSignInManager signIns,
        UserManager<User> users, MarketingDbContext db, TimeProvider clock)
    {
        if (signIns.IsSignedIn(context.User) && await users.GetUserAsync(context.User) is { } user)
        {
            await RecordSignIn.HandleAsync(db, clock, RecordSignIn.SignedOut, user.Email, user.Id, null, context.RequestAborted);
        }

        await signIns.SignOutAsync();
        return TypedResults.Redirect(WebSetup.SignInPath);
    }

    /// <summary>Options to sign in with any of the passkeys this site made (discoverable credentials): no address asked first.</summary>
    private static async Task<ContentHttpResult> RequestOptionsAsync(MarketingSignInManager signIns) =>
        TypedResults.Content(await signIns.MakePasskeyRequestOptionsAsync(null), "application/json");

    /// <summary>
    /// Options to make a passkey: for the signed-in user, or for the user of an open invitation or reset link (who is not
    /// signed in yet). The passkey itself is added only when the page's form posts the browser's answer.
    /// </summary>
    private static async Task<Results<ContentHttpResult, NotFound>> CreationOptionsAsync([FromForm] string? link, HttpContext context,
        MarketingSignInManager signIns, UserManager<User> users, MarketingDbContext db, TimeProvider clock)
    {
        var user = link is not null
            ? (await RedeemAccountLink.FindAsync(db, clock, link, context.RequestAborted)).User
            : signIns.IsSignedIn(context.User) ? await users.GetUserAsync(context.User) : null;
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var name = user.Email ?? user.Id.ToString();
        return TypedResults.Content(await signIns.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id.ToString(),
            Name = name,
            DisplayName = user.DisplayName ?? name,
        }), "application/json");
    }
}
