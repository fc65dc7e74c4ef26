using Marketing.Access;
using Marketing.Server.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Marketing.Server.Web;

/// <summary>
/// Who may open which page of the app: the API keys' roles, read from the session cookie (never from a key, and an
/// API request never from the cookie). Admin reaches every page; compliance pages also take dpo; dpo-only duties take dpo.
/// Who may post a page's forms, when fewer roles may than open it, is the page's <see cref="PostPolicyAttribute"/>.
/// Every policy but <see cref="Enrolling"/> also asks a second factor of the roles that need one (ADR 9).
/// </summary>
public static class WebPolicies
{
    public const string SignedIn = "web";
    public const string Admin = "web-admin";
    public const string Marketing = "web-marketing";
    public const string Compliance = "web-compliance";
    public const string Dpo = "web-dpo";
    /// <summary>Changes (posts) to processors and the register (R43, R42): an admin or the DPO; the pages are read by compliance roles.</summary>
    public const string AdminOrDpo = "web-admin-or-dpo";
    /// <summary>Signed in, second factor or not: the pages where one is enrolled, and signing out.</summary>
    public const string Enrolling = "web-enrolling";

    public static AuthorizationBuilder AddWebPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Enrolling, p => Session(p))
        .AddPolicy(SignedIn, p => Session(p).AddRequirements(SecondFactor.Requirement))
        .AddPolicy(Admin, p => Session(p).AddRequirements(SecondFactor.Requirement).RequireRole(ApiKeyRoles.Admin))
        .AddPolicy(Marketing, p => Session(p).AddRequirements(SecondFactor.Requirement).RequireRole(ApiKeyRoles.Admin, ApiKeyRoles.Marketer))
        .AddPolicy(Compliance, p => Session(p).AddRequirements(SecondFactor.Requirement).RequireRole(ApiKeyRoles.Admin, ApiKeyRoles.Compliance, ApiKeyRoles.Dpo))
        .AddPolicy(Dpo, p => Session(p).AddRequirements(SecondFactor.Requirement).RequireRole(ApiKeyRoles.Dpo))
        .AddPolicy(AdminOrDpo, p => Session(p).AddRequirements(SecondFactor.Requirement).RequireRole(ApiKeyRoles.Admin, ApiKeyRoles.Dpo));

    private static AuthorizationPolicyBuilder Session(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser();

    /// <summary>True when the signed-in user's role may do what <paramref name="policy"/> allows (to show only the links they may follow).</summary>
    public static bool Allows(this System.Security.Claims.ClaimsPrincipal user, string policy) => policy switch
    {
        Admin => user.IsInRole(ApiKeyRoles.Admin),
        Marketing => user.IsInRole(ApiKeyRoles.Admin) || user.IsInRole(ApiKeyRoles.Marketer),
        Compliance => user.IsInRole(ApiKeyRoles.Admin) || user.IsInRole(ApiKeyRoles.Compliance) || user.IsInRole(ApiKeyRoles.Dpo),
        Dpo => user.IsInRole(ApiKeyRoles.Dpo),
        AdminOrDpo => user.IsInRole(ApiKeyRoles.Admin) || user.IsInRole(ApiKeyRoles.Dpo),
        _ => user.Identity?.IsAuthenticated == true,
    };
}

/// <summary>A session of admin, compliance or dpo proved a second factor; other roles need none.</summary>
public sealed class SecondFactor : AuthorizationHandler<SecondFactor>, IAuthorizationRequirement
{
    public static SecondFactor Requirement { get; } = new();

    public static bool IsMissing(System.Security.Claims.ClaimsPrincipal user) =>
        ApiKeyRoles.All.Any(r => user.IsInRole(r) && ApiKeyRoles.TryParse(r, out var role) && role.NeedsSecondFactor())
        && !SignInMethods.HasSecondFactor(user);

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactor requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && !IsMissing(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
