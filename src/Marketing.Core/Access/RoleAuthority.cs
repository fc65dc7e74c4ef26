namespace Marketing.Access;

/// <summary>
/// Who may give a role, or restrict one who holds it (change their role, disable them, revoke their key). The operator
/// at the command line may do anything; an admin manages admins, marketers and compliance staff, never a DPO: a DPO's
/// independence is a legal duty (GDPR art. 38(3)), so marketing admins can neither make nor unmake one.
/// </summary>
public static class RoleAuthority
{
    /// <param name="actor">The role of whoever asks; null for the operator (the CLI).</param>
    public static bool MayGrant(ApiKeyRole? actor, ApiKeyRole role) => actor switch
    {
        null => true,
        ApiKeyRole.Admin => role != ApiKeyRole.Dpo,
        ApiKeyRole.Dpo => role == ApiKeyRole.Dpo,
        _ => false,
    };

    /// <param name="actor">The role of whoever asks; null for the operator (the CLI).</param>
    public static bool MayRestrict(ApiKeyRole? actor, ApiKeyRole holder) => MayGrant(actor, holder);

    /// <summary>Changing <paramref name="holder"/>'s role to <paramref name="role"/> restricts the old role and grants the new one.</summary>
    public static bool MayChange(ApiKeyRole? actor, ApiKeyRole holder, ApiKeyRole role) => MayRestrict(actor, holder) && MayGrant(actor, role);
}
