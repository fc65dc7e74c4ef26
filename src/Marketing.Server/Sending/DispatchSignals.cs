using Marketing.Server.Jobs;

namespace Marketing.Server.Sending;

/// <summary>
/// The dispatch signals of the channels this node runs, by channel: a feature that queues messages (capture, sends,
/// nurture) asks for a pass without knowing which channels are wired. A channel that is not registered has no pass to
/// start; its messages wait, queued, until it is.
/// </summary>
public sealed class DispatchSignals(IEnumerable<DispatchSignal> signals)
{
    private readonly Dictionary<string, DispatchSignal> _byChannel = signals.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    public void Notify(string channel) => _byChannel.GetValueOrDefault(channel)?.Notify();

    public void NotifyWhenDue(string channel, DateTimeOffset due, DateTimeOffset now) => _byChannel.GetValueOrDefault(channel)?.NotifyWhenDue(due, now);
}
