using System.Text.Json;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Capture;

/// <summary>
/// Writes accepted submissions: a new person for identifiers nobody holds, one ledger event per ticked purpose
/// against the holder of the identifier it names, the projection, the confirmations and the idempotency record,
/// for a whole batch in one transaction, so that many submissions share one commit. A stored person's values never
/// change here (invariant 7): the submission keeps them until that person confirms. The caller answers each
/// submitter only after the commit.
/// </summary>
public static class RecordSubmissions
{
    /// <param name="QueuedMessage">A confirmation email now waits to be sent.</param>
    /// <param name="QueuedSms">A verification SMS now waits to be sent.</param>
    public sealed record Recorded(SubmissionResult Result, bool Replayed, bool QueuedMessage = false, bool QueuedSms = false);

    /// <param name="lookForReplays">
    /// False for the first try of a batch: the unique index on (form, client submission id) still refuses a replay,
    /// which fails the whole batch, and the caller tries it again with this set. A retry is rare, and under load
    /// every round trip a batch saves shortens the wait of all its submitters.
    /// </param>
    public static async Task<IReadOnlyList<Recorded>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, IReadOnlyList<AcceptedSubmission> batch, bool lookForReplays, TimeSpan confirmationWindow,
        CancellationToken ct)
    {
        var now = LedgerHash.StorableTime(clock.GetUtcNow());
        var earlier = lookForReplays ? await LoadEarlierAsync(db, batch, ct) : [];
        var people = await PeopleByIdentifier.LoadAsync(db,
            [.. batch.Select(s => s.Email).OfType<string>().Distinct()], [.. batch.Select(s => s.Phone).OfType<string>().Distinct()], ct);
        var knownPeople = people.Ids();
        // Read the current states of people already known, all at once: a new person has none, and one
        // query per event would cost a round trip each.
        var states = (knownPeople.Count == 0 ? [] : await db.ConsentStates.Where(s => knownPeople.Contains(s.PersonId)).ToListAsync(ct))
            .ToDictionary(s => (s.PersonId, s.PurposeId, s.Channel));
        var mailed = await RequestConfirmation.WaitingSinceAsync(db, knownPeople, now - confirmationWindow, ct);
        var added = new NewRows();
        var results = new List<Recorded>(batch.Count);
        foreach (var submission in batch)
        {
            var key = (submission.Form.FormId, submission.ClientSubmissionId);
            if (earlier.TryGetValue(key, out var json))
            {
                results.Add(new Recorded(JsonSerializer.Deserialize<SubmissionResult>(json, JsonColumn.Options)!, true));
                continue;
            }

            var profile = SubmittedProfile.Of(submission);
            var match = IdentityMatch.Resolve(submission.Email, submission.Phone, people.ByEmail(submission.Email), people.ByPhone(submission.Phone));
            var created = match.CreatesPerson ? Create(added, people, submission, match, profile, now) : null;
            var emailHolder = match.EmailHolder ?? (match.NewEmail ? created : null);
            var phoneHolder = match.PhoneHolder ?? (match.NewPhone ? created : null);
            var primary = created ?? emailHolder ?? phoneHolder!;
            var outcomes = new List<ConsentOutcome>();
            var submissionId = Guid.CreateVersion7();
            var awaitingConfirmation = new List<(Person Person, ConsentEvent Event)>();
            foreach (var consent in submission.Form.Consents.Where(c => submission.ConsentedPurposes.Contains(c.PurposeKey)))
            {
                // A number typed into a web form proves nothing: SMS consent waits for a reply from that number (R21).
                var status = consent.DoubleOptIn || consent.Channel == ChannelKeys.Sms ? ConsentStatuses.PendingConfirmation : ConsentStatuses.Granted;
                var byEmail = ByEmail(submission, consent);
                // Each consent goes to whoever holds the identifier it names, never to the holder of the other one (invariant 7).
                var holder = (byEmail ? emailHolder : phoneHolder)!;
                var appended = Append(added, states, holder, submission, consent, byEmail, status, submissionId, now);
                // A purpose the person already confirmed stays confirmed (see ConsentProjection.Next): no new email for it.
                if (appended.State.Status == ConsentStatuses.PendingConfirmation)
                {
                    awaitingConfirmation.Add((holder, appended.Event));
                }

                outcomes.Add(new ConsentOutcome(consent.PurposeKey, consent.Channel, status));
            }

            var byEmailPending = awaitingConfirmation.Where(a => a.Event.Channel != ChannelKeys.Sms).Select(a => a.Event).ToList();
            // One waiting confirmation per address and purpose in the window, decided from stored requests (so across nodes):
            // a repeat is recorded (its event, this submission) and confirmed by the earlier link, not mailed again.
            var unmailed = byEmailPending.Where(e => !mailed.ContainsKey((e.PersonId, e.PurposeId))).ToList();
            Guid? confirmation = byEmailPending.Count == 0 ? null : mailed.GetValueOrDefault((byEmailPending[0].PersonId, byEmailPending[0].PurposeId));
            var queued = unmailed.Count > 0 && emailHolder?.Email is not null;
            if (queued)
            {
                confirmation = QueueConfirmation(added, emailHolder!, submissionId, LocaleFor(emailHolder!, created, submission), unmailed, now);
                foreach (var e in unmailed)
                {
                    mailed[(e.PersonId, e.PurposeId)] = confirmation.Value;
                }
            }

            var bySms = awaitingConfirmation.Where(a => a.Event.Channel == ChannelKeys.Sms).Select(a => a.Event).ToList();
            var queuedSms = bySms.Count > 0 && phoneHolder?.Phone is not null && phoneHolder.Phone == submission.Phone;
            if (queuedSms)
            {
                // The reply itself confirms (see ReceiveSms), in the sign-up's transaction like the email confirmation.
                added.Sends.Add(ConfirmationMessages.Sms(phoneHolder!.Id, submissionId, bySms[0].PurposeKey, LocaleFor(phoneHolder, created, submission), now));
            }

            var result = new SubmissionResult(submissionId, primary.Id, "accepted", outcomes);
            var resultJson = JsonSerializer.Serialize(result, JsonColumn.Options);
            added.Submissions.Add(new Submission
            {
                Id = submissionId,
                FormId = submission.Form.FormId,
                ClientSubmissionId = submission.ClientSubmissionId,
                FormVersion = submission.Form.Version,
                PersonId = primary.Id,
                ReceivedAt = now,
                Locale = submission.Locale,
                PageUrl = submission.Evidence.PageUrl,
                Referrer = submission.Evidence.Referrer,
                Utm = new Dictionary<string, string>(submission.Evidence.Utm),
                IpAddress = submission.Evidence.IpAddress,
                UserAgent = submission.Evidence.UserAgent,
                ResultJson = resultJson,
                Identity = match.Kind,
                Review = match.Review,
                Profile = profile,
                AppliedAt = created is not null ? now : null,
                ConfirmationRequestId = confirmation,
                ConfirmationRepeated = byEmailPending.Count > 0 && !queued,
                Notes = submission.Evidence.Notes is { Count: > 0 } notes ? [.. notes] : null,
            });
            added.Webhooks.Add(WebhookOutbox.LeadCaptured(primary.Id, submissionId, submission.Form.FormId, submission.Form.Version, created is not null, now));
            earlier[key] = resultJson;
            results.Add(new Recorded(result, false, queued, queuedSms));
        }

        if (added.Webhooks.Count > 0)
        {
            // Bulk rows pass no save interceptor on PostgreSQL: events nobody subscribes to are left out here.
            var wanted = await WebhookOutbox.WantedTypesAsync(db, ct);
            added.Webhooks.RemoveAll(w => !wanted.Contains(((WebhookEvent)w).Type));
        }

        await BulkInsert.SaveAsync(db, [added.People, added.Events, added.States, added.Submissions, added.Confirmations, added.Sends, added.Webhooks], ct);
        return results;
    }

    /// <summary>
    /// A stored person is written to in their own language if they have one: a confirmation is theirs, not the submitter's
    /// (the language of the form stays on the ledger event as evidence).
    /// </summary>
    private static string LocaleFor(Person holder, Person? created, AcceptedSubmission s) =>
        holder == created ? s.Locale : holder.Locale ?? s.Locale;

    /// <summary>Rows this batch creates; people and states it changes are tracked by the context instead.</summary>
    private sealed class NewRows
    {
        public List<object> People { get; } = [];
        public List<object> Events { get; } = [];
        public List<object> States { get; } = [];
        public List<object> Submissions { get; } = [];
        public List<object> Confirmations { get; } = [];
        public List<object> Sends { get; } = [];
        public List<object> Webhooks { get; } = [];
    }

    /// <summary>
    /// One confirmation email for all the purposes of one sign-up that need it (R20), written in the same
    /// transaction as the sign-up: it cannot be lost between the two, nor sent for a sign-up that failed.
    /// </summary>
    private static Guid QueueConfirmation(NewRows added, Person person, Guid submissionId, string locale, List<ConsentEvent> pending, DateTimeOffset now)
    {
        var request = RequestConfirmation.Open(person, submissionId, locale, pending, now);
        added.Confirmations.Add(request);
        added.Sends.Add(ConfirmationMessages.Email(person.Id, request.Id, pending[0].PurposeKey, locale, now));
        return request.Id;
    }

    /// <summary>The results of submissions of this batch already stored: a replay answers with them and writes nothing.</summary>
    private static async Task<Dictionary<(string FormId, string ClientSubmissionId), string>> LoadEarlierAsync(
        MarketingDbContext db, IReadOnlyList<AcceptedSubmission> batch, CancellationToken ct)
    {
        var keys = batch.Select(s => (s.Form.FormId, s.ClientSubmissionId)).Distinct().ToList();
        var forms = keys.Select(k => k.FormId).ToArray();
        var clientIds = keys.Select(k => k.ClientSubmissionId).ToArray();
        var found = await ProviderQueries.For(db).EarlierSubmissionsAsync(db, forms, clientIds, ct);
        return found.ToDictionary(s => (s.FormId, s.ClientSubmissionId), s => s.ResultJson);
    }

    /// <summary>The person made of the identifiers nobody holds yet, with the submitted values: this submission created them.</summary>
    private static Person Create(
        NewRows added, PeopleByIdentifier people, AcceptedSubmission s, IdentityMatch match, SubmittedProfile profile, DateTimeOffset now)
    {
        var person = people.Create(match.NewEmail ? s.Email : null, match.NewPhone ? s.Phone : null,
            Regimes.Resolve(s.Country ?? s.Form.DefaultRegion, s.Form.Business), $"form:{s.Form.FormId}@{s.Form.Version}", now);
        profile.ApplyTo(person, now);
        added.People.Add(person);
        return person;
    }

    /// <summary>Whether a consent is recorded against the email address (else against the phone number).</summary>
    private static bool ByEmail(AcceptedSubmission s, PublishedConsent consent) =>
        s.Email is not null && (consent.Channel != ChannelKeys.Sms && consent.Channel != ChannelKeys.Phone || s.Phone is null);

    /// <summary>A ticked purpose's event, drafted from the submission and chained by the ledger's one append.</summary>
    private static ConsentLedger.Appended Append(
        NewRows added, Dictionary<(Guid, Guid, string), ConsentState> states, Person person, AcceptedSubmission s, PublishedConsent consent, bool byEmail, string status, Guid submissionId, DateTimeOffset now)
    {
        var wording = consent.Wording.TryGetValue(s.Locale, out var w) ? w : consent.Wording[s.Form.DefaultLocale];
        var privacy = s.Form.PrivacyNotice.TryGetValue(s.Locale, out var p) ? p : s.Form.PrivacyNotice[s.Form.DefaultLocale];
        var draft = new ConsentEvent
        {
            Id = Guid.CreateVersion7(),
            PersonId = person.Id,
            Identifier = byEmail ? s.Email! : s.Phone!,
            IdentifierType = byEmail ? "email" : "phone",
            PurposeId = consent.PurposeId,
            PurposeKey = consent.PurposeKey,
            Channel = consent.Channel,
            Regime = person.Regime,
            Status = status,
            Method = ConsentMethods.Checkbox,
            OccurredAt = now,
            LocalOffsetMinutes = OffsetMinutes(s.TimeZone, now),
            NoticeVersionId = wording.VersionId,
            NoticeVersion = wording.Version,
            NoticeSha256 = wording.Sha256,
            Locale = s.Locale,
            FormId = s.Form.FormId,
            FormVersion = s.Form.Version,
            PrivacyNoticeVersionId = privacy.VersionId,
            PrivacyNoticeVersion = privacy.Version,
            PageUrl = s.Evidence.PageUrl,
            Referrer = s.Evidence.Referrer,
            IpAddress = s.Evidence.IpAddress,
            UserAgent = s.Evidence.UserAgent,
            SubmissionId = submissionId,
        };
        var key = (person.Id, draft.PurposeId, draft.Channel);
        var appended = ConsentLedger.Append(person, draft, states.GetValueOrDefault(key));
        added.Events.Add(appended.Event);
        // R55: in the sign-up's transaction, so a grant is never committed without its webhook event.
        if (WebhookOutbox.ForConsent(appended.Event) is { } webhook)
        {
            added.Webhooks.Add(webhook);
        }

        if (appended.NewState)
        {
            added.States.Add(appended.State);
            states[key] = appended.State;
        }

        return appended;
    }

    private static int? OffsetMinutes(string? timeZone, DateTimeOffset at) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? (int)zone.GetUtcOffset(at).TotalMinutes
            : null;
}

