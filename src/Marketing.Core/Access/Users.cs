using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Access;

/// <summary>What the user use cases share.</summary>
public static class Users
{
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    /// <summary>Identity's lookup form of a name or an email (its default normaliser's rule), so that Identity finds the users made here.</summary>
    public static string Normalize(string value) => value.Normalize().ToUpperInvariant();

    /// <summary>A new security stamp: every session and pending sign-in step made before it ends at its next check.</summary>
    public static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    public static string Language(string? locale) =>
        locale?.Split('-')[0].ToLowerInvariant() is { } language && Languages.Contains(language) ? language : "en";

    /// <summary>Voids every open link of the user: a new link, a used one or a disabled account leaves no other way in.</summary>
    internal static async Task VoidOpenLinksAsync(MarketingDbContext db, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var open in await db.AccountLinks.Where(l => l.UserId == userId && l.UsedAt == null).ToListAsync(ct))
        {
            open.UsedAt = now;
        }
    }
}
