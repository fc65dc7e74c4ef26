using System.Net;
using Marketing.Access;
using Marketing.Compliance;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Suppression;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using Marketing.Webhooks;

namespace Marketing.Channels.Email;

/// <summary>The links a message carries; the host knows its public address and how to sign tokens.</summary>
public interface IEmailLinks
{
    /// <summary>The opaque token naming a send record, shared by its unsubscribe and preference links.</summary>
    string Token(Guid sendRecordId);
    string Unsubscribe(string token);
    string Preferences(string token);
    string Confirm(string token);
    /// <summary>The page where a user of the app redeems an invitation or a reset link.</summary>
    string Account(string token);
    /// <summary>The page where the requester of a data-subject request confirms it is theirs (R36).</summary>
    string Request(string token);
    /// <summary>A tracked link to <paramref name="url"/>: the engine records the click and redirects; the address is signed, so nobody can point it elsewhere.</summary>
    string Click(string token, string url);
    /// <summary>
    /// The open pixel of a send record (R30): its own opaque token, not the one of the unsubscribe link (an image's address
    /// reaches proxies and logs), and never the person's id.
    /// </summary>
    string Open(Guid sendRecordId);
    /// <summary>The page where the person withdraws their consent to open tracking (R32).</summary>
    string StopOpenTracking(string token);
    /// <summary>A campaign-level link to <paramref name="url"/>, the same for every recipient of <paramref name="campaign"/>: counted in aggregate only (R31).</summary>
    string CampaignClick(string campaign, string url);
}

/// <param name="Outbox">With no relay, the directory mail is written to instead (<see cref="Email.Outbox"/>); null leaves it queued.</param>
public sealed record EmailDispatchOptions(
    SmtpEndpoint? Smtp,
    string? Outbox,
    int BatchSize,
    int MaxAttempts,
    int ConfirmationLinkDays,
    string SenderName,
    SenderIdentity Sender,
    Tracking.OpenTracking OpenTracking = Tracking.OpenTracking.Individual);

/// <summary>
/// The only way an email leaves the engine (invariant 1). A pass claims due send records, asks the gate
/// about each at that moment, renders and signs what is allowed, sends it over the pooled SMTP connections
/// and records every outcome on the record. The SMTP connections are private to this class: nothing else
/// in the engine can reach them.
/// </summary>
public sealed class EmailDispatcher : IAsyncDisposable
{
    private readonly EmailDispatchOptions _options;
    private readonly SendGate _gate;
    private readonly SendPacing _pacing;
    private readonly TemplateStore _templates;
    private readonly TemplateRenderer _renderer;
    private readonly EmailComposer _composer;
    private readonly IEmailLinks _links;
    private readonly TimeProvider _clock;
    private readonly IMailDelivery? _transport;
    private readonly ListHygiene _hygiene;
    private readonly SendingDomains _domains;
    private readonly SendClaims _claims;
    private readonly ILogger _logger;

    public EmailDispatcher(EmailDispatchOptions options, SendGate gate, SendPacing pacing, ListHygiene hygiene, SendingDomains domains, TemplateStore templates,
        TemplateRenderer renderer, EmailComposer composer, IEmailLinks links, SendClaims claims, TimeProvider clock, ILogger<EmailDispatcher> logger)
    {
        _claims = claims;
        _logger = logger;
        _hygiene = hygiene;
        _domains = domains;
        _options = options;
        _gate = gate;
        _pacing = pacing;
        _templates = templates;
        _renderer = renderer;
        _composer = composer;
        _links = links;
        _clock = clock;
        _transport = options.Smtp is { } smtp ? new SmtpPool(smtp) : options.Outbox is { } outbox ? new Outbox(outbox) : null;
    }

    /// <summary>Without an SMTP relay (or an outbox) configured, messages stay queued until one is.</summary>
    public bool Enabled => _transport is not null;

    /// <summary>Where mail goes, said once at start; null when it stays queued.</summary>
    public string? Destination => _transport?.Describe;

    /// <summary>Sends what is due, batch after batch, until nothing is due or the pass has run long enough.</summary>
    public Task<DispatchReport> DispatchDueAsync(MarketingDbContext db, string node, CancellationToken ct) =>
        _claims.DispatchDueAsync(db, ChannelKeys.Email, _options.BatchSize, node, enabled: _transport is not null, _logger,
            batch => DispatchBatchAsync(db, batch, ct), ct);

    /// <summary>Messages prepared and handed to SMTP together; while one chunk is on the wire the next is rendered and signed.</summary>
    private const int ChunkSize = 100;

    private async Task<DispatchReport> DispatchBatchAsync(MarketingDbContext db, ClaimedBatch batch, CancellationToken ct)
    {
        var claimed = batch.Records;
        var context = await BatchContext.LoadAsync(db, _templates, claimed, ct);
        var decisions = await _gate.DecideAsync(db, claimed, context.People, context.Purposes, ct);
        var now = _clock.GetUtcNow();
        var allowed = new List<(SendRecord Record, GateDecision Decision)>();
        var tally = new Tally();
        var staged = new HashSet<Guid>();
        foreach (var record in claimed)
        {
            var decision = decisions[record.Id];
            if (!record.Apply(decision, now))
            {
                tally.Blocked++;
                continue;
            }

            allowed.Add((record, decision));
        }

        // Email windows and caps, when configured, hold marketing mail back until it may go; so do the sending domain's holds.
        var deferrals = new Dictionary<Guid, Deferral>(await _pacing.DeferralsAsync(db, ChannelKeys.Email, [.. allowed.Select(a => a.Record)], context.People, now, ct));
        var marketing = allowed.Select(a => a.Record).Where(r => r.MessageType == MessageTypes.Marketing && !deferrals.ContainsKey(r.Id)).ToList();
        foreach (var (record, hold) in await DomainHoldsAsync(db, marketing, now, ct))
        {
            deferrals[record.Id] = hold;
        }

        foreach (var (record, _) in allowed.Where(a => deferrals.ContainsKey(a.Record.Id)))
        {
            SendPacing.Defer(record, deferrals[record.Id]);
        }

        allowed.RemoveAll(a => deferrals.ContainsKey(a.Record.Id));

        // Records are only touched here, between awaits; the task on the wire only talks SMTP.
        (List<(SendRecord Record, MimeMessage Message, Guid? Informs)> Outgoing, Task<SmtpResult[]> Results)? onTheWire = null;
        foreach (var chunk in allowed.Chunk(ChunkSize))
        {
            var outgoing = PrepareChunk(chunk, context, now, tally, ct);
            // Decisions, and confirmation tokens' hashes, are stored before their messages can leave: a message out with no
            // record of why is worse than none, and a link must be redeemable the moment its email arrives. This save runs
            // while the previous chunk is on the wire.
            WebhookOutbox.SendOutcomes(db, claimed, staged, now);
            await db.SaveChangesAsync(ct);

            if (onTheWire is { } previous)
            {
                Record(db, previous.Outgoing, await previous.Results, tally);
            }

            onTheWire = (outgoing, outgoing.Count == 0 ? Task.FromResult(Array.Empty<SmtpResult>())
                : _transport!.SendAsync([.. outgoing.Select(o => o.Message)], new HandOvers(outgoing, batch.Keeper), ct));
        }

        if (onTheWire is { } last)
        {
            Record(db, last.Outgoing, await last.Results, tally);
        }

        // What was handed over is settled already; what a pass that stops before this line leaves "sending" was not, and is queued again.
        WebhookOutbox.SendOutcomes(db, claimed, staged, _clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new DispatchReport(tally.Sent, tally.Blocked, tally.Failed, tally.Retrying, tally.Interrupted)
        {
            ConnectionFailures = tally.ConnectionFailures,
            LastError = tally.LastError,
        };
    }

    /// <summary>The chunk's hand-overs, as its records say them: a message is marked before it goes and settled after.</summary>
    private sealed class HandOvers(List<(SendRecord Record, MimeMessage Message, Guid? Informs)> outgoing, ClaimKeeper keeper) : IHandOvers
    {
        public Task<bool> HandOverAsync((int Index, SmtpResult Result)? previous, int index) =>
            keeper.HandOverAsync(previous is { } p ? Settle(p.Index, p.Result) : null, outgoing[index].Record.Id);

        public Task SettleAsync(int index, SmtpResult result) => keeper.SettleAsync(Settle(index, result));

        // Only ids and the Message-ID are read here: the records themselves belong to the pass.
        private Settlement Settle(int index, SmtpResult result) => result.Outcome switch
        {
            SmtpOutcome.Sent => Settlement.Delivered(outgoing[index].Record.Id, outgoing[index].Message.MessageId, informs: outgoing[index].Informs),
            SmtpOutcome.Unknown => Settlement.Unknown(outgoing[index].Record.Id, result.Error ?? "connection lost"),
            _ => Settlement.NotOut(outgoing[index].Record.Id),
        };
    }

    /// <summary>
    /// Marketing the sending domain may not send now: all of it while too many spam reports keep the domain paused
    /// (R69), and what goes beyond the day's volume of a domain whose DNS has not passed, or all of it after a regression (R67).
    /// </summary>
    private async Task<IEnumerable<(SendRecord Record, Deferral Hold)>> DomainHoldsAsync(MarketingDbContext db, List<SendRecord> marketing,
        DateTimeOffset now, CancellationToken ct)
    {
        if (marketing.Count == 0)
        {
            return [];
        }

        if (await ListHygiene.ActivePauseAsync(db, _hygiene.MarketingDomain, ct) is { } pause)
        {
            var paused = ListHygiene.Deferral(pause, now);
            return marketing.Select(r => (r, paused));
        }

        var (allowed, hold) = await _domains.AllowanceAsync(db, marketing, now, ct);
        return hold is null ? [] : marketing.Skip(allowed).Select(r => (r, hold));
    }

    private sealed class Tally
    {
        public int Sent;
        public int Blocked;
        public int Failed;
        public int Retrying;
        public int Interrupted;
        public int ConnectionFailures;
        public string? LastError;
    }

    /// <summary>Renders and signs a chunk on every core (the CPU-heavy part); each item touches only its own record.</summary>
    private List<(SendRecord Record, MimeMessage Message, Guid? Informs)> PrepareChunk(
        (SendRecord Record, GateDecision Decision)[] chunk, BatchContext context, DateTimeOffset now, Tally tally, CancellationToken ct)
    {
        var prepared = new Prepared[chunk.Length];
        Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            try
            {
                prepared[i] = Prepare(chunk[i].Record, chunk[i].Decision.Address!, context, now);
            }
            catch (TemplateUnavailableException e)
            {
                prepared[i] = new Prepared(null, null, e.Message);
            }
            catch (TemplateRenderException e)
            {
                prepared[i] = new Prepared(null, null, $"template '{chunk[i].Record.TemplateKey}' does not render: {e.Message}");
            }
        });
        var outgoing = new List<(SendRecord Record, MimeMessage Message, Guid? Informs)>(chunk.Length);
        for (var i = 0; i < chunk.Length; i++)
        {
            var record = chunk[i].Record;
            switch (prepared[i])
            {
                case { Message: { } message }:
                    outgoing.Add((record, message, prepared[i].Informs));
                    break;
                case { BlockReason: { } reason }:
                    record.Block(reason);
                    tally.Blocked++;
                    break;
                case { FailReason: { } error }:
                    record.Fail(error);
                    tally.Failed++;
                    break;
            }
        }

        return outgoing;
    }

    private void Record(MarketingDbContext db, List<(SendRecord Record, MimeMessage Message, Guid? Informs)> outgoing, SmtpResult[] results, Tally tally)
    {
        for (var i = 0; i < outgoing.Count; i++)
        {
            var record = outgoing[i].Record;
            var result = results[i];
            if (result.ConnectionFailure)
            {
                tally.ConnectionFailures++;
            }

            if (result.Outcome != SmtpOutcome.Sent && result.Error is { } error)
            {
                tally.LastError = error;
            }

            switch (result.Outcome)
            {
                case SmtpOutcome.Sent:
                    record.Status = SendStatuses.Sent;
                    record.SentAt = _clock.GetUtcNow();
                    record.MessageId = outgoing[i].Message.MessageId;
                    // Its settlement wrote this already.
                    db.Entry(record).State = EntityState.Unchanged;
                    tally.Sent++;
                    break;
                case SmtpOutcome.Unknown:
                    record.Status = SendStatuses.Interrupted;
                    db.Entry(record).State = EntityState.Unchanged;
                    tally.Interrupted++;
                    break;
                case SmtpOutcome.Withheld:
                    // Another pass holds it now.
                    db.Entry(record).State = EntityState.Unchanged;
                    break;
                case SmtpOutcome.Transient when record.Attempts < _options.MaxAttempts:
                    record.Retry(result.Error ?? "transient error", _clock.GetUtcNow() + SendClaims.Backoff(record.Attempts));
                    tally.Retrying++;
                    break;
                default:
                    record.Fail(result.Error ?? "failed");
                    tally.Failed++;
                    break;
            }
        }
    }

    /// <param name="Informs">The person this message gives the art. 14 information (R52).</param>
    private sealed record Prepared(MimeMessage? Message, string? BlockReason, string? FailReason, Guid? Informs = null);

    private Prepared Prepare(SendRecord record, string address, BatchContext context, DateTimeOffset now)
    {
        var person = context.People[record.PersonId];
        var locale = record.Data.GetValueOrDefault("locale") ?? person.Locale ?? TemplateStore.FallbackLocale;
        var template = context.Templates.Find(record.TemplateKey, locale, ChannelKeys.Email)
            ?? throw new TemplateUnavailableException($"no template '{record.TemplateKey}'");
        if (template.MessageType != record.MessageType)
        {
            throw new TemplateUnavailableException($"template '{record.TemplateKey}' is of type {template.MessageType}, the message is {record.MessageType}");
        }

        var links = new Dictionary<string, string?>();
        if (record.MessageType == MessageTypes.DoubleOptIn)
        {
            var request = context.Confirmations.GetValueOrDefault(record.Data.GetValueOrDefault("doi_request") ?? "");
            if (request is null)
            {
                return new Prepared(null, "the double-opt-in request no longer exists (purged or confirmed elsewhere)", null);
            }

            // The token exists only in this email: the database keeps its hash.
            var token = ConfirmDoubleOptIn.NewToken();
            request.TokenHash = ConfirmDoubleOptIn.HashToken(token);
            request.ExpiresAt = now.AddDays(_options.ConfirmationLinkDays);
            links["confirm"] = _links.Confirm(token);
            links["confirm_valid_days"] = _options.ConfirmationLinkDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (record.Data.GetValueOrDefault(AccountMail.LinkKey) is { } linkId)
        {
            // Like a confirmation: the token exists only in this email, the link keeps its hash (ADR 9).
            if (context.AccountLinks.GetValueOrDefault(linkId) is not { } link)
            {
                return new Prepared(null, "the account link no longer exists or was used", null);
            }

            var token = link.Issue(now);
            links["account"] = _links.Account(token);
            links["account_expires_at"] = link.ExpiresAt!.Value.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (record.TemplateKey == RequestMail.ConfirmationTemplate && record.Recipient == SendRecipients.Requester)
        {
            // Like an account link: the token exists only in this email, the ticket keeps its hash (R36).
            if (context.Requests.GetValueOrDefault(record.Data.GetValueOrDefault(RequestMail.RequestKey) ?? "") is not { } ticket)
            {
                return new Prepared(null, "the request no longer awaits confirmation", null);
            }

            var token = AccountLink.NewToken();
            ticket.ConfirmationTokenHash = AccountLink.HashToken(token);
            ticket.ConfirmationExpiresAt = now + RequestMail.ConfirmationValidity;
            links["request_confirm"] = _links.Request(token);
            links["request_confirm_until"] = ticket.ConfirmationExpiresAt.Value.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in record.Data.Where(d => d.Key.StartsWith("request_", StringComparison.Ordinal)))
        {
            // What a notice to a requester says of their request: its new due date, the extension's reason.
            links[key] = value;
        }

        var recordToken = _links.Token(record.Id);
        var unsubscribe = _links.Unsubscribe(recordToken);
        links["unsubscribe"] = unsubscribe;
        links["preferences"] = _links.Preferences(recordToken);
        var marketing = record.MessageType == MessageTypes.Marketing && record.Recipient == SendRecipients.Person;
        // Recipient-level click tracking only with the person's consent to it (R31); otherwise the campaign's links, the same for all.
        Func<string, string>? track = !marketing ? null
            : context.ClickTracking.Contains(record.PersonId) ? url => _links.Click(recordToken, url)
            : url => _links.CampaignClick(Tracking.MessageTracking.Campaign(record), url);
        // The open pixel only with the person's separate consent to it (R30), and with the way to withdraw it (R32).
        var pixel = marketing && _options.OpenTracking != Tracking.OpenTracking.Off && context.OpenTracking.Contains(record.PersonId);
        if (pixel)
        {
            links["stop_open_tracking"] = _links.StopOpenTracking(recordToken);
        }

        // R52: the first message to a person collected indirectly, or the notice owed to them, carries the art. 14 information.
        var informs = record.Recipient == SendRecipients.Person && Art14Rules.Owed(person)
            && (record.MessageType == MessageTypes.Marketing
                || (TransactionalReference.TryParse(record.Reference, out var reference) && reference.Kind == TransactionalReference.Notice));
        var model = new TemplateModel(record.MessageType, template.Locale,
            new Dictionary<string, string?> { ["first_name"] = person.Attributes.GetValueOrDefault("first_name"), ["email"] = address },
            new Dictionary<string, string?>
            {
                ["name"] = _options.SenderName, ["legal_name"] = _options.Sender.LegalName, ["postal_address"] = _options.Sender.PostalAddress,
            },
            links,
            new Dictionary<string, string?> { ["key"] = record.PurposeKey, ["name"] = context.PurposeNames(record, template.Locale) },
            track,
            informs ? context.Art14(record, template.Locale, _options.Sender) : null);
        var rendered = _renderer.Render(template, context.Templates.Find(TemplateFiles.LayoutKey, template.Locale), model);
        if (pixel)
        {
            rendered = Tracking.MessageTracking.WithPixel(rendered, links["stop_open_tracking"]!, _links.Open(record.Id));
        }

        if (record.MessageType == MessageTypes.Marketing && MissingMarketingFooter(rendered.Html, unsubscribe) is { } missing)
        {
            return new Prepared(null, $"the rendered message lacks {missing} (R61, R70)", null);
        }

        return new Prepared(_composer.Compose(record, address, rendered, record.MessageType == MessageTypes.Marketing ? unsubscribe : null, now), null, null,
            informs ? person.Id : null);
    }

    private string? MissingMarketingFooter(string html, string unsubscribe) =>
        !html.Contains(WebUtility.HtmlEncode(unsubscribe), StringComparison.Ordinal) ? "the unsubscribe link"
        : !html.Contains(WebUtility.HtmlEncode(_options.Sender.PostalAddress!), StringComparison.Ordinal) ? "the sender's postal address"
        : null;

    public async ValueTask DisposeAsync()
    {
        if (_transport is not null)
        {
            await _transport.DisposeAsync();
        }
    }

    private sealed class TemplateUnavailableException(string message) : Exception(message);

    /// <summary>What a batch needs besides the records, read in a few queries for the whole batch.</summary>
    private sealed class BatchContext
    {
        public required Dictionary<Guid, Person> People { get; init; }
        public required Dictionary<string, DoubleOptInRequest> Confirmations { get; init; }
        /// <summary>Open account links the batch's emails carry, by id (N format), tracked: the pass writes each token's hash.</summary>
        public required Dictionary<string, AccountLink> AccountLinks { get; init; }
        /// <summary>Data-subject requests awaiting the confirmation the batch's emails carry, by id (N format), tracked.</summary>
        public required Dictionary<string, Compliance.DataSubjectRequest> Requests { get; init; }
        public required Dictionary<Guid, List<string>> PendingPurposes { get; init; }
        public required Dictionary<string, Purpose> Purposes { get; init; }
        public required TemplateSet Templates { get; init; }
        /// <summary>People who consent to click tracking (R31).</summary>
        public required HashSet<Guid> ClickTracking { get; init; }
        /// <summary>People who consent to open tracking (R30).</summary>
        public required HashSet<Guid> OpenTracking { get; init; }
        /// <summary>Where the data of people still owed the art. 14 information came from (R52).</summary>
        public required Dictionary<Guid, string> Art14Sources { get; init; }
        /// <summary>The purposes such people's data is recorded for, by key.</summary>
        public required Dictionary<Guid, List<string>> Art14Purposes { get; init; }

        /// <summary>What the art. 14 block says (R52, GDPR art. 14(1)-(2)): controller, purposes, source; the layout adds rights and opt-out.</summary>
        public Dictionary<string, string?> Art14(SendRecord record, string locale, SenderIdentity sender)
        {
            var keys = Art14Purposes.GetValueOrDefault(record.PersonId) ?? [];
            if (record.PurposeKey is { } key && !keys.Contains(key))
            {
                keys = [key, .. keys];
            }

            return new Dictionary<string, string?>
            {
                ["shown"] = "true",
                ["controller"] = sender.LegalName,
                ["controller_address"] = sender.PostalAddress,
                ["source"] = Art14Sources.GetValueOrDefault(record.PersonId),
                ["purposes"] = keys.Count == 0 ? null : string.Join(", ", keys.Select(k => Purposes.TryGetValue(k, out var p) ? p.NameIn(locale) : k)),
            };
        }

        public string? PurposeNames(SendRecord record, string locale)
        {
            var keys = record.Data.GetValueOrDefault("doi_request") is { } requestId && Confirmations.TryGetValue(requestId, out var request)
                ? PendingPurposes.GetValueOrDefault(request.Id) ?? []
                : record.PurposeKey is null ? [] : [record.PurposeKey];
            return keys.Count == 0 ? null : string.Join(", ", keys.Select(k => Purposes.TryGetValue(k, out var p) ? p.NameIn(locale) : k));
        }

        public static async Task<BatchContext> LoadAsync(MarketingDbContext db, TemplateStore templates, List<SendRecord> records, CancellationToken ct)
        {
            var personIds = records.Where(r => r.Recipient == SendRecipients.Person).Select(r => r.PersonId).Distinct().ToList();
            var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            foreach (var user in await AccountMail.RecipientsAsync(db, records, ct))
            {
                people[user.Id] = user;
            }

            foreach (var requester in await RequestMail.RecipientsAsync(db, records, ct))
            {
                people[requester.Id] = requester;
            }

            var requestIds = records.Select(r => r.Data.GetValueOrDefault("doi_request")).Where(id => id is not null)
                .Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).ToList();
            // Tracked: the pass writes each request's token hash.
            var requests = requestIds.Count == 0 ? [] : await db.DoubleOptInRequests
                .Where(r => requestIds.Contains(r.Id) && r.Status == DoubleOptInStatuses.Pending).ToListAsync(ct);
            var pendingEventIds = requests.SelectMany(r => r.PendingEventIds).ToList();
            var pendingKeys = pendingEventIds.Count == 0 ? [] : await db.ConsentEvents.AsNoTracking()
                .Where(e => pendingEventIds.Contains(e.Id)).Select(e => new { e.Id, e.PurposeKey }).ToListAsync(ct);
            var keyOfEvent = pendingKeys.ToDictionary(e => e.Id, e => e.PurposeKey);
            // Only marketing mail to a person is tracked (R30, R31).
            var tracked = records.Where(r => r.MessageType == MessageTypes.Marketing && r.Recipient == SendRecipients.Person).Select(r => r.PersonId).Distinct().ToList();
            // R52: people still owed the art. 14 information: where their data came from, and what it is recorded for.
            var owed = people.Values.Where(Art14Rules.Owed).ToList();
            var batchIds = Art14Rules.BatchesOf(owed.Select(p => p.Source)).ToList();
            var organisations = batchIds.Count == 0 ? [] : await db.ImportBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id))
                .ToDictionaryAsync(b => b.Id, b => b.SourceOrganisation, ct);
            var owedIds = owed.Select(p => p.Id).ToList();
            var owedPurposes = owedIds.Count == 0 ? [] : await db.ConsentStates.AsNoTracking().Where(c => owedIds.Contains(c.PersonId))
                .Join(db.Purposes.AsNoTracking(), c => c.PurposeId, p => p.Id, (c, p) => new { c.PersonId, p.Key }).Distinct().ToListAsync(ct);
            var purposeKeys = records.Where(r => r.PurposeKey != null).Select(r => r.PurposeKey!).Concat(keyOfEvent.Values)
                .Concat(owedPurposes.Select(p => p.Key)).Distinct().ToList();
            return new BatchContext
            {
                People = people,
                Confirmations = requests.ToDictionary(r => r.Id.ToString("N")),
                AccountLinks = await AccountMail.OpenLinksAsync(db, records, ct),
                Requests = await RequestMail.AwaitingConfirmationAsync(db, records, ct),
                PendingPurposes = requests.ToDictionary(r => r.Id, r => r.PendingEventIds.Where(keyOfEvent.ContainsKey).Select(id => keyOfEvent[id]).Distinct().ToList()),
                Purposes = await db.Purposes.AsNoTracking().Where(p => purposeKeys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, ct),
                Templates = await templates.LoadAsync(db, records.Select(r => r.TemplateKey).Distinct().ToList(), ct),
                ClickTracking = await Tracking.TrackingConsent.AmongAsync(db, tracked, TrackingPurposes.Clicks, ct),
                OpenTracking = await Tracking.TrackingConsent.AmongAsync(db, tracked, TrackingPurposes.Opens, ct),
                Art14Sources = owed.Select(p => (p.Id, Source: Art14Rules.SourceOf(p.Source, organisations))).Where(p => p.Source is not null)
                    .ToDictionary(p => p.Id, p => p.Source!),
                Art14Purposes = owedPurposes.GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.Select(p => p.Key).Order(StringComparer.Ordinal).ToList()),
            };
        }
    }
}
