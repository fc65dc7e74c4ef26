using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>
/// Makes a user who signs in after following a one-time link: printed for the operator (the first admin, from the
/// CLI), or emailed through the gate's transactional path (users invited from the app). Someone invited earlier who
/// never set a way in is invited again, with a new link; the old one stops working.
/// </summary>
public static class InviteUser
{
    public sealed record Request(string? Email, string? Role, string? DisplayName = null, string? Locale = null);

    /// <param name="Token">The link's token when the caller hands it over itself (<c>emailed: false</c>); null when emailed.</param>
    public sealed record Outcome(User? User, string? Token, Dictionary<string, string> Problems)
    {
        public bool Succeeded => User is not null;
    }

    public static async Task<Outcome> HandleAsync(MarketingDbContext db, TimeProvider clock, Request request, Actor actor, bool emailed, CancellationToken ct)
    {
        var problems = new Dictionary<string, string>();
        if (!Identifiers.TryNormalizeEmail(request.Email, out var email))
        {
            problems["email"] = UserProblems.EmailInvalid;
        }

        if (!ApiKeyRoles.TryParse(request.Role, out var role))
        {
            problems["role"] = UserProblems.RoleInvalid;
        }
        else if (!RoleAuthority.MayGrant(actor.Role, role))
        {
            problems["role"] = UserProblems.RoleNotYours;
        }

        var name = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim();
        if (name is { Length: > User.MaxNameLength })
        {
            problems["displayName"] = UserProblems.NameTooLong;
        }

        var normalized = Users.Normalize(email);
        var existing = problems.ContainsKey("email") ? null : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (existing is not null && (existing.PasswordHash is not null || await db.UserPasskeys.AnyAsync(p => p.UserId == existing.Id, ct)))
        {
            problems["email"] = UserProblems.EmailTaken;
        }
        else if (existing is not null && !RoleAuthority.MayRestrict(actor.Role, existing.Role))
        {
            problems["role"] = UserProblems.RoleNotYours;
        }

        if (problems.Count > 0)
        {
            return new Outcome(null, null, problems);
        }

        var now = clock.GetUtcNow();
        var user = existing ?? new User
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            NormalizedUserName = normalized,
            Email = email,
            NormalizedEmail = normalized,
            SecurityStamp = Users.NewStamp(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            CreatedAt = now,
            InvitedBy = actor.Name,
        };
        user.Role = role;
        user.DisplayName = name ?? user.DisplayName;
        user.Locale = Users.Language(request.Locale);
        user.DisabledAt = null;
        if (existing is null)
        {
            db.Users.Add(user);
        }

        await Users.VoidOpenLinksAsync(db, user.Id, now, ct);
        var link = new AccountLink
        {
            Id = Guid.CreateVersion7(), UserId = user.Id, Purpose = AccountLinkPurposes.Invitation, CreatedAt = now, CreatedBy = actor.Name,
        };
        db.AccountLinks.Add(link);
        string? token = null;
        if (emailed)
        {
            AccountMail.Queue(db, user, link, now);
        }
        else
        {
            token = link.Issue(now);
        }

        db.AuditEntries.Add(AuditEntry.Create(clock, actor.Name, existing is null ? "user.invited" : "user.invited_again", user.Id.ToString(),
            $"email={email} role={role.ToName()} delivery={(emailed ? "email" : "printed")}"));
        await db.SaveChangesAsync(ct);
        return new Outcome(user, token, problems);
    }
}
