using System.Security.Cryptography;
using System.Text;
using Marketing.Access;
using Marketing.Data;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

public enum ConfirmationOutcome
{
    Confirmed,
    AlreadyConfirmed,
    Expired,
    Unknown,
}

/// <summary>
/// Following the link of a double-opt-in email (R20): appends one <c>confirmed</c> event per purpose still
/// pending, with time, IP and user agent; the token works once. A confirmed new consent is also the only
/// thing that lifts the person's earlier unsubscribe from that purpose.
/// </summary>
public static class ConfirmDoubleOptIn
{
    /// <summary>256 random bits, URL-safe: the link's token. Only its hash is stored.</summary>
    public static string NewToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static async Task<(ConfirmationOutcome Outcome, IReadOnlyList<string> Purposes)> HandleAsync(
        MarketingDbContext db, AddressHasher hasher, string token, ConsentAction action, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return (ConfirmationOutcome.Unknown, []);
        }

        var tokenHash = HashToken(token);
        return await ConsentLedger.RetryOnConflictAsync(db, async () =>
        {
            var request = await db.DoubleOptInRequests.SingleOrDefaultAsync(r => r.TokenHash == tokenHash, ct);
            if (request is null)
            {
                return (ConfirmationOutcome.Unknown, (IReadOnlyList<string>)[]);
            }

            if (request.Status == DoubleOptInStatuses.Confirmed)
            {
                return (ConfirmationOutcome.AlreadyConfirmed, []);
            }

            if (request.ExpiresAt is not { } expires || expires < action.At)
            {
                return (ConfirmationOutcome.Expired, []);
            }

            var person = await db.People.SingleOrDefaultAsync(p => p.Id == request.PersonId, ct);
            if (person is null)
            {
                return (ConfirmationOutcome.Unknown, []);
            }

            var pending = await db.ConsentEvents.AsNoTracking().Where(e => request.PendingEventIds.Contains(e.Id)).OrderBy(e => e.Sequence).ToListAsync(ct);
            var confirmed = new List<string>();
            foreach (var earlier in pending)
            {
                var state = await db.ConsentStates.FindAsync([person.Id, earlier.PurposeId, earlier.Channel], ct);
                // Withdrawn since signing up: the person's later word wins over an old link.
                if (state?.Status != ConsentStatuses.PendingConfirmation)
                {
                    continue;
                }

                await ConsentLedger.AppendFollowingAsync(db, person, earlier, ConsentStatuses.Confirmed,
                    action with { Method = ConsentMethods.DoubleOptIn }, sameWording: true, ct);
                confirmed.Add(earlier.PurposeKey);
            }

            if (confirmed.Count > 0)
            {
                // The address's owner confirmed this sign-up: now, and only now, its values are theirs (invariant 7).
                await Capture.ApplyConfirmedSubmission.HandleAsync(db, person, [request.SubmissionId], action.At, ct);
            }

            if (person.Email is not null && confirmed.Count > 0)
            {
                await LiftUnsubscribesAsync(db, hasher.HashNormalized(person.Email), [ChannelKeys.Email, SuppressionEntry.AnyChannel], confirmed,
                    "double-opt-in", $"new consent confirmed for {string.Join(", ", confirmed)}", action.At, ct);
            }

            request.Status = DoubleOptInStatuses.Confirmed;
            request.ConfirmedAt = action.At;
            await db.SaveChangesAsync(ct);
            return (ConfirmationOutcome.Confirmed, (IReadOnlyList<string>)confirmed);
        });
    }

    /// <summary>
    /// The person opted in again and proved the address (by email) or the number (by SMS reply): their earlier opt-outs
    /// from these purposes, on <paramref name="channels"/>, no longer stand. Bounces, complaints and erasures stay.
    /// </summary>
    internal static async Task LiftUnsubscribesAsync(MarketingDbContext db, string addressHash, string[] channels, IReadOnlyCollection<string> purposes,
        string actor, string why, DateTimeOffset at, CancellationToken ct)
    {
        var lifted = await db.Suppressions
            .Where(s => s.AddressHash == addressHash && s.Reason == SuppressionReasons.Unsubscribe && channels.Contains(s.Channel)
                && (s.Scope == SuppressionEntry.AnyPurpose || purposes.Contains(s.Scope)))
            .ToListAsync(ct);
        foreach (var entry in lifted)
        {
            db.Suppressions.Remove(entry);
            db.AuditEntries.Add(AuditEntry.CreateAt(at, actor, "suppression.lifted", entry.Id.ToString(), $"{entry.Reason} {entry.Channel}/{entry.Scope}: {why}"));
        }
    }
}
