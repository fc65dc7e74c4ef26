namespace Marketing.Access;

/// <summary>
/// The role a user signing in through the company's OpenID Connect provider gets from their groups: the mapped role of
/// each group they are in, the strongest if several (admin, then dpo, compliance, marketer); none when no group is
/// mapped, and then they may not sign in.
/// </summary>
public static class GroupRoles
{
    private static readonly ApiKeyRole[] Precedence = [ApiKeyRole.Admin, ApiKeyRole.Dpo, ApiKeyRole.Compliance, ApiKeyRole.Marketer];

    public static ApiKeyRole? RoleFor(IEnumerable<string> groups, IReadOnlyDictionary<string, string> mapping)
    {
        var roles = groups
            .Select(g => mapping.TryGetValue(g, out var name) && ApiKeyRoles.TryParse(name, out var role) ? role : (ApiKeyRole?)null)
            .OfType<ApiKeyRole>()
            .ToHashSet();
        return Precedence.Where(roles.Contains).Select(r => (ApiKeyRole?)r).FirstOrDefault();
    }
}
