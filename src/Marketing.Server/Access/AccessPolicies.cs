using Marketing.Access;
using Microsoft.AspNetCore.Authentication;

namespace Marketing.Server.Access;

/// <summary>Admin may do everything; the other roles each reach their own area.</summary>
public static class AccessPolicies
{
    public const string Admin = "admin";
    public const string Marketing = "marketing";
    public const string Compliance = "compliance";
    public const string AnyKey = "any-key";

    public static IServiceCollection AddAdminAccess(this IServiceCollection services)
    {
        // No default scheme: a key is looked up only where a policy asks for one, never for a public request.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiKeyRoles.Admin))
            .AddPolicy(Marketing, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiKeyRoles.Admin, ApiKeyRoles.Marketer))
            .AddPolicy(Compliance, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(ApiKeyRoles.Admin, ApiKeyRoles.Compliance))
            .AddPolicy(AnyKey, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return services;
    }
}
