using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Marketing.Bench;

/// <summary>Counts the methods the runtime compiles while it listens, by namespace: what keeps the JIT busy in a timed pass.</summary>
internal sealed class JitListener : EventListener
{
    private readonly ConcurrentDictionary<string, int> _byNamespace = new();

    public IEnumerable<(string Namespace, int Methods)> Top(int count) =>
        _byNamespace.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value));

    public int Total => _byNamespace.Values.Sum();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // The JIT keyword: a MethodLoadVerbose event for every method compiled (or recompiled at a higher tier).
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x10);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) != true || e.PayloadNames is null || e.Payload is null)
        {
            return;
        }

        var index = e.PayloadNames.IndexOf("MethodNamespace");
        var name = index >= 0 ? e.Payload[index] as string ?? "?" : "?";
        // Generic arguments make every instantiation its own namespace: keep the type's own name.
        var cut = name.IndexOf('[', StringComparison.Ordinal);
        _byNamespace.AddOrUpdate(cut > 0 ? name[..cut] : name, 1, (_, n) => n + 1);
    }
}
