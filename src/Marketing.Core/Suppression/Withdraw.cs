using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;
using Marketing.Webhooks;

namespace Marketing.Suppression;

/// <summary>
/// A person withdrawing from one purpose or from all marketing on a channel (R16): a <c>withdrawn</c> ledger
/// event for each consent that was still standing, and a suppression entry, so that the gate stops any
/// message already queued. Works with no login and even when the person has since been erased.
/// </summary>
public static class Withdraw
{
    public static async Task<IReadOnlyList<string>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, Guid personId, string addressHash, string channel, string? purposeKey,
        ConsentAction action, string source, CancellationToken ct)
    {
        return await ConsentLedger.RetryOnConflictAsync(db, async () =>
        {
            var withdrawn = await StageAsync(db, clock, personId, addressHash, channel, purposeKey, action, source, ct);
            await db.SaveChangesAsync(ct);
            return withdrawn;
        });
    }

    /// <summary>The same changes, left unsaved for a caller that writes more in the same transaction.</summary>
    public static async Task<IReadOnlyList<string>> StageAsync(
        MarketingDbContext db, TimeProvider clock, Guid personId, string addressHash, string channel, string? purposeKey,
        ConsentAction action, string source, CancellationToken ct)
    {
        var withdrawn = new List<string>();
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, ct);
        if (person is not null)
        {
            withdrawn.AddRange(await AppendWithdrawalsAsync(db, person, channel, purposeKey, action, ct));
        }

        var scope = purposeKey ?? SuppressionEntry.AnyPurpose;
        var exists = await db.Suppressions.AnyAsync(s => s.AddressHash == addressHash && s.Channel == channel
            && s.Scope == scope && s.Reason == SuppressionReasons.Unsubscribe, ct);
        if (!exists)
        {
            WebhookOutbox.AddSuppression(db, new SuppressionEntry
            {
                Id = Guid.CreateVersion7(), AddressHash = addressHash, Channel = channel, Scope = scope,
                Reason = SuppressionReasons.Unsubscribe, Source = source, CreatedAt = clock.GetUtcNow(),
            }, person?.Id);
        }

        return withdrawn;
    }

    private static async Task<List<string>> AppendWithdrawalsAsync(
        MarketingDbContext db, Person person, string channel, string? purposeKey, ConsentAction action, CancellationToken ct)
    {
        var standing = await db.ConsentStates
            .Where(s => s.PersonId == person.Id && s.Channel == channel
                && (s.Status == ConsentStatuses.Granted || s.Status == ConsentStatuses.Confirmed || s.Status == ConsentStatuses.PendingConfirmation))
            .ToListAsync(ct);
        var lastEventIds = standing.Select(s => s.LastEventId).ToList();
        var lastEvents = await db.ConsentEvents.AsNoTracking().Where(e => lastEventIds.Contains(e.Id)).ToListAsync(ct);
        var withdrawn = new List<string>();
        foreach (var earlier in lastEvents.Where(e => purposeKey is null || e.PurposeKey == purposeKey).OrderBy(e => e.PurposeKey, StringComparer.Ordinal))
        {
            await ConsentLedger.AppendFollowingAsync(db, person, earlier, ConsentStatuses.Withdrawn, action, sameWording: false, ct);
            withdrawn.Add(earlier.PurposeKey);
        }

        return withdrawn;
    }
}
