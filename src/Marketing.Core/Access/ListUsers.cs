using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>The users of the app, as an admin reviews them: who, which role, whether they can sign in and with what.</summary>
public static class ListUsers
{
    public sealed record Row(Guid Id, string Email, string? DisplayName, ApiKeyRole Role, UserStatus Status, int Passkeys, bool Totp, bool Password,
        DateTimeOffset CreatedAt);

    public enum UserStatus
    {
        /// <summary>Invited, no way in set yet.</summary>
        Invited,
        Active,
        Disabled,
    }

    public static async Task<IReadOnlyList<Row>> HandleAsync(MarketingDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.Role, u.DisabledAt, u.TwoFactorEnabled, HasPassword = u.PasswordHash != null, u.CreatedAt,
                Passkeys = db.UserPasskeys.Count(p => p.UserId == u.Id),
            })
            .ToListAsync(ct);
        return users.Select(u => new Row(u.Id, u.Email ?? "", u.DisplayName, u.Role,
                u.DisabledAt is not null ? UserStatus.Disabled : u.HasPassword || u.Passkeys > 0 ? UserStatus.Active : UserStatus.Invited,
                u.Passkeys, u.TwoFactorEnabled, u.HasPassword, u.CreatedAt))
            .ToList();
    }
}
