using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>
/// An admin's changes to another user: a new role, disabling or enabling. Each takes effect at the user's next request
/// on any node (the session's claims are read again from the user at every request; disabling also ends the session),
/// and is audited with the actor (R48).
/// </summary>
public static class ChangeUser
{
    public sealed record Outcome(User? User, string? Field, string? Problem)
    {
        public bool Succeeded => Problem is null;
    }

    public static Task<Outcome> RoleAsync(MarketingDbContext db, TimeProvider clock, Guid userId, string? role, Actor actor, CancellationToken ct) =>
        ChangeAsync(db, clock, userId, actor, user =>
        {
            if (!ApiKeyRoles.TryParse(role, out var parsed))
            {
                return ("role", UserProblems.RoleInvalid, null);
            }

            if (!RoleAuthority.MayChange(actor.Role, user.Role, parsed))
            {
                return ("role", UserProblems.RoleNotYours, null);
            }

            var from = user.Role;
            user.Role = parsed;
            return from == parsed ? (null, null, null) : (null, null, ("user.role_changed", $"from={from.ToName()} to={parsed.ToName()}"));
        }, ct);

    public static Task<Outcome> DisableAsync(MarketingDbContext db, TimeProvider clock, Guid userId, Actor actor, CancellationToken ct) =>
        ChangeAsync(db, clock, userId, actor, user =>
        {
            if (!RoleAuthority.MayRestrict(actor.Role, user.Role))
            {
                return ("role", UserProblems.RoleNotYours, null);
            }

            if (user.DisabledAt is not null)
            {
                return (null, null, null);
            }

            user.DisabledAt = clock.GetUtcNow();
            return (null, null, ("user.disabled", $"role={user.Role.ToName()}"));
        }, ct);

    public static Task<Outcome> EnableAsync(MarketingDbContext db, TimeProvider clock, Guid userId, Actor actor, CancellationToken ct) =>
        ChangeAsync(db, clock, userId, actor, user =>
        {
            if (!RoleAuthority.MayGrant(actor.Role, user.Role))
            {
                return ("role", UserProblems.RoleNotYours, null);
            }

            if (user.DisabledAt is null)
            {
                return (null, null, null);
            }

            user.DisabledAt = null;
            return (null, null, ("user.enabled", $"role={user.Role.ToName()}"));
        }, ct);

    private static async Task<Outcome> ChangeAsync(MarketingDbContext db, TimeProvider clock, Guid userId, Actor actor,
        Func<User, (string? Field, string? Problem, (string Action, string Detail)? Audit)> change, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return new Outcome(null, "user", UserProblems.UnknownUser);
        }

        // Nobody demotes or disables themselves by mistake and locks the app away from every admin.
        if (actor.UserId == user.Id)
        {
            return new Outcome(user, "user", UserProblems.NotYourself);
        }

        var (field, problem, audit) = change(user);
        if (problem is not null)
        {
            return new Outcome(user, field, problem);
        }

        if (audit is { } done)
        {
            if (user.DisabledAt is not null)
            {
                // A new stamp ends the user's sessions on every node; a new role needs none, as each request reads it again.
                user.SecurityStamp = Users.NewStamp();
                await Users.VoidOpenLinksAsync(db, user.Id, clock.GetUtcNow(), ct);
            }

            db.AuditEntries.Add(AuditEntry.Create(clock, actor.Name, done.Action, user.Id.ToString(), $"email={user.Email} {done.Detail}"));
            await db.SaveChangesAsync(ct);
        }

        return new Outcome(user, null, null);
    }
}
