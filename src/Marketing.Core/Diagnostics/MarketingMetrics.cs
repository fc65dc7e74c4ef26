using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Marketing.Sending;

namespace Marketing.Diagnostics;

/// <summary>
/// The product's own instruments, on the <c>Marketing</c> meter and activity source, recorded where the decisions are
/// made (the capture endpoint, the gate, the dispatchers, the job server, the webhook sender). Labels carry
/// configuration keys and fixed vocabularies only (form and site ids, outcomes, reason codes, channels, job names):
/// never an address, a number, a person, a client address or free text (R34, invariant 8).
/// </summary>
public static partial class MarketingMetrics
{
    public const string MeterName = "Marketing";
    /// <summary>What a label value is replaced by when it is not a short lower-case key: a guard, not a filter of personal data.</summary>
    public const string Other = "other";

    public static readonly Meter Meter = new(MeterName);
    public static readonly ActivitySource ActivitySource = new(MeterName);

    private static readonly Counter<long> Submissions = Meter.CreateCounter<long>("marketing.submissions", "{submission}",
        "Form submissions by site, form and outcome (accepted, replayed, invalid, spam).");
    private static readonly Counter<long> GateDecisions = Meter.CreateCounter<long>("marketing.gate.decisions", "{decision}",
        "Decisions of the send gate by outcome (allowed, blocked) and reason (the evidence kind, or the block code).");
    private static readonly Counter<long> Sends = Meter.CreateCounter<long>("marketing.sends", "{message}",
        "Messages the dispatchers dealt with, by channel and outcome (sent, blocked, failed, retrying, interrupted, requeued).");
    private static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("marketing.webhook.deliveries", "{delivery}",
        "Webhook deliveries by event type and outcome.");
    private static readonly Histogram<double> JobDurations = Meter.CreateHistogram<double>("marketing.job.duration", "s",
        "How long background jobs ran, by job and outcome (succeeded, failed).");

    public static class SubmissionOutcomes
    {
        public const string Accepted = "accepted";
        public const string Replayed = "replayed";
        public const string Invalid = "invalid";
        /// <summary>The honeypot was filled or the form token was missing, forged or too quick.</summary>
        public const string Spam = "spam";
    }

    /// <summary>A submission to a published form (the site and form are the engine's own keys, never the request's words).</summary>
    public static void Submitted(string siteId, string formId, string outcome) =>
        Submissions.Add(1, Tag("site", siteId), Tag("form", formId), Tag("outcome", outcome));

    /// <summary>A refused submission: spam when a bot defence said no, otherwise invalid (which fields were wrong is not recorded).</summary>
    public static void Refused(string siteId, string formId, IReadOnlyDictionary<string, string[]> errors) =>
        Submitted(siteId, formId, errors.ContainsKey("honeypot") || errors.ContainsKey("token") ? SubmissionOutcomes.Spam : SubmissionOutcomes.Invalid);

    /// <summary>One decision of the gate: allowed with the kind of evidence it relied on, or blocked with its code.</summary>
    public static void Decided(GateDecision decision) => GateDecisions.Add(1,
        Tag("outcome", decision.Allowed ? GateDecision.AllowedDecision : GateDecision.BlockedDecision),
        Tag("reason", decision.Allowed ? decision.EvidenceKind : decision.Code));

    /// <summary>What a dispatch pass (or a take-over) did on a channel.</summary>
    public static void Dispatched(string channel, DispatchReport report)
    {
        AddSends(channel, "sent", report.Sent);
        AddSends(channel, "blocked", report.Blocked);
        AddSends(channel, "failed", report.Failed);
        AddSends(channel, "retrying", report.Retrying);
        AddSends(channel, "interrupted", report.Interrupted);
        AddSends(channel, "requeued", report.Requeued);
    }

    /// <summary>One webhook delivery attempt: the event's type (<c>consent.withdrawn</c>) and how it went (<c>delivered</c>, <c>failed</c>…).</summary>
    public static void WebhookDelivered(string eventType, string outcome) =>
        WebhookDeliveries.Add(1, Tag("event_type", eventType), Tag("outcome", outcome));

    /// <summary>One background job's run, named by its class and method (never its arguments, which may name a person).</summary>
    public static void JobRan(string job, bool succeeded, TimeSpan duration) =>
        JobDurations.Record(duration.TotalSeconds, Tag("job", job), Tag("outcome", succeeded ? "succeeded" : "failed"));

    private static void AddSends(string channel, string outcome, int count)
    {
        if (count > 0)
        {
            Sends.Add(count, Tag("channel", channel), Tag("outcome", outcome));
        }
    }

    /// <summary>A label value as given when it is a short key, otherwise <see cref="Other"/>: bounds the series and keeps text out.</summary>
    public static string Label(string? value) => value is not null && SafeLabel().IsMatch(value) ? value : Other;

    private static KeyValuePair<string, object?> Tag(string name, string? value) => new(name, Label(value));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeLabel();
}
