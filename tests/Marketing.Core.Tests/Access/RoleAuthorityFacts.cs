using Marketing.Access;

namespace Marketing.Core.Tests.Access;

/// <summary>Who may give a role or restrict its holder: an admin manages everyone but a DPO (GDPR art. 38(3)).</summary>
public sealed class RoleAuthorityFacts
{
    [Theory]
    // actor (null: the operator at the CLI), role given, allowed
    [InlineData(null, ApiKeyRole.Admin, true)]
    [InlineData(null, ApiKeyRole.Dpo, true)]
    [InlineData(ApiKeyRole.Admin, ApiKeyRole.Admin, true)]
    [InlineData(ApiKeyRole.Admin, ApiKeyRole.Marketer, true)]
    [InlineData(ApiKeyRole.Admin, ApiKeyRole.Compliance, true)]
    [InlineData(ApiKeyRole.Admin, ApiKeyRole.Dpo, false)]
    [InlineData(ApiKeyRole.Dpo, ApiKeyRole.Dpo, true)]
    [InlineData(ApiKeyRole.Dpo, ApiKeyRole.Admin, false)]
    [InlineData(ApiKeyRole.Dpo, ApiKeyRole.Compliance, false)]
    [InlineData(ApiKeyRole.Compliance, ApiKeyRole.Compliance, false)]
    [InlineData(ApiKeyRole.Compliance, ApiKeyRole.Dpo, false)]
    [InlineData(ApiKeyRole.Marketer, ApiKeyRole.Marketer, false)]
    public void MayGrant_FollowsTheTable(ApiKeyRole? actor, ApiKeyRole role, bool allowed) =>
        Assert.Equal(allowed, RoleAuthority.MayGrant(actor, role));

    [Theory]
    // actor, holder's role, new role, allowed
    [InlineData(ApiKeyRole.Admin, ApiKeyRole.Marketer, ApiKeyRole.Compliance, true)]
    [InlineData(ApiKeyRole.Admin, ApiKeyRole.Dpo, ApiKeyRole.Marketer, false)]
    [InlineData(ApiKeyRole.Admin, ApiKeyRole.Marketer, ApiKeyRole.Dpo, false)]
    [InlineData(null, ApiKeyRole.Dpo, ApiKeyRole.Marketer, true)]
    [InlineData(ApiKeyRole.Dpo, ApiKeyRole.Dpo, ApiKeyRole.Marketer, false)]
    public void MayChange_NeedsBothRestrictingTheOldRoleAndGrantingTheNew(ApiKeyRole? actor, ApiKeyRole holder, ApiKeyRole role, bool allowed) =>
        Assert.Equal(allowed, RoleAuthority.MayChange(actor, holder, role));

    [Theory]
    [InlineData(ApiKeyRole.Admin, true)]
    [InlineData(ApiKeyRole.Compliance, true)]
    [InlineData(ApiKeyRole.Dpo, true)]
    [InlineData(ApiKeyRole.Marketer, false)]
    public void NeedsSecondFactor_ForTheRolesThatReachEveryonesData(ApiKeyRole role, bool needs) =>
        Assert.Equal(needs, role.NeedsSecondFactor());
}
