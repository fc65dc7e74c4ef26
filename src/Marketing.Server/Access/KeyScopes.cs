using System.Security.Claims;
using Marketing.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;

namespace Marketing.Server.Access;

/// <summary>
/// R48: a key scoped to resources reaches only the admin API's route groups it names (a group is its route tag). A
/// requirement of every admin route; a key without scopes, and a signed-in user, pass.
/// </summary>
public sealed class KeyScopeRequirement : AuthorizationHandler<KeyScopeRequirement>, IAuthorizationRequirement
{
    public const string ClaimType = "marketing:scope";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, KeyScopeRequirement requirement)
    {
        var endpoint = (context.Resource as HttpContext)?.GetEndpoint() ?? context.Resource as Endpoint;
        if (Refusal(context.User, endpoint) is { } refusal)
        {
            context.Fail(new AuthorizationFailureReason(this, refusal));
        }
        else
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary>Why the key may not reach the endpoint, or null.</summary>
    public static string? Refusal(ClaimsPrincipal user, Endpoint? endpoint)
    {
        var scopes = user.FindAll(ClaimType).Select(c => c.Value).ToList();
        var resource = endpoint?.Metadata.GetMetadata<ITagsMetadata>() is { Tags.Count: > 0 } tags ? ApiKeyScopes.OfTag(tags.Tags[0]) : null;
        return ApiKeyScopes.Allows(scopes, resource)
            ? null
            : $"This key is scoped to {string.Join(", ", scopes)}; this route belongs to '{resource ?? "none"}'.";
    }
}
