using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Channels.Sms;

/// <summary>An SMS Twilio received for the engine's number: who from (E.164), what, and Twilio's id of it.</summary>
public sealed record InboundSms(string From, string? Body, string MessageSid);

/// <param name="Confirm">Whether to answer with the one non-promotional STOP confirmation (R58, R64).</param>
/// <param name="Locale">The language of that answer.</param>
public sealed record InboundOutcome(SmsIntent Intent, bool Duplicate, bool Confirm, string Locale, IReadOnlyList<string> Purposes);

/// <summary>
/// Acts on an inbound SMS, in one transaction. STOP suppresses the number for every marketing SMS at once and
/// withdraws each SMS consent in the ledger (R58, R64); START lifts that suppression and grants again only
/// what the person had consented to before; YES verifies the number of a consent given on a web form (R21).
/// Every message from a known person is kept as a reply (first word only) for sequences to branch on.
/// </summary>
public static class ReceiveSms
{
    public const string KeywordSource = ConsentMethods.SmsKeyword;

    public static async Task<InboundOutcome> HandleAsync(MarketingDbContext db, AddressHasher hasher, TimeProvider clock, SmsKeywords keywords,
        InboundSms sms, CancellationToken ct)
    {
        var intent = keywords.Read(sms.Body);
        // Twilio gives the sender in E.164: STOP suppresses that number even when libphonenumber does not know it (R58, R64).
        var phone = Identifiers.PhoneKey(sms.From);
        var fallbackLocale = phone?.StartsWith("+33", StringComparison.Ordinal) == true ? "fr" : "en";
        if (await db.SmsReplies.AnyAsync(r => r.MessageSid == sms.MessageSid, ct))
        {
            return new InboundOutcome(intent, true, false, fallbackLocale, []);
        }

        if (phone is null)
        {
            return new InboundOutcome(intent, false, false, fallbackLocale, []);
        }

        var hash = hasher.HashNormalized(phone);
        return await ConsentLedger.RetryOnConflictAsync(db, async () =>
        {
            var now = clock.GetUtcNow();
            var person = await db.People.SingleOrDefaultAsync(p => p.Phone == phone, ct);
            var action = new ConsentAction(now, ConsentMethods.SmsKeyword, null, null, null);
            var confirm = false;
            IReadOnlyList<string> purposes = [];
            switch (intent)
            {
                case SmsIntent.Stop:
                    // A second STOP gets no second confirmation: at most one answer (R58, R64).
                    confirm = !await KeywordSuppression(db, hash).AnyAsync(ct);
                    purposes = await Withdraw.StageAsync(db, clock, person?.Id ?? Guid.Empty, hash, ChannelKeys.Sms, null, action, KeywordSource, ct);
                    db.AuditEntries.Add(AuditEntry.Create(clock, KeywordSource, "suppression.added", hash, $"STOP by SMS; withdrawn: {string.Join(", ", purposes)}"));
                    break;
                case SmsIntent.Start when person is not null:
                    purposes = await StartAgainAsync(db, clock, person, hash, action, ct);
                    break;
                case SmsIntent.Yes when person is not null:
                    purposes = await ConfirmPendingAsync(db, clock, person, hash, action with { Method = ConsentMethods.SmsReply }, ct);
                    break;
            }

            if (person is not null)
            {
                db.SmsReplies.Add(new SmsReply
                {
                    Id = Guid.CreateVersion7(), PersonId = person.Id, Keyword = SmsKeywords.FirstWord(sms.Body), ReceivedAt = now, MessageSid = sms.MessageSid,
                });
            }

            await db.SaveChangesAsync(ct);
            return new InboundOutcome(intent, false, confirm, person?.Locale ?? fallbackLocale, purposes);
        });
    }

    private static IQueryable<SuppressionEntry> KeywordSuppression(MarketingDbContext db, string hash) =>
        db.Suppressions.Where(s => s.AddressHash == hash && s.Channel == ChannelKeys.Sms && s.Reason == SuppressionReasons.Unsubscribe && s.Source == KeywordSource);

    /// <summary>
    /// START undoes a STOP, no more: the keyword's suppression goes, and each purpose the person had consented to
    /// by SMS is granted again on the wording they agreed to. Without such an earlier consent nothing changes.
    /// </summary>
    private static async Task<IReadOnlyList<string>> StartAgainAsync(MarketingDbContext db, TimeProvider clock, Person person, string hash, ConsentAction action, CancellationToken ct)
    {
        var earlier = (await db.ConsentEvents.AsNoTracking()
                .Where(e => e.PersonId == person.Id && e.Channel == ChannelKeys.Sms
                    && (e.Status == ConsentStatuses.Granted || e.Status == ConsentStatuses.Confirmed))
                .ToListAsync(ct))
            .GroupBy(e => e.PurposeId)
            .Select(g => g.OrderBy(e => e.Sequence).Last())
            .OrderBy(e => e.PurposeKey, StringComparer.Ordinal)
            .ToList();
        if (earlier.Count == 0)
        {
            return [];
        }

        foreach (var entry in await KeywordSuppression(db, hash).ToListAsync(ct))
        {
            db.Suppressions.Remove(entry);
            db.AuditEntries.Add(AuditEntry.Create(clock, KeywordSource, "suppression.lifted", entry.Id.ToString(), "START by SMS"));
        }

        var granted = new List<string>();
        foreach (var consent in earlier)
        {
            var state = await db.ConsentStates.FindAsync([person.Id, consent.PurposeId, ChannelKeys.Sms], ct);
            if (state?.Status is ConsentStatuses.Granted or ConsentStatuses.Confirmed)
            {
                continue;
            }

            await ConsentLedger.AppendFollowingAsync(db, person, consent, consent.Status, action, sameWording: true, ct);
            granted.Add(consent.PurposeKey);
        }

        return granted;
    }

    /// <summary>YES from the number a web-form consent named: that consent is now verified (R21).</summary>
    private static async Task<IReadOnlyList<string>> ConfirmPendingAsync(MarketingDbContext db, TimeProvider clock, Person person, string hash, ConsentAction action, CancellationToken ct)
    {
        var pending = await db.ConsentStates.AsNoTracking()
            .Where(s => s.PersonId == person.Id && s.Channel == ChannelKeys.Sms && s.Status == ConsentStatuses.PendingConfirmation)
            .Select(s => s.LastEventId).ToListAsync(ct);
        var events = await db.ConsentEvents.AsNoTracking().Where(e => pending.Contains(e.Id)).OrderBy(e => e.Sequence).ToListAsync(ct);
        var confirmed = new List<string>();
        foreach (var e in events)
        {
            await ConsentLedger.AppendFollowingAsync(db, person, e, ConsentStatuses.Confirmed, action, sameWording: true, ct);
            confirmed.Add(e.PurposeKey);
        }

        if (confirmed.Count > 0)
        {
            // The number's owner answered: the sign-up's values are theirs now, if one sign-up was waiting (invariant 7).
            await Capture.ApplyConfirmedSubmission.HandleAsync(db, person,
                [.. events.Where(e => e.SubmissionId is not null).Select(e => e.SubmissionId!.Value).Distinct()], clock.GetUtcNow(), ct);
            // As with an email confirmation: a new, proven consent outweighs an earlier opt-out from the same purposes.
            await ConfirmDoubleOptIn.LiftUnsubscribesAsync(db, hash, [ChannelKeys.Sms], confirmed, ConsentMethods.SmsReply,
                $"number verified for {string.Join(", ", confirmed)}", clock.GetUtcNow(), ct);
        }

        return confirmed;
    }
}
