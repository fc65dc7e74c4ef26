using System.Diagnostics.Metrics;

namespace Marketing.Sending;

/// <summary>
/// What the dispatchers did, as counters of the <c>Marketing.Sending</c> meter (read with dotnet-counters or an
/// OpenTelemetry exporter). Tags name the channel and a kind of failure only: never an address or a person.
/// </summary>
public sealed class SendingMetrics
{
    public const string MeterName = "Marketing.Sending";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _blocked;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _retrying;
    private readonly Counter<long> _interrupted;
    private readonly Counter<long> _requeued;
    private readonly Counter<long> _connectionFailures;

    public SendingMetrics(Meter meter)
    {
        _sent = meter.CreateCounter<long>("marketing.sending.sent", "{message}", "Messages the relay or gateway accepted.");
        _blocked = meter.CreateCounter<long>("marketing.sending.blocked", "{message}", "Messages the gate or the template refused at send time.");
        _failed = meter.CreateCounter<long>("marketing.sending.failed", "{message}", "Messages given up for good (refused, or out of attempts).");
        _retrying = meter.CreateCounter<long>("marketing.sending.retrying", "{message}", "Messages put back with a backoff after a transient error.");
        _interrupted = meter.CreateCounter<long>("marketing.sending.interrupted", "{message}",
            "Messages whose node stopped while handing them over: maybe delivered, never retried.");
        _requeued = meter.CreateCounter<long>("marketing.sending.requeued", "{message}",
            "Messages queued again because the node that claimed them stopped before handing them over.");
        _connectionFailures = meter.CreateCounter<long>("marketing.sending.connection_failures", "{connection}",
            "Connections to the SMTP relay or the SMS gateway that could not be opened or broke.");
    }

    public void Record(string channel, DispatchReport report)
    {
        Diagnostics.MarketingMetrics.Dispatched(channel, report);
        var tag = new KeyValuePair<string, object?>("channel", channel);
        Add(_sent, report.Sent, tag);
        Add(_blocked, report.Blocked, tag);
        Add(_failed, report.Failed, tag);
        Add(_retrying, report.Retrying, tag);
        Add(_interrupted, report.Interrupted, tag);
        Add(_requeued, report.Requeued, tag);
        Add(_connectionFailures, report.ConnectionFailures, tag);
    }

    private static void Add(Counter<long> counter, int value, KeyValuePair<string, object?> tag)
    {
        if (value > 0)
        {
            counter.Add(value, tag);
        }
    }
}
