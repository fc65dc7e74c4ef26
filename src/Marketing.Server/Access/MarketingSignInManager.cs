using System.Security.Claims;
using Marketing.Access;
using Marketing.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketing.Server.Access;

/// <summary>
/// Identity's sign-in, with the engine's rules: a disabled user cannot sign in; the session says how the user proved
/// who they are (<see cref="SignInMethods"/>), a passkey included (Identity would call it a password); and a password
/// alone never opens a session for a role that needs a second factor once the user has a passkey (ADR 9).
/// </summary>
public sealed class MarketingSignInManager(
    UserManager<User> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<User> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation,
    MarketingDbContext db)
    : SignInManager<User>(users, context, claims, options, logger, schemes, confirmation)
{
    /// <summary>The password was right, but this user's role needs their passkey (they have one and no authenticator app).</summary>
    public sealed class PasskeyRequiredResult : SignInResult;

    public override async Task<bool> CanSignInAsync(User user) => user.DisabledAt is null && await base.CanSignInAsync(user);

    protected override async Task<SignInResult> SignInOrTwoFactorAsync(User user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false)
    {
        if (loginProvider is null && !bypassTwoFactor && user.Role.NeedsSecondFactor() && !await IsTwoFactorEnabledAsync(user)
            && await db.UserPasskeys.AnyAsync(p => p.UserId == user.Id))
        {
            return new PasskeyRequiredResult();
        }

        return await base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor);
    }

    /// <summary>Identity's passkey sign-in, with the session marked as a passkey's (a second factor in itself: possession and user verification).</summary>
    public async Task<(SignInResult Result, User? User)> PasskeySignInAsync(string credentialJson, CancellationToken ct)
    {
        var assertion = await PerformPasskeyAssertionAsync(credentialJson);
        if (!assertion.Succeeded)
        {
            return (SignInResult.Failed, null);
        }

        var user = assertion.User;
        if (await PreSignInCheck(user) is { } refused)
        {
            return (refused, user);
        }

        // The sign count and authenticator data move on with each use.
        if (!(await UserManager.AddOrUpdatePasskeyAsync(user, assertion.Passkey)).Succeeded)
        {
            return (SignInResult.Failed, user);
        }

        await SignInWithMethodAsync(user, SignInMethods.Passkey);
        return (SignInResult.Success, user);
    }

    /// <summary>Signs the user in afresh (after enrolling a factor, or from the company's provider), naming the method.</summary>
    public Task SignInWithMethodAsync(User user, string method) =>
        SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false }, [new Claim(SignInMethods.ClaimType, method)]);

    /// <summary>
    /// A new session cookie after the user's own security stamp changed (a new authenticator key, a removed passkey), keeping
    /// how this session was opened: Identity's refresh would forget it, and the stamp check would end the session.
    /// </summary>
    public Task RenewAsync(User user) =>
        SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false },
            [.. Context.User.FindAll(SignInMethods.ClaimType).Select(c => new Claim(SignInMethods.ClaimType, c.Value))]);
}

/// <summary>How a session was opened, in its <c>amr</c> claim (RFC 8176 where a value exists).</summary>
public static class SignInMethods
{
    public const string ClaimType = "amr";
    public const string Password = "pwd";
    /// <summary>A password and a one-time code (Identity writes this itself).</summary>
    public const string PasswordAndCode = "mfa";
    public const string Passkey = "pkey";
    /// <summary>The company's provider, which reported a second factor of its own (trusted by setting).</summary>
    public const string ProviderWithMfa = "oidc_mfa";
    public const string Provider = "oidc";

    public static bool HasSecondFactor(ClaimsPrincipal user) =>
        user.FindAll(ClaimType).Any(c => c.Value is PasswordAndCode or Passkey or ProviderWithMfa);
}
