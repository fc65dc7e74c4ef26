using Marketing.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Suppression;

/// <summary>
/// Reads the suppression list (R33, R34): by reason, and by address through its keyed hash, since the list holds no
/// address. For the admin API and the suppression page; reading it is for compliance roles, never an audience.
/// </summary>
public static class FindSuppressions
{
    /// <param name="Region">Reads a national phone number; an address in international form needs none.</param>
    public sealed record Filter(string? Address = null, string? Region = null, string? Reason = null);

    /// <summary>
    /// The entries matching <paramref name="filter"/>, newest first; an address that is none is a refusal naming the
    /// field (a lookup that cannot match anything must not look like "not suppressed").
    /// </summary>
    public static async Task<Outcome<List<SuppressionEntry>>> HandleAsync(
        MarketingDbContext db, AddressHasher hasher, Filter filter, int skip, int take, CancellationToken ct)
    {
        var query = db.Suppressions.AsNoTracking();
        if (filter.Reason is { } reason)
        {
            if (!SuppressionReasons.All.Contains(reason))
            {
                return Refusal.Field("reason", $"must be one of: {string.Join(", ", SuppressionReasons.All)}");
            }

            query = query.Where(s => s.Reason == reason);
        }

        if (filter.Address is { } address)
        {
            if (!hasher.TryHash(address, string.IsNullOrWhiteSpace(filter.Region) ? "FR" : filter.Region.Trim().ToUpperInvariant(), out var hash))
            {
                return Refusal.Field("address", "must be an email address or a phone number (international, or national with 'region')");
            }

            query = query.Where(s => s.AddressHash == hash);
        }

        return await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }
}
