namespace Marketing.Access;

/// <summary>
/// The one role an API key or a user of the web app carries (the same meanings for both). Admin may do everything
/// marketer and compliance may; dpo may do what compliance may, plus the DPO's own duties, and an admin cannot restrict it.
/// </summary>
public enum ApiKeyRole
{
    Admin,
    Marketer,
    Compliance,
    Dpo,
}

public static class ApiKeyRoles
{
    public const string Admin = "admin";
    public const string Marketer = "marketer";
    public const string Compliance = "compliance";
    public const string Dpo = "dpo";

    public static IReadOnlyList<string> All { get; } = [Admin, Marketer, Compliance, Dpo];

    public static string ToName(this ApiKeyRole role) => role switch
    {
        ApiKeyRole.Admin => Admin,
        ApiKeyRole.Marketer => Marketer,
        ApiKeyRole.Compliance => Compliance,
        ApiKeyRole.Dpo => Dpo,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out ApiKeyRole role)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case Admin: role = ApiKeyRole.Admin; return true;
            case Marketer: role = ApiKeyRole.Marketer; return true;
            case Compliance: role = ApiKeyRole.Compliance; return true;
            case Dpo: role = ApiKeyRole.Dpo; return true;
            default: role = default; return false;
        }
    }

    /// <summary>
    /// Roles whose sign-in needs a second factor (a passkey, or a password with a one-time code): they reach every
    /// person's data or the engine's configuration (R48).
    /// </summary>
    public static bool NeedsSecondFactor(this ApiKeyRole role) => role is ApiKeyRole.Admin or ApiKeyRole.Compliance or ApiKeyRole.Dpo;
}
