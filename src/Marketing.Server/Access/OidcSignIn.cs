using Microsoft.AspNetCore.Http.HttpResults;
using Marketing.Server.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Marketing.Server.Access;

/// <summary>
/// Optional sign-in through the company's OpenID Connect provider (<c>Marketing:Web:Oidc</c>): authorization code with
/// PKCE, the provider's claims kept as it names them (<c>groups</c>, <c>amr</c>, <c>email</c>), and the result held in
/// the external cookie until <c>Access/Pages/ProviderDone.razor</c> links it to a local user.
/// </summary>
public static class OidcSignIn
{
    public const string Scheme = "oidc";
    public const string ChallengePath = "/account/oidc";
    public const string DonePath = "/account/oidc/done";

    /// <summary>The provider's second-factor methods (RFC 8176) that count as one when the setting trusts them.</summary>
    public static IReadOnlySet<string> SecondFactorMethods { get; } = new HashSet<string>(StringComparer.Ordinal) { "mfa", "hwk", "swk", "otp", "sms", "fpt", "face", "iris", "pin" };

    private static readonly string[] BaseScopes = ["openid", "profile", "email"];

    public static void Add(AuthenticationBuilder authentication, OidcSettings settings)
    {
        if (!settings.Enabled)
        {
            return;
        }

        authentication.AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = true;
            options.SaveTokens = false;
            options.Scope.Clear();
            foreach (var scope in BaseScopes.Concat(settings.Scopes))
            {
                options.Scope.Add(scope);
            }

            options.ClaimActions.MapAll();
        });
    }

    public static void Map(RouteGroupBuilder account) =>
        account.MapGet("/oidc", Results<ChallengeHttpResult, NotFound> (string? returnUrl, WebSettings web, MarketingSignInManager signIns) =>
        {
            if (!web.Oidc.Enabled)
            {
                return TypedResults.NotFound();
            }

            var done = $"{DonePath}?returnUrl={Uri.EscapeDataString(LanguageSwitch.IsLocal(returnUrl) ? returnUrl! : "/")}";
            return TypedResults.Challenge(signIns.ConfigureExternalAuthenticationProperties(Scheme, done), [Scheme]);
        }).WithName("SignInWithProvider");
}
