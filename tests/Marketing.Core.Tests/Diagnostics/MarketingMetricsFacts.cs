using System.Diagnostics.Metrics;
using Marketing.Diagnostics;

namespace Marketing.Core.Tests.Diagnostics;

public class MarketingMetricsFacts
{
    [Theory]
    [InlineData("form-1a2b3c4d", "form-1a2b3c4d")]
    [InlineData("consent.withdrawn", "consent.withdrawn")]
    [InlineData("suppressed_address", "suppressed_address")]
    [InlineData("DispatchEmailJob.RunAsync", "DispatchEmailJob.RunAsync")]
    [InlineData("jane@example.com", "other")]
    [InlineData("+33612345678", "other")]
    [InlineData("06 12 34 56 78", "other")]
    [InlineData("Jane Doe", "other")]
    [InlineData("send\n", "other")]
    [InlineData("", "other")]
    [InlineData(null, "other")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234", "other")]
    public void Label_KeepsShortKeys_AndReplacesAnythingElse(string? value, string expected) =>
        Assert.Equal(expected, MarketingMetrics.Label(value));

    [Fact]
    public void WebhookDelivered_CountsByEventTypeAndOutcome_AndReplacesAnAddressGivenAsEventType()
    {
        var seen = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MarketingMetrics.MeterName && instrument.Name == "marketing.webhook.deliveries")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => seen.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        MarketingMetrics.WebhookDelivered("consent.withdrawn", "delivered");
        MarketingMetrics.WebhookDelivered("jane@example.com", "failed");

        Assert.Contains(seen, s => s.Value == 1 && Equals(s.Tags["event_type"], "consent.withdrawn") && Equals(s.Tags["outcome"], "delivered"));
        Assert.Contains(seen, s => s.Value == 1 && Equals(s.Tags["event_type"], "other") && Equals(s.Tags["outcome"], "failed"));
    }
}
