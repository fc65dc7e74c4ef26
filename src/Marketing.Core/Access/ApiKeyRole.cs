namespace Marketing.Access;

/// <summary>The one role an API key carries. Admin may do everything the others may.</summary>
public enum ApiKeyRole
{
    Admin,
    Marketer,
    Compliance,
}

public static class ApiKeyRoles
{
    public const string Admin = "admin";
    public const string Marketer = "marketer";
    public const string Compliance = "compliance";

    public static IReadOnlyList<string> All { get; } = [Admin, Marketer, Compliance];

    public static string ToName(this ApiKeyRole role) => role switch
    {
        ApiKeyRole.Admin => Admin,
        ApiKeyRole.Marketer => Marketer,
        ApiKeyRole.Compliance => Compliance,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out ApiKeyRole role)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case Admin: role = ApiKeyRole.Admin; return true;
            case Marketer: role = ApiKeyRole.Marketer; return true;
            case Compliance: role = ApiKeyRole.Compliance; return true;
            default: role = default; return false;
        }
    }
}
