using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

public sealed record CreatedApiKey(Guid Id, string Name, ApiKeyRole Role, string Key, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt);

public static class CreateApiKey
{
    public const int MaxNameLength = 100;

    /// <param name="Scopes">The route groups the key reaches (<see cref="ApiKeyScopes.All"/>); none for all its role reaches.</param>
    /// <param name="ExpiresAt">When the key stops working; null for never.</param>
    public sealed record Request(string? Name, string? Role, IReadOnlyList<string?>? Scopes = null, DateTimeOffset? ExpiresAt = null);

    /// <summary>
    /// Checks a request from the API or the app: a name, and a role that <paramref name="by"/> may grant (an admin gives
    /// no DPO key, R48). Each field at fault is named; nothing is stored then. The secret is in the result, once.
    /// </summary>
    public static async Task<Outcome<CreatedApiKey>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, Request request, ApiKeyRole? by, string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"is required, at most {MaxNameLength} characters"];
        }

        if (!ApiKeyRoles.TryParse(request.Role, out var role))
        {
            errors["role"] = [$"must be one of: {string.Join(", ", ApiKeyRoles.All)}"];
        }
        else if (!RoleAuthority.MayGrant(by, role))
        {
            errors["role"] = [UserProblems.Describe(UserProblems.RoleNotYours)];
        }

        var (scopes, unknown) = ApiKeyScopes.Parse(request.Scopes);
        if (unknown is not null)
        {
            errors["scopes"] = [$"'{unknown}' is not a scope; use: {string.Join(", ", ApiKeyScopes.All)}"];
        }

        if (ApiKeyScopes.CheckExpiry(request.ExpiresAt, clock.GetUtcNow()) is { } expiry)
        {
            errors["expiresAt"] = [expiry];
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        return await HandleAsync(db, clock, request.Name!.Trim(), role, actor, ct, scopes, request.ExpiresAt?.ToUniversalTime());
    }

    /// <summary>Every key, oldest first, revoked ones too (never their secret: only its hash is kept).</summary>
    public static Task<List<ApiKey>> ListAsync(MarketingDbContext db, CancellationToken ct) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(ct);

    public static async Task<CreatedApiKey> HandleAsync(
        MarketingDbContext db, TimeProvider clock, string name, ApiKeyRole role, string actor, CancellationToken ct,
        IReadOnlyList<string>? scopes = null, DateTimeOffset? expiresAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A key name has at most {MaxNameLength} characters.", nameof(name));
        }

        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Role = role,
            Prefix = secret.Prefix,
            SecretHash = secret.Hash(),
            CreatedAt = clock.GetUtcNow(),
            Scopes = [.. scopes ?? []],
            ExpiresAt = expiresAt,
        };
        db.ApiKeys.Add(key);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "api_key.created", key.Id.ToString(),
            $"role={role.ToName()} name={key.Name} scopes={(key.Scopes.Count == 0 ? "all" : string.Join(',', key.Scopes))} expires={key.ExpiresAt?.ToString("O") ?? "never"}"));
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(key.Id, key.Name, key.Role, secret.Value, key.CreatedAt, key.Scopes, key.ExpiresAt);
    }
}
