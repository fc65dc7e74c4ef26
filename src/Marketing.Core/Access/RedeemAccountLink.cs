using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>
/// Following an invitation or reset link: <see cref="FindAsync"/> says whether it still works (and whose it is), without
/// using it, so that a mail scanner opening the link spends nothing; <see cref="HandleAsync"/> sets the user's new way in
/// and uses the link, in one transaction, voiding the user's other open links.
/// </summary>
public static class RedeemAccountLink
{
    public sealed record Found(AccountLink? Link, User? User, string? Problem);

    public static async Task<Found> FindAsync(MarketingDbContext db, TimeProvider clock, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return new Found(null, null, UserProblems.LinkUnknown);
        }

        var hash = AccountLink.HashToken(token);
        var link = await db.AccountLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        var user = link is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == link.UserId, ct);
        if (link is null || user is null || link.UsedAt is not null || user.DisabledAt is not null)
        {
            return new Found(null, null, UserProblems.LinkUnknown);
        }

        return link.ExpiresAt is not { } expires || expires < clock.GetUtcNow()
            ? new Found(null, null, UserProblems.LinkExpired)
            : new Found(link, user, null);
    }

    /// <param name="method"><c>password</c> or <c>passkey</c>, for the audit log.</param>
    /// <param name="setCredential">Sets the new password or passkey on the user (Identity's work); returns the problems, none when done.</param>
    public static async Task<Found> HandleAsync(MarketingDbContext db, TimeProvider clock, string? token, string method,
        Func<User, Task<IReadOnlyList<string>>> setCredential, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var found = await FindAsync(db, clock, token, ct);
        if (found is not { Link: { } link, User: { } user })
        {
            return found;
        }

        var problems = await setCredential(user);
        if (problems.Count > 0)
        {
            return found with { Problem = problems[0] };
        }

        var now = clock.GetUtcNow();
        link.UsedAt = now;
        await Users.VoidOpenLinksAsync(db, user.Id, now, ct);
        // Following the emailed or printed link proves the address.
        user.EmailConfirmed = true;
        db.AuditEntries.Add(AuditEntry.Create(clock, Actor.OfUser(user.Email!), $"user.{link.Purpose}_accepted", user.Id.ToString(), $"method={method}"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return found;
    }
}
