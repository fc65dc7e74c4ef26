using Marketing.Data;
using Marketing.Leads;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>Where and how a person acted on their consent after signing up: the evidence of a confirmation or a withdrawal.</summary>
public sealed record ConsentAction(DateTimeOffset At, string Method, string? IpAddress, string? UserAgent, string? PageUrl);

/// <summary>
/// The one way into the consent ledger (invariant 2). <see cref="Append"/> is the chain step: the next sequence number,
/// the previous event's hash, the seal, the person's head moved, the projection moved. A sign-up's events (written in
/// bulk by capture) and the events that follow it (a confirmation, a withdrawal, an SMS reply) all pass through it.
/// The person must be tracked: saving bumps its row version, so two nodes appending for one person at once cannot
/// both succeed (the loser retries, <see cref="RetryOnConflictAsync"/>).
/// </summary>
public static class ConsentLedger
{
    /// <param name="Event">The sealed event, for the caller to store.</param>
    /// <param name="State">The person's state for the event's purpose and channel, moved by it.</param>
    /// <param name="NewState">The state did not exist: the caller stores it too.</param>
    public readonly record struct Appended(ConsentEvent Event, ConsentState State, bool NewState);

    /// <summary>
    /// Chains a drafted event (everything but its sequence, previous hash and seal) to the person's ledger and moves
    /// <paramref name="current"/>, the stored state for its purpose and channel, or a new one when there is none.
    /// </summary>
    public static Appended Append(Person person, ConsentEvent draft, ConsentState? current)
    {
        if (draft.PersonId != person.Id || draft.Sequence != 0 || draft.PreviousHash is not null || draft.Hash.Length != 0)
        {
            throw new InvalidOperationException("An event joins the ledger once, as a draft of the person whose chain it extends.");
        }

        draft.Sequence = person.LedgerSequence + 1;
        draft.PreviousHash = person.LedgerHead;
        var appended = draft.Sealed();
        person.LedgerSequence = appended.Sequence;
        person.LedgerHead = appended.Hash;
        // The chain's head moved: another node appending for this person at the same time now fails and reads again.
        person.RowVersion++;

        var state = current ?? new ConsentState { PersonId = person.Id, PurposeId = appended.PurposeId, Channel = appended.Channel, Status = appended.Status };
        ConsentProjection.Apply(state, appended);
        return new Appended(appended, state, current is null);
    }

    /// <summary>Appends an event that follows a sign-up (a confirmation, a withdrawal, a reply), citing its earlier event.</summary>
    public static async Task<ConsentEvent> AppendFollowingAsync(
        MarketingDbContext db, Person person, ConsentEvent earlier, string status, ConsentAction action, bool sameWording, CancellationToken ct)
    {
        var draft = new ConsentEvent
        {
            Id = Guid.CreateVersion7(),
            PersonId = person.Id,
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
        };
        return await AppendDraftAsync(db, person, draft, ct);
    }

    /// <summary>
    /// Appends a drafted event that cites no earlier one, such as an objection to a purpose the person never consented
    /// to (R17: under legitimate interest there is nothing to withdraw), and stages the event and its state.
    /// </summary>
    public static async Task<ConsentEvent> AppendDraftAsync(MarketingDbContext db, Person person, ConsentEvent draft, CancellationToken ct)
    {
        var current = await db.ConsentStates.FindAsync([person.Id, draft.PurposeId, draft.Channel], ct);
        var appended = Append(person, draft, current);
        db.ConsentEvents.Add(appended.Event);
        if (appended.NewState)
        {
            db.ConsentStates.Add(appended.State);
        }

        // R55: other systems learn of the change from the outbox, saved with the event itself.
        Webhooks.WebhookOutbox.Consent(db, appended.Event);
        return appended.Event;
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

    /// <summary>
    /// The event as an erasure leaves it (R38, ADR 16): personal fields replaced by the tombstone, the salt gone, the
    /// commitment and the hash kept; a version-1 event gets its erasure seal, checked against its hash first.
    /// </summary>
    public static ConsentEvent Erased(ConsentEvent e, DateTimeOffset at)
    {
        if (e.ErasedAt is not null)
        {
            return e;
        }

        var erased = new ConsentEvent
        {
            Id = e.Id, PersonId = e.PersonId, Sequence = e.Sequence, Identifier = LedgerHash.ErasedIdentifier, IdentifierType = e.IdentifierType,
            PurposeId = e.PurposeId, PurposeKey = e.PurposeKey, Channel = e.Channel, Regime = e.Regime, Status = e.Status, Method = e.Method,
            OccurredAt = e.OccurredAt, LocalOffsetMinutes = e.LocalOffsetMinutes, NoticeVersionId = e.NoticeVersionId, NoticeVersion = e.NoticeVersion,
            NoticeSha256 = e.NoticeSha256, Locale = e.Locale, FormId = e.FormId, FormVersion = e.FormVersion,
            PrivacyNoticeVersionId = e.PrivacyNoticeVersionId, PrivacyNoticeVersion = e.PrivacyNoticeVersion, SubmissionId = e.SubmissionId,
            Source = e.Source, BasisReference = e.BasisReference,
            PreviousHash = e.PreviousHash, Hash = e.Hash, HashVersion = e.HashVersion, PersonalDigest = e.PersonalDigest, ErasedAt = at,
            ErasureSeal = e.HashVersion == LedgerHash.Cleartext ? LedgerHash.ErasureSeal(e) : null,
        };
        return erased;
    }
}
