using System.Runtime.CompilerServices;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>Which entries export E5 covers; every filter is optional.</summary>
public sealed record SuppressionListFilter(string? Channel, string? Reason, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>
/// One line of export E5, the suppression list (R33, R34, R17): the keyed hash, never the address, so the file holds no
/// cleartext for anyone, erased or not; its channel, scope (<c>*</c> for all marketing, or a purpose key), reason code,
/// source and creation time.
/// </summary>
public sealed record SuppressionListRow(Guid EntryId, string AddressHash, string Channel, string Scope, string Reason, string Source, DateTimeOffset CreatedAtUtc);

public static class SuppressionList
{
    /// <summary>The entries in creation order, streamed: memory stays flat whatever the list's length.</summary>
    public static async IAsyncEnumerable<SuppressionListRow> StreamAsync(MarketingDbContext db, SuppressionListFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = db.Suppressions.AsNoTracking();
        if (filter.Channel is { } channel)
        {
            query = query.Where(s => s.Channel == channel);
        }

        if (filter.Reason is { } reason)
        {
            query = query.Where(s => s.Reason == reason);
        }

        if (filter.From is { } from)
        {
            query = query.Where(s => s.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(s => s.CreatedAt < to);
        }

        await foreach (var s in query.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new SuppressionListRow(s.Id, s.AddressHash, s.Channel, s.Scope, s.Reason, s.Source, s.CreatedAt);
        }
    }
}
