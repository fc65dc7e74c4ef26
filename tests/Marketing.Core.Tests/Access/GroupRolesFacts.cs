using Marketing.Access;

namespace Marketing.Core.Tests.Access;

/// <summary>The company provider's groups → the user's one role (Marketing:Web:Oidc:Roles).</summary>
public sealed class GroupRolesFacts
{
    private static readonly Dictionary<string, string> Mapping = new()
    {
        ["mkt-team"] = "marketer",
        ["legal"] = "compliance",
        ["it-admins"] = "admin",
        ["privacy-office"] = "dpo",
        ["typo"] = "superuser",
    };

    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "sales" }, null)]
    [InlineData(new[] { "mkt-team" }, ApiKeyRole.Marketer)]
    [InlineData(new[] { "legal" }, ApiKeyRole.Compliance)]
    [InlineData(new[] { "sales", "mkt-team" }, ApiKeyRole.Marketer)]
    [InlineData(new[] { "mkt-team", "legal" }, ApiKeyRole.Compliance)]
    [InlineData(new[] { "legal", "privacy-office" }, ApiKeyRole.Dpo)]
    [InlineData(new[] { "privacy-office", "it-admins" }, ApiKeyRole.Admin)]
    [InlineData(new[] { "mkt-team", "it-admins", "legal" }, ApiKeyRole.Admin)]
    // A group mapped to no real role gives none.
    [InlineData(new[] { "typo" }, null)]
    // Group names are compared exactly: a provider's "Legal" is another group.
    [InlineData(new[] { "Legal" }, null)]
    public void RoleFor_TakesTheStrongestMappedRole(string[] groups, ApiKeyRole? expected) =>
        Assert.Equal(expected, GroupRoles.RoleFor(groups, Mapping));
}
