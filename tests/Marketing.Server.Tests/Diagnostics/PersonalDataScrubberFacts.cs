using System.Diagnostics;
using Marketing.Server.Diagnostics;

namespace Marketing.Server.Tests.Diagnostics;

/// <summary>What a span keeps when it leaves through OTLP: the route template, never a path, query, address or error text.</summary>
public class PersonalDataScrubberFacts
{
    [Fact]
    public void OnEnd_RemovesPathsAddressesAndErrorText_AndKeepsTheRoute()
    {
        using var activity = new Activity("POST /email/confirm/{token}");
        activity.SetTag("http.route", "/email/confirm/{token}");
        activity.SetTag("url.path", "/email/confirm/Zm9vQGV4YW1wbGUuY29t");
        activity.SetTag("url.query", "email=jane@example.com");
        activity.SetTag("url.full", "https://engine.example/email/confirm/Zm9v?email=jane@example.com");
        activity.SetTag("client.address", "203.0.113.7");
        activity.SetTag("user_agent.original", "Mozilla/5.0");
        activity.SetStatus(ActivityStatusCode.Error, "duplicate key: (email)=(jane@example.com)");

        using var scrubber = new PersonalDataScrubber();
        scrubber.OnEnd(activity);

        Assert.Equal([new KeyValuePair<string, string?>("http.route", "/email/confirm/{token}")], activity.Tags);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Null(activity.StatusDescription);
    }
}
