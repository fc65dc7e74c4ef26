using Marketing.Access;
using Microsoft.AspNetCore.Authentication;

namespace Marketing.Server.Access;

/// <summary>Admin may do everything; the other roles each reach their own area; dpo reaches compliance's, and the DPO's own duties.</summary>
public static class AccessPolicies
{
    public const string Admin = "admin";
    public const string Marketing = "marketing";
    public const string Compliance = "compliance";
    public const string Dpo = "dpo";
    /// <summary>The DPO's records (processors, the register): kept by an admin or the DPO, read by every compliance role.</summary>
    public const string AdminOrDpo = "admin-or-dpo";
    public const string AnyKey = "any-key";

    public static IServiceCollection AddAdminAccess(this IServiceCollection services)
    {
        // Never the default scheme (the web app's session is): a key is looked up only where a policy asks for one.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiKeyRoles.Admin))
            .AddPolicy(Marketing, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiKeyRoles.Admin, ApiKeyRoles.Marketer))
            .AddPolicy(Compliance, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiKeyRoles.Admin, ApiKeyRoles.Compliance, ApiKeyRoles.Dpo))
            .AddPolicy(Dpo, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiKeyRoles.Dpo))
            .AddPolicy(AdminOrDpo, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiKeyRoles.Admin, ApiKeyRoles.Dpo))
            .AddPolicy(AnyKey, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .AddRequirements(new KeyScopeRequirement()));
        return services;
    }
}
