using System.Text.Json;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Capture;

/// <summary>
/// Writes accepted submissions: the person upserted, one ledger event per ticked purpose, the projection
/// and the idempotency record, for a whole batch in one transaction, so that many submissions share one
/// commit. The caller answers each submitter only after the commit.
/// </summary>
public static class RecordSubmissions
{
    /// <summary>The template of the double-opt-in email queued after a sign-up that needs one.</summary>
    public const string ConfirmationTemplate = "doi-confirmation";

    /// <summary>The template of the SMS that asks a number given on a web form to confirm by replying (R21).</summary>
    public const string SmsVerificationTemplate = "sms-verification";

    /// <param name="QueuedMessage">A confirmation email now waits to be sent.</param>
    /// <param name="QueuedSms">A verification SMS now waits to be sent.</param>
    public sealed record Recorded(SubmissionResult Result, bool Replayed, bool QueuedMessage = false, bool QueuedSms = false);

    /// <param name="lookForReplays">
    /// False for the first try of a batch: the unique index on (form, client submission id) still refuses a replay,
    /// which fails the whole batch, and the caller tries it again with this set. A retry is rare, and under load
    /// every round trip a batch saves shortens the wait of all its submitters.
    /// </param>
    public static async Task<IReadOnlyList<Recorded>> HandleAsync(
        MarketingDbContext db, TimeProvider clock, IReadOnlyList<AcceptedSubmission> batch, bool lookForReplays, CancellationToken ct)
    {
        var now = LedgerHash.StorableTime(clock.GetUtcNow());
        var earlier = lookForReplays ? await LoadEarlierAsync(db, batch, ct) : [];
        var people = await LoadPeopleAsync(db, batch, ct);
        var knownPeople = people.Values.Select(p => p.Id).Distinct().ToList();
        // Read the current states of people already known, all at once: a new person has none, and one
        // query per event would cost a round trip each.
        var states = (knownPeople.Count == 0 ? [] : await db.ConsentStates.Where(s => knownPeople.Contains(s.PersonId)).ToListAsync(ct))
            .ToDictionary(s => (s.PersonId, s.PurposeId, s.Channel));
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

            var person = Upsert(added, people, submission, now);
            var outcomes = new List<ConsentOutcome>();
            var submissionId = Guid.CreateVersion7();
            var awaitingConfirmation = new List<ConsentEvent>();
            foreach (var consent in submission.Form.Consents.Where(c => submission.ConsentedPurposes.Contains(c.PurposeKey)))
            {
                // A number typed into a web form proves nothing: SMS consent waits for a reply from that number (R21).
                var status = consent.DoubleOptIn || consent.Channel == Channels.Sms ? ConsentStatuses.PendingConfirmation : ConsentStatuses.Granted;
                var appended = Append(added, person, submission, consent, status, submissionId, now);
                // A purpose the person already confirmed stays confirmed (see ConsentProjection.Next): no new email for it.
                if (Project(added, states, appended).Status == ConsentStatuses.PendingConfirmation)
                {
                    awaitingConfirmation.Add(appended);
                }

                outcomes.Add(new ConsentOutcome(consent.PurposeKey, consent.Channel, status));
            }

            var byEmail = awaitingConfirmation.Where(e => e.Channel != Channels.Sms).ToList();
            var queued = byEmail.Count > 0 && person.Email is not null;
            if (queued)
            {
                QueueConfirmation(added, person, submissionId, submission.Locale, byEmail, now);
            }

            var bySms = awaitingConfirmation.Where(e => e.Channel == Channels.Sms).ToList();
            var queuedSms = bySms.Count > 0 && person.Phone is not null && person.Phone == submission.Phone;
            if (queuedSms)
            {
                QueueVerification(added, person, submissionId, submission.Locale, bySms, now);
            }

            var result = new SubmissionResult(submissionId, person.Id, "accepted", outcomes);
            var resultJson = JsonSerializer.Serialize(result, JsonColumn.Options);
            added.Submissions.Add(new Submission
            {
                Id = submissionId,
                FormId = submission.Form.FormId,
                ClientSubmissionId = submission.ClientSubmissionId,
                FormVersion = submission.Form.Version,
                PersonId = person.Id,
                ReceivedAt = now,
                Locale = submission.Locale,
                PageUrl = submission.Evidence.PageUrl,
                Referrer = submission.Evidence.Referrer,
                Utm = new Dictionary<string, string>(submission.Evidence.Utm),
                IpAddress = submission.Evidence.IpAddress,
                UserAgent = submission.Evidence.UserAgent,
                ResultJson = resultJson,
            });
            earlier[key] = resultJson;
            results.Add(new Recorded(result, false, queued, queuedSms));
        }

        await BulkInsert.SaveAsync(db, [added.People, added.Events, added.States, added.Submissions, added.Confirmations, added.Sends], ct);
        return results;
    }

    /// <summary>Rows this batch creates; people and states it changes are tracked by the context instead.</summary>
    private sealed class NewRows
    {
        public List<object> People { get; } = [];
        public List<object> Events { get; } = [];
        public List<object> States { get; } = [];
        public List<object> Submissions { get; } = [];
        public List<object> Confirmations { get; } = [];
        public List<object> Sends { get; } = [];
    }

    /// <summary>
    /// One confirmation email for all the purposes of one sign-up that need it (R20), written in the same
    /// transaction as the sign-up: it cannot be lost between the two, nor sent for a sign-up that failed.
    /// </summary>
    private static void QueueConfirmation(NewRows added, Person person, Guid submissionId, string locale, List<ConsentEvent> pending, DateTimeOffset now)
    {
        var request = new DoubleOptInRequest
        {
            Id = Guid.CreateVersion7(),
            PersonId = person.Id,
            SubmissionId = submissionId,
            PendingEventIds = [.. pending.Select(e => e.Id)],
            Locale = locale,
            Status = DoubleOptInStatuses.Pending,
            CreatedAt = now,
        };
        added.Confirmations.Add(request);
        added.Sends.Add(new SendRecord
        {
            Id = Guid.CreateVersion7(),
            Key = $"doi:{request.Id:N}",
            PersonId = person.Id,
            Channel = Channels.Email,
            MessageType = MessageTypes.DoubleOptIn,
            PurposeKey = pending[0].PurposeKey,
            TemplateKey = ConfirmationTemplate,
            Data = new Dictionary<string, string> { ["doi_request"] = request.Id.ToString("N"), ["locale"] = locale },
            Status = SendStatuses.Queued,
            CreatedAt = now,
            DueAt = now,
        });
    }

    /// <summary>
    /// One SMS asking the number to reply YES, in the sign-up's transaction like the email confirmation. The reply
    /// itself confirms (see ReceiveSms); the message carries no promotional content and is typed <c>doi</c>.
    /// </summary>
    private static void QueueVerification(NewRows added, Person person, Guid submissionId, string locale, List<ConsentEvent> pending, DateTimeOffset now)
    {
        added.Sends.Add(new SendRecord
        {
            Id = Guid.CreateVersion7(),
            Key = $"sms-verify:{submissionId:N}",
            PersonId = person.Id,
            Channel = Channels.Sms,
            MessageType = MessageTypes.DoubleOptIn,
            PurposeKey = pending[0].PurposeKey,
            TemplateKey = SmsVerificationTemplate,
            Data = new Dictionary<string, string> { ["locale"] = locale },
            Status = SendStatuses.Queued,
            CreatedAt = now,
            DueAt = now,
        });
    }

    /// <summary>The results of submissions of this batch already stored: a replay answers with them and writes nothing.</summary>
    private static async Task<Dictionary<(string FormId, string ClientSubmissionId), string>> LoadEarlierAsync(
        MarketingDbContext db, IReadOnlyList<AcceptedSubmission> batch, CancellationToken ct)
    {
        var keys = batch.Select(s => (s.Form.FormId, s.ClientSubmissionId)).Distinct().ToList();
        var forms = keys.Select(k => k.FormId).ToArray();
        var clientIds = keys.Select(k => k.ClientSubmissionId).ToArray();
        List<EarlierSubmission> found;
        if (db.Database.IsNpgsql())
        {
            // One probe of the unique index per key. "form_id = ANY(...) AND client_submission_id = ANY(...)" lets the
            // planner, with statistics lagging behind a fast-growing table, probe by form only and filter every
            // submission of the form: 24 ms a batch at 22,000 rows, growing with each sign-up.
            found = await db.Database.SqlQuery<EarlierSubmission>($"""
                SELECT s.form_id, s.client_submission_id, s.result_json
                FROM unnest({forms}, {clientIds}) AS k(form_id, client_submission_id)
                JOIN submissions s ON s.form_id = k.form_id AND s.client_submission_id = k.client_submission_id
                """).ToListAsync(ct);
        }
        else
        {
            found = await db.Submissions.AsNoTracking()
                .Where(s => forms.Contains(s.FormId) && clientIds.Contains(s.ClientSubmissionId))
                .Select(s => new EarlierSubmission(s.FormId, s.ClientSubmissionId, s.ResultJson))
                .ToListAsync(ct);
        }

        return found.ToDictionary(s => (s.FormId, s.ClientSubmissionId), s => s.ResultJson);
    }

    private sealed record EarlierSubmission(string FormId, string ClientSubmissionId, string ResultJson);

    private static async Task<Dictionary<string, Person>> LoadPeopleAsync(MarketingDbContext db, IReadOnlyList<AcceptedSubmission> batch, CancellationToken ct)
    {
        var emails = batch.Where(s => s.Email is not null).Select(s => s.Email!).Distinct().ToList();
        var phones = batch.Where(s => s.Phone is not null).Select(s => s.Phone!).Distinct().ToList();
        // Two plain index probes. The "!= null" matters: without it EF adds a NULL-matching branch to the
        // condition, and PostgreSQL then scans every person instead of probing the index.
        var found = await db.People.Where(p => p.Email != null && emails.Contains(p.Email)).ToListAsync(ct);
        if (phones.Count > 0)
        {
            found.AddRange(await db.People.Where(p => p.Phone != null && phones.Contains(p.Phone)).ToListAsync(ct));
        }

        var byIdentifier = new Dictionary<string, Person>();
        foreach (var person in found)
        {
            Index(byIdentifier, person);
        }

        return byIdentifier;
    }

    private static void Index(Dictionary<string, Person> byIdentifier, Person person)
    {
        if (person.Email is not null)
        {
            byIdentifier[$"e:{person.Email}"] = person;
        }

        if (person.Phone is not null)
        {
            byIdentifier[$"p:{person.Phone}"] = person;
        }
    }

    private static Person Upsert(NewRows added, Dictionary<string, Person> people, AcceptedSubmission s, DateTimeOffset now)
    {
        var regimeCountry = s.Country ?? s.Form.DefaultRegion;
        Person? person = null;
        if (s.Email is not null)
        {
            people.TryGetValue($"e:{s.Email}", out person);
        }

        if (person is null && s.Phone is not null)
        {
            people.TryGetValue($"p:{s.Phone}", out person);
        }

        if (person is null)
        {
            person = new Person
            {
                Id = Guid.CreateVersion7(),
                Regime = Regimes.Resolve(regimeCountry, s.Form.Business),
                Source = $"form:{s.Form.FormId}@{s.Form.Version}",
                CreatedAt = now,
            };
            added.People.Add(person);
        }
        else
        {
            person.RowVersion++;
        }

        person.Email ??= s.Email;
        // A number that already identifies someone else stays with them: one identifier, one person.
        if (person.Phone is null && s.Phone is not null && !people.ContainsKey($"p:{s.Phone}"))
        {
            person.Phone = s.Phone;
        }

        foreach (var (name, value) in s.Attributes)
        {
            person.Attributes[name] = value;
        }

        person.Locale = s.Locale;
        person.TimeZone = s.TimeZone ?? person.TimeZone;
        person.Country = s.Country ?? person.Country ?? s.Form.DefaultRegion;
        person.Business = s.Form.Business;
        person.Regime = Regimes.Resolve(person.Country, person.Business);
        person.UpdatedAt = now;
        Index(people, person);
        return person;
    }

    private static ConsentEvent Append(
        NewRows added, Person person, AcceptedSubmission s, PublishedConsent consent, string status, Guid submissionId, DateTimeOffset now)
    {
        var wording = consent.Wording.TryGetValue(s.Locale, out var w) ? w : consent.Wording[s.Form.DefaultLocale];
        var privacy = s.Form.PrivacyNotice.TryGetValue(s.Locale, out var p) ? p : s.Form.PrivacyNotice[s.Form.DefaultLocale];
        var byEmail = consent.Channel != Channels.Sms && consent.Channel != Channels.Phone && s.Email is not null;
        var draft = new ConsentEvent
        {
            Id = Guid.CreateVersion7(),
            PersonId = person.Id,
            Sequence = person.LedgerSequence + 1,
            Identifier = byEmail ? s.Email! : s.Phone ?? s.Email!,
            IdentifierType = byEmail || s.Phone is null ? "email" : "phone",
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
            PreviousHash = person.LedgerHead,
        };
        var sealedEvent = draft.Sealed();
        added.Events.Add(sealedEvent);
        person.LedgerSequence = sealedEvent.Sequence;
        person.LedgerHead = sealedEvent.Hash;
        return sealedEvent;
    }

    private static ConsentState Project(NewRows added, Dictionary<(Guid, Guid, string), ConsentState> states, ConsentEvent e)
    {
        var key = (e.PersonId, e.PurposeId, e.Channel);
        if (!states.TryGetValue(key, out var state))
        {
            state = new ConsentState { PersonId = e.PersonId, PurposeId = e.PurposeId, Channel = e.Channel, Status = e.Status };
            added.States.Add(state);
            states[key] = state;
        }

        ConsentProjection.Apply(state, e);
        return state;
    }

    private static int? OffsetMinutes(string? timeZone, DateTimeOffset at) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? (int)zone.GetUtcOffset(at).TotalMinutes
            : null;
}

