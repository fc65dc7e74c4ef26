using System.Security.Claims;
using Marketing.Access;
using Marketing.Common;
using Marketing.Data;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Access;

public static class AccessEndpoints
{
    public sealed record WhoAmI(string Name, string Role);
    /// <param name="Scopes">The route groups the key reaches (R48); none or absent for all its role reaches.</param>
    /// <param name="ExpiresAt">When the key stops working; absent for never.</param>
    public sealed record CreateKeyRequest(string? Name, string? Role, IReadOnlyList<string?>? Scopes = null, DateTimeOffset? ExpiresAt = null);
    public sealed record KeyView(Guid Id, string Name, string Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt,
        IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt);
    public sealed record CreatedKeyView(Guid Id, string Name, string Role, string Key, DateTimeOffset CreatedAt, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt);

    public static RouteGroupBuilder MapAccess(this RouteGroupBuilder admin)
    {
        admin.MapGet("/me", Me).WithName("WhoAmI").WithTags("Access").RequireAuthorization(AccessPolicies.AnyKey);

        var keys = admin.MapGroup("/keys").WithTags("Access").RequireAuthorization(AccessPolicies.Admin);
        keys.MapGet("/", ListAsync).WithName("ListKeys");
        keys.MapPost("/", CreateAsync).WithName("CreateKey");
        keys.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeKey");
        return admin;
    }

    /// <summary>The actor recorded in the audit log: <c>key:name</c> for a request made with a key, <c>user:email</c> for a signed-in user.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName
        ? $"key:{user.Identity.Name ?? "unknown"}"
        : Marketing.Access.Actor.OfUser(user.Identity?.Name ?? "unknown");

    /// <summary>The role of the key making the request; a key without one may grant nothing.</summary>
    private static ApiKeyRole KeyRole(this ClaimsPrincipal user) =>
        ApiKeyRoles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : ApiKeyRole.Marketer;

    private static Ok<WhoAmI> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new WhoAmI(user.Identity?.Name ?? "", user.FindFirstValue(ClaimTypes.Role) ?? ""));

    private static async Task<Ok<List<KeyView>>> ListAsync(MarketingDbContext db, CancellationToken ct)
    {
        var keys = await CreateApiKey.ListAsync(db, ct);
        return TypedResults.Ok(keys.Select(k => new KeyView(k.Id, k.Name, k.Role.ToName(), k.Prefix, k.CreatedAt, k.RevokedAt, k.Scopes, k.ExpiresAt)).ToList());
    }

    private static async Task<Results<Created<CreatedKeyView>, ValidationProblem>> CreateAsync(
        CreateKeyRequest? request, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await CreateApiKey.HandleAsync(db, clock, new CreateApiKey.Request(request?.Name, request?.Role, request?.Scopes, request?.ExpiresAt), user.KeyRole(), user.Actor(), ct);
        if (outcome.Refusal is Refusal.Invalid invalid)
        {
            return Problems.Invalid(invalid);
        }

        var created = outcome.Value;
        return TypedResults.Created($"/api/admin/keys/{created.Id}",
            new CreatedKeyView(created.Id, created.Name, created.Role.ToName(), created.Key, created.CreatedAt, created.Scopes, created.ExpiresAt));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> RevokeAsync(
        Guid id, MarketingDbContext db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await RevokeApiKey.HandleAsync(db, clock, id, user.KeyRole(), user.Actor(), ct);
        return outcome.Refusal switch
        {
            null => TypedResults.NoContent(),
            Refusal.NotFound => TypedResults.NotFound(),
            Refusal.Invalid invalid => Problems.Invalid(invalid),
            var other => throw Problems.Unmapped(other),
        };
    }
}
