using Marketing.Data;
using Marketing.Leads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>
/// A user signing in through the company's OpenID Connect provider: their groups decide their role each time
/// (<see cref="GroupRoles"/>), and they are linked to a local user, made on first sign-in, so that disabling, the audit
/// log and sessions work as for everyone. A user disabled here stays out whatever the provider says.
/// </summary>
public static class ProvisionProviderUser
{
    public const string Provider = "oidc";

    public sealed record Outcome(User? User, string? Problem);

    public const string NoMappedGroup = "no_mapped_group";
    public const string NoEmail = "no_email";
    public const string DisabledUser = "disabled";

    public static async Task<Outcome> HandleAsync(MarketingDbContext db, TimeProvider clock, string subject, string? email,
        IEnumerable<string> groups, IReadOnlyDictionary<string, string> mapping, CancellationToken ct)
    {
        var actor = Actor.OfUser(email ?? $"{Provider}:{subject}");
        if (GroupRoles.RoleFor(groups, mapping) is not { } role)
        {
            db.AuditEntries.Add(AuditEntry.Create(clock, actor, RecordSignIn.Refused, null, "provider: no group of the user maps to a role"));
            await db.SaveChangesAsync(ct);
            return new Outcome(null, NoMappedGroup);
        }

        var login = await db.Set<IdentityUserLogin<Guid>>().SingleOrDefaultAsync(l => l.LoginProvider == Provider && l.ProviderKey == subject, ct);
        var user = login is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == login.UserId, ct);
        if (user is null)
        {
            if (!Identifiers.TryNormalizeEmail(email, out var address))
            {
                return new Outcome(null, NoEmail);
            }

            var normalized = Users.Normalize(address);
            user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
            if (user is null)
            {
                user = new User
                {
                    Id = Guid.CreateVersion7(), UserName = address, NormalizedUserName = normalized, Email = address, NormalizedEmail = normalized,
                    EmailConfirmed = true, SecurityStamp = Users.NewStamp(), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
                    Role = role, CreatedAt = clock.GetUtcNow(), InvitedBy = Provider,
                };
                db.Users.Add(user);
                db.AuditEntries.Add(AuditEntry.Create(clock, Provider, "user.created_from_provider", user.Id.ToString(), $"email={address} role={role.ToName()}"));
            }

            db.Set<IdentityUserLogin<Guid>>().Add(new IdentityUserLogin<Guid> { LoginProvider = Provider, ProviderKey = subject, ProviderDisplayName = Provider, UserId = user.Id });
        }

        if (user.DisabledAt is not null)
        {
            db.AuditEntries.Add(AuditEntry.Create(clock, actor, RecordSignIn.Refused, user.Id.ToString(), "provider: disabled here"));
            await db.SaveChangesAsync(ct);
            return new Outcome(null, DisabledUser);
        }

        if (user.Role != role)
        {
            db.AuditEntries.Add(AuditEntry.Create(clock, Provider, "user.role_changed", user.Id.ToString(), $"email={user.Email} from={user.Role.ToName()} to={role.ToName()} (groups)"));
            user.Role = role;
        }

        await db.SaveChangesAsync(ct);
        return new Outcome(user, null);
    }
}
