using Marketing.Data;

namespace Marketing.Access;

public sealed record CreatedApiKey(Guid Id, string Name, ApiKeyRole Role, string Key, DateTimeOffset CreatedAt);

public static class CreateApiKey
{
    public const int MaxNameLength = 100;

    public static async Task<CreatedApiKey> HandleAsync(
        MarketingDbContext db, TimeProvider clock, string name, ApiKeyRole role, string actor, CancellationToken ct)
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
        };
        db.ApiKeys.Add(key);
        db.AuditEntries.Add(AuditEntry.Create(clock, actor, "api_key.created", key.Id.ToString(), $"role={role.ToName()} name={key.Name}"));
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(key.Id, key.Name, key.Role, secret.Value, key.CreatedAt);
    }
}
