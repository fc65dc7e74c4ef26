namespace Marketing.Access;

/// <summary>
/// Why a change of users was refused, as codes: the CLI and the API say them in English (<see cref="Describe"/>), the
/// web app in the reader's language, beside the field they name.
/// </summary>
public static class UserProblems
{
    public const string EmailInvalid = "email_invalid";
    public const string EmailTaken = "email_taken";
    public const string RoleInvalid = "role_invalid";
    public const string RoleNotYours = "role_not_yours";
    public const string NameTooLong = "name_too_long";
    public const string NotYourself = "not_yourself";
    public const string UnknownUser = "unknown_user";
    public const string LinkUnknown = "link_unknown";
    public const string LinkExpired = "link_expired";

    public static string Describe(string code) => code switch
    {
        EmailInvalid => "must be a valid email address",
        EmailTaken => "already belongs to a user who can sign in (ask for a password reset instead)",
        RoleInvalid => $"must be one of: {string.Join(", ", ApiKeyRoles.All)}",
        RoleNotYours => "may not be given or taken away by you (only a DPO or the operator manages the dpo role)",
        NameTooLong => $"must be at most {User.MaxNameLength} characters",
        NotYourself => "cannot be changed on your own account",
        UnknownUser => "names no user",
        LinkUnknown => "this link is not valid, or has already been used",
        LinkExpired => "this link has expired: ask for a new one",
        _ => code,
    };
}
