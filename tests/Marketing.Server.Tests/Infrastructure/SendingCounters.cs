using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marketing.Sending;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>The Marketing.Sending counters of one engine in process, summed per instrument and channel from the moment this is made.</summary>
public sealed class SendingCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string? Channel), long> _sums = new();

    public SendingCounters(MarketingApp app)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this engine's meter: other hosts of the test run have their own.
            if (instrument.Meter.Name == SendingMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? channel = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "channel")
                {
                    channel = tag.Value as string;
                }
            }

            _sums.AddOrUpdate((instrument.Name, channel), value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>E.g. <c>this["marketing.sending.requeued", "email"]</c>.</summary>
    public long this[string name, string channel] => _sums.GetValueOrDefault((name, channel));

    public void Dispose() => _listener.Dispose();
}
