using System.Security.Claims;
using Marketing.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketing.Server.Access;

/// <summary>A user's session claims: Identity's (id, name, security stamp) and the user's one role.</summary>
public sealed class UserClaims(UserManager<User> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, user.Role.ToName()));
        return identity;
    }
}
