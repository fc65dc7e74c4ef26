using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>
/// "I cannot sign in": emails the user a one-time link to set a new password or passkey, through the gate's transactional
/// path. The answer never says whether the address is a user's (nobody learns who works here by asking), and one
/// link is sent per few minutes at most, so the form cannot be used to flood someone's mailbox.
/// </summary>
public static class RequestPasswordReset
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <returns>False only when the input is not an email address; true whether or not a link went out.</returns>
    public static async Task<bool> HandleAsync(MarketingDbContext db, TimeProvider clock, string? email, CancellationToken ct)
    {
        if (!Identifiers.TryNormalizeEmail(email, out var address))
        {
            return false;
        }

        var normalized = Users.Normalize(address);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DisabledAt == null, ct);
        var now = clock.GetUtcNow();
        if (user is null || await db.AccountLinks.AnyAsync(l => l.UserId == user.Id && l.Purpose == AccountLinkPurposes.Reset && l.CreatedAt > now - Interval, ct))
        {
            return true;
        }

        var link = new AccountLink
        {
            Id = Guid.CreateVersion7(), UserId = user.Id, Purpose = AccountLinkPurposes.Reset, CreatedAt = now, CreatedBy = Actor.OfUser(address),
        };
        db.AccountLinks.Add(link);
        AccountMail.Queue(db, user, link, now);
        db.AuditEntries.Add(AuditEntry.Create(clock, Actor.OfUser(address), "user.reset_requested", user.Id.ToString()));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
