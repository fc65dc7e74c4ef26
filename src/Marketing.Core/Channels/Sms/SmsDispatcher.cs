using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using Marketing.Webhooks;

namespace Marketing.Channels.Sms;

/// <param name="ApiBaseUrl">Where Twilio's API is reached instead of api.twilio.com (a local stand-in in tests).</param>
/// <param name="StatusCallback">The public address of the status webhook, handed to Twilio with each message.</param>
/// <param name="PublicBaseUrl">Where the art. 14 pages are served (<see cref="Art14Sms"/>); without it no SMS informs anyone.</param>
public sealed record SmsDispatchOptions(
    string? AccountSid,
    string? AuthToken,
    string? From,
    string? MessagingServiceSid,
    int BatchSize,
    int MaxAttempts,
    Uri? ApiBaseUrl,
    Uri StatusCallback,
    string SenderName,
    string? PublicBaseUrl = null);

/// <summary>
/// The only way an SMS leaves the engine (invariant 1). A pass claims due <c>sms</c> send records, asks the
/// gate about each at that moment, holds back what a send window or a frequency cap does not allow yet,
/// renders the rest as plain text and hands each to Twilio, recording every outcome on its record. The Twilio
/// client is private to this class: nothing else in the engine can reach Twilio's API.
/// </summary>
public sealed class SmsDispatcher : IDisposable
{
    /// <summary>Requests to Twilio in flight at once: Twilio queues per sender anyway, so more only adds 429s.</summary>
    private const int Concurrency = 4;

    private readonly SmsDispatchOptions _options;
    private readonly SendGate _gate;
    private readonly SendPacing _pacing;
    private readonly TemplateStore _templates;
    private readonly TemplateRenderer _renderer;
    private readonly TimeProvider _clock;
    private readonly HttpClient? _http;
    private readonly TwilioRestClient? _twilio;
    private readonly SendClaims _claims;
    private readonly ILogger _logger;

    public SmsDispatcher(SmsDispatchOptions options, SendGate gate, SendPacing pacing, TemplateStore templates, TemplateRenderer renderer, SendClaims claims,
        TimeProvider clock, ILogger<SmsDispatcher> logger)
    {
        _claims = claims;
        _logger = logger;
        _options = options;
        _gate = gate;
        _pacing = pacing;
        _templates = templates;
        _renderer = renderer;
        _clock = clock;
        if (!string.IsNullOrEmpty(options.AccountSid) && !string.IsNullOrEmpty(options.AuthToken))
        {
            _http = options.ApiBaseUrl is { } baseUrl ? new HttpClient(new BaseUrlRewriter(baseUrl)) : new HttpClient();
            _twilio = new TwilioRestClient(options.AccountSid, options.AuthToken, httpClient: new Twilio.Http.SystemNetHttpClient(_http));
        }
    }

    /// <summary>Without a Twilio account configured, messages stay queued until one is.</summary>
    public bool Enabled => _twilio is not null;

    /// <summary>Where SMS go, said once at start; null when they stay queued.</summary>
    public string? Destination => _twilio is null ? null
        : $"Twilio account …{_options.AccountSid![^4..]}{(_options.ApiBaseUrl is { } url ? $" at {url}" : "")}, {Concurrency} requests at a time";

    public Task<DispatchReport> DispatchDueAsync(MarketingDbContext db, string node, CancellationToken ct) =>
        _claims.DispatchDueAsync(db, ChannelKeys.Sms, _options.BatchSize, node, enabled: _twilio is not null, _logger,
            batch => DispatchBatchAsync(db, batch, ct), ct);

    /// <param name="Informs">The person this message gives the art. 14 information to, once it is sent (R52).</param>
    private sealed record Outgoing(SendRecord Record, string To, string Body, Guid? Informs);

    /// <summary>
    /// <paramref name="Transient"/>: Twilio said it did not take the message (429, 500, 503) or it was never reached,
    /// so trying again cannot make a second one. <paramref name="Uncertain"/>: the request may have created the
    /// message (a timeout, a dropped connection, a gateway error); Twilio has no idempotency key, so it is never resent.
    /// </summary>
    private sealed record Outcome(string? Sid, string? Status, bool Transient, string? Error, bool Uncertain = false, bool ConnectionFailure = false)
    {
        /// <summary>Not sent: the pass no longer holds the message's claim.</summary>
        public static Outcome Withheld { get; } = new(null, null, false, null);

        public Settlement Settle(Guid id, Guid? informs) => Sid is not null ? Settlement.Delivered(id, Sid, Status, informs)
            : Uncertain ? Settlement.Unknown(id, Error ?? "no answer")
            : Settlement.NotOut(id);
    }

    private async Task<DispatchReport> DispatchBatchAsync(MarketingDbContext db, ClaimedBatch batch, CancellationToken ct)
    {
        var claimed = batch.Records;
        var personIds = claimed.Select(r => r.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var purposeKeys = claimed.Where(r => r.PurposeKey != null).Select(r => r.PurposeKey!).Distinct().ToList();
        var purposes = await db.Purposes.AsNoTracking().Where(p => purposeKeys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, ct);
        var templates = await _templates.LoadAsync(db, claimed.Select(r => r.TemplateKey).Distinct().ToList(), ct);
        // Only a verification SMS needs to know whether a consent still waits for its reply.
        var awaitingVerification = !claimed.Any(r => r.MessageType == MessageTypes.DoubleOptIn) ? [] : (await db.ConsentStates.AsNoTracking()
                .Where(s => personIds.Contains(s.PersonId) && s.Channel == ChannelKeys.Sms && s.Status == ConsentStatuses.PendingConfirmation)
                .Select(s => s.PersonId).Distinct().ToListAsync(ct))
            .ToHashSet();

        var decisions = await _gate.DecideAsync(db, claimed, people, purposes, ct);
        var now = _clock.GetUtcNow();
        int sent = 0, blocked = 0, failed = 0, retrying = 0, interrupted = 0, connectionFailures = 0;
        string? lastError = null;
        var allowed = new List<SendRecord>();
        foreach (var record in claimed)
        {
            if (!record.Apply(decisions[record.Id], now))
            {
                blocked++;
                continue;
            }

            allowed.Add(record);
        }

        var deferrals = await _pacing.DeferralsAsync(db, ChannelKeys.Sms, allowed, people, now, ct);
        var outgoing = new List<Outgoing>();
        foreach (var record in allowed)
        {
            if (deferrals.TryGetValue(record.Id, out var deferral))
            {
                SendPacing.Defer(record, deferral);
                continue;
            }

            switch (Prepare(record, decisions[record.Id].Address!, people[record.PersonId], purposes, templates, awaitingVerification))
            {
                case (string body, null, null, var informs):
                    outgoing.Add(new Outgoing(record, decisions[record.Id].Address!, body, informs));
                    break;
                case (_, string reason, null, _):
                    record.Block(reason);
                    blocked++;
                    break;
                case (_, _, string error, _):
                    record.Fail(error);
                    failed++;
                    break;
            }
        }

        // The decisions are stored before any message can leave: a message out with no record of why is worse than none.
        var staged = new HashSet<Guid>();
        WebhookOutbox.SendOutcomes(db, claimed, staged, now);
        await db.SaveChangesAsync(ct);

        var outcomes = await SendAllAsync(outgoing, batch.Keeper, ct);
        for (var i = 0; i < outgoing.Count; i++)
        {
            var record = outgoing[i].Record;
            var outcome = outcomes[i];
            connectionFailures += outcome.ConnectionFailure ? 1 : 0;
            lastError = outcome.Error ?? lastError;
            if (ReferenceEquals(outcome, Outcome.Withheld))
            {
                // Another pass holds it now.
                db.Entry(record).State = EntityState.Unchanged;
            }
            else if (outcome.Sid is not null)
            {
                record.Status = SendStatuses.Sent;
                record.SentAt = _clock.GetUtcNow();
                record.MessageId = outcome.Sid;
                record.DeliveryStatus = outcome.Status;
                // Its settlement wrote this already.
                db.Entry(record).State = EntityState.Unchanged;
                sent++;
            }
            else if (outcome.Uncertain)
            {
                // At most once (invariant 3): an operator can look the number up in Twilio's log. Its settlement wrote this already.
                record.Status = SendStatuses.Interrupted;
                db.Entry(record).State = EntityState.Unchanged;
                interrupted++;
            }
            else if (outcome.Transient && record.Attempts < _options.MaxAttempts)
            {
                record.Retry(outcome.Error ?? "transient error", _clock.GetUtcNow() + SendClaims.Backoff(record.Attempts));
                retrying++;
            }
            else
            {
                record.Fail(outcome.Error ?? "failed");
                failed++;
            }
        }

        // What was handed over is settled already; what a pass that stops before this line leaves "sending" was not, and is queued again.
        WebhookOutbox.SendOutcomes(db, claimed, staged, _clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new DispatchReport(sent, blocked, failed, retrying, interrupted) { ConnectionFailures = connectionFailures, LastError = lastError };
    }

    /// <summary>
    /// Up to <see cref="Concurrency"/> workers, each with one request to Twilio in flight: a worker marks its next message
    /// as being handed over (settling its previous one in the same write) before the request, so at most one message per
    /// worker is in doubt if the node dies.
    /// </summary>
    private async Task<Outcome[]> SendAllAsync(List<Outgoing> outgoing, ClaimKeeper keeper, CancellationToken ct)
    {
        var outcomes = new Outcome[outgoing.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Concurrency, outgoing.Count)).Select(_ => Task.Run(async () =>
        {
            Settlement? previous = null;
            int i;
            while ((i = Interlocked.Increment(ref next)) < outgoing.Count)
            {
                if (!await keeper.HandOverAsync(previous, outgoing[i].Record.Id))
                {
                    outcomes[i] = Outcome.Withheld;
                    previous = null;
                    continue;
                }

                outcomes[i] = await SendAsync(outgoing[i], ct);
                previous = outcomes[i].Settle(outgoing[i].Record.Id, outgoing[i].Informs);
            }

            if (previous is not null)
            {
                await keeper.SettleAsync(previous);
            }
        }, ct)));
        return outcomes;
    }

    /// <returns>The body to send (and whom it informs), or why the message is blocked, or why it failed.</returns>
    private (string? Body, string? BlockReason, string? Error, Guid? Informs) Prepare(SendRecord record, string to, Person person,
        Dictionary<string, Purpose> purposes, TemplateSet templates, HashSet<Guid> awaitingVerification)
    {
        var locale = record.Data.GetValueOrDefault("locale") ?? person.Locale ?? TemplateStore.FallbackLocale;
        if (templates.Find(record.TemplateKey, locale, ChannelKeys.Sms) is not { } template)
        {
            return (null, null, $"no SMS template '{record.TemplateKey}'", null);
        }

        if (template.MessageType != record.MessageType)
        {
            return (null, null, $"template '{record.TemplateKey}' is of type {template.MessageType}, the message is {record.MessageType}", null);
        }

        if (record.MessageType == MessageTypes.DoubleOptIn && !awaitingVerification.Contains(person.Id))
        {
            return (null, "no SMS consent is waiting for verification any more (confirmed or withdrawn)", null, null);
        }

        var model = new TemplateModel(record.MessageType, template.Locale,
            new Dictionary<string, string?> { ["first_name"] = person.Attributes.GetValueOrDefault("first_name"), ["phone"] = to },
            new Dictionary<string, string?> { ["name"] = _options.SenderName, ["legal_name"] = _options.SenderName },
            new Dictionary<string, string?>(),
            new Dictionary<string, string?>
            {
                ["key"] = record.PurposeKey,
                ["name"] = record.PurposeKey is { } key && purposes.TryGetValue(key, out var purpose) ? purpose.NameIn(template.Locale) : record.PurposeKey,
            });
        string body;
        try
        {
            body = _renderer.RenderText(template.Text ?? "", model);
        }
        catch (TemplateRenderException e)
        {
            return (null, null, $"template '{record.TemplateKey}' does not render: {e.Message}", null);
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, $"template '{record.TemplateKey}' renders an empty message", null);
        }

        if (record.MessageType == MessageTypes.Marketing && SendPolicy.Jurisdiction(person.Regime) == "fr" && SmsContent.MissingForFrance(body, _options.SenderName) is { } missing)
        {
            return (null, $"the rendered SMS lacks {missing} (R58)", null, null);
        }

        // R52: the first marketing SMS to a person collected indirectly says where the art. 14 information is; sent, it informs them.
        Guid? informs = null;
        if (record.MessageType == MessageTypes.Marketing && record.Recipient == SendRecipients.Person && _options.PublicBaseUrl is { } publicBase
            && Art14Sms.BatchOf(person) is { } batch)
        {
            body = Art14Sms.Append(body, template.Locale, publicBase.TrimEnd('/') + Art14Sms.PagePath(batch));
            informs = person.Id;
        }

        return (body, null, null, informs);
    }

    private async Task<Outcome> SendAsync(Outgoing message, CancellationToken ct)
    {
        var options = new CreateMessageOptions(new PhoneNumber(message.To)) { Body = message.Body, StatusCallback = _options.StatusCallback };
        if (!string.IsNullOrEmpty(_options.MessagingServiceSid))
        {
            options.MessagingServiceSid = _options.MessagingServiceSid;
        }
        else
        {
            options.From = new PhoneNumber(_options.From);
        }

        try
        {
            var created = await MessageResource.CreateAsync(options, _twilio);
            return new Outcome(created.Sid, DeliveryStatuses.FromTwilio(created.Status?.ToString()) ?? DeliveryStatuses.Queued, false, null);
        }
        catch (ApiException e)
        {
            // Twilio's answer says it created nothing: a rate limit or its own failure passes, and any other refusal
            // (bad number, opted out: 21610) stays refused. A gateway's 502 or 504 says nothing of what happened behind it.
            var error = $"Twilio {(e.Status == 0 ? "error" : e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} (code {e.Code}): {e.Message}";
            return e.Status is 429 or 500 or 503 ? new Outcome(null, null, true, error)
                : e.Status is 0 or >= 500 ? new Outcome(null, null, false, error, Uncertain: true)
                : new Outcome(null, null, false, error);
        }
        catch (Exception e) when (e is ApiConnectionException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return NeverConnected(e)
                ? new Outcome(null, null, true, $"Twilio unreachable: {e.Message}", ConnectionFailure: true)
                : new Outcome(null, null, false, $"no answer from Twilio: {e.Message}", Uncertain: true, ConnectionFailure: true);
        }
    }

    /// <summary>The connection was refused or the host not found: the request never left, so a retry cannot double it.</summary>
    private static bool NeverConnected(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound
                or System.Net.Sockets.SocketError.NetworkUnreachable or System.Net.Sockets.SocketError.HostUnreachable })
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _http?.Dispose();

    /// <summary>Twilio's library has no base-URL option: this sends its requests to another scheme, host and port, path unchanged.</summary>
    private sealed class BaseUrlRewriter(Uri baseUrl) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = baseUrl.Scheme, Host = baseUrl.Host, Port = baseUrl.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
