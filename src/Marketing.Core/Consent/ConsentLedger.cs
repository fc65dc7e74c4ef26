using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>Where and how a person acted on their consent after signing up: the evidence of a confirmation or a withdrawal.</summary>
public sealed record ConsentAction(DateTimeOffset At, string Method, string? IpAddress, string? UserAgent, string? PageUrl);

/// <summary>
/// Appends the events that follow a sign-up — a double-opt-in confirmation, a withdrawal — to a person's
/// chain and moves the projection with them. The person must be tracked: saving bumps its row version, so
/// two nodes appending for one person at once cannot both succeed (the loser retries).
/// </summary>
public static class ConsentLedger
{
    public static async Task<ConsentEvent> AppendFollowingAsync(
        MarketingDbContext db, Person person, ConsentEvent earlier, string status, ConsentAction action, bool sameWording, CancellationToken ct)
    {
        var appended = new ConsentEvent
        {
            Id = Guid.CreateVersion7(),
            PersonId = person.Id,
            Sequence = person.LedgerSequence + 1,
            Identifier = earlier.Identifier,
            IdentifierType = earlier.IdentifierType,
            PurposeId = earlier.PurposeId,
            PurposeKey = earlier.PurposeKey,
            Channel = earlier.Channel,
            Regime = person.Regime,
            Status = status,
            Method = action.Method,
            OccurredAt = LedgerHash.StorableTime(action.At),
            // A confirmation confirms the wording the person signed up on; a withdrawal needs none.
            NoticeVersionId = sameWording ? earlier.NoticeVersionId : null,
            NoticeVersion = sameWording ? earlier.NoticeVersion : null,
            NoticeSha256 = sameWording ? earlier.NoticeSha256 : null,
            Locale = earlier.Locale,
            FormId = sameWording ? earlier.FormId : null,
            FormVersion = sameWording ? earlier.FormVersion : null,
            PrivacyNoticeVersionId = sameWording ? earlier.PrivacyNoticeVersionId : null,
            PrivacyNoticeVersion = sameWording ? earlier.PrivacyNoticeVersion : null,
            PageUrl = action.PageUrl,
            IpAddress = action.IpAddress,
            UserAgent = action.UserAgent is { Length: > 512 } ua ? ua[..512] : action.UserAgent,
            SubmissionId = sameWording ? earlier.SubmissionId : null,
            PreviousHash = person.LedgerHead,
        }.Sealed();
        db.ConsentEvents.Add(appended);
        person.LedgerSequence = appended.Sequence;
        person.LedgerHead = appended.Hash;
        person.RowVersion++;

        var state = await db.ConsentStates.FindAsync([person.Id, appended.PurposeId, appended.Channel], ct);
        if (state is null)
        {
            db.ConsentStates.Add(new ConsentState
            {
                PersonId = person.Id, PurposeId = appended.PurposeId, Channel = appended.Channel, Status = status,
                LastEventId = appended.Id, UpdatedAt = appended.OccurredAt,
            });
        }
        else
        {
            ConsentProjection.Apply(state, appended);
        }

        return appended;
    }

    /// <summary>
    /// Runs a change to one person's chain, again from a fresh read when another node appended for the same
    /// person in between.
    /// </summary>
    public static async Task<T> RetryOnConflictAsync<T>(MarketingDbContext db, Func<Task<T>> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await change();
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
