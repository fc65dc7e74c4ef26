using Marketing.Data;

namespace Marketing.Access;

/// <summary>
/// The audit trail of sign-ins (R48): every success with how the user proved who they are, every failure, every
/// lockout and sign-out. A failure names the address typed, cut to its column; never a password.
/// </summary>
public static class RecordSignIn
{
    public const string SignedIn = "user.signed_in";
    public const string Failed = "user.sign_in_failed";
    public const string LockedOut = "user.locked_out";
    public const string SignedOut = "user.signed_out";
    public const string Refused = "user.sign_in_refused";
    public const string FactorAdded = "user.factor_added";
    public const string FactorRemoved = "user.factor_removed";

    public static AuditEntry Entry(TimeProvider clock, string action, string? email, Guid? userId, string? detail = null) =>
        AuditEntry.Create(clock, Actor.OfUser(Cut(email ?? "unknown", 110)), action, userId?.ToString(), detail is null ? null : Cut(detail, 400));

    /// <summary>Writes one entry of the trail now, on its own.</summary>
    public static async Task HandleAsync(MarketingDbContext db, TimeProvider clock, string action, string? email, Guid? userId, string? detail, CancellationToken ct)
    {
        db.AuditEntries.Add(Entry(clock, action, email, userId, detail));
        await db.SaveChangesAsync(ct);
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
