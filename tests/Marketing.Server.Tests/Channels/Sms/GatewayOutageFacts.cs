using Marketing.Consent;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Channels.Sms;


/// <summary>
/// Twilio answers 500 for a while, starting in the middle of a batch: what it did not take is deferred with a backoff,
/// one warning per pass says so, and once it answers again every SMS is created exactly once.
/// </summary>
public abstract class GatewayOutageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : SmsApp
{
    [Fact]
    public async Task TwilioAnswering500ForAWhile_DefersTheRest_ThenSendsEachSmsOnce()
    {
        app.Clock.Now = SmsApp.Tuesday10Paris;
        var tag = $"gateway-{Guid.NewGuid().ToString("N")[..8]}";
        var queued = await QueuedMessages.SeedAsync(app, ChannelKeys.Sms, tag, 30, app.Clock.Now);
        using var counters = new SendingCounters(app);
        var warningsBefore = app.Logs.Containing("sms dispatch pass").Count;
        app.Twilio.FailAllAfter(10, 500);

        var first = await app.DispatchSmsAsync();
        var passes = 1;
        // Two minutes: the retry at 30 s fails too, the one after (2 min later) meets Twilio back; SmsApp allows 3 attempts.
        for (var minute = 1; minute <= 2; minute++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await app.DispatchSmsAsync();
            passes++;
        }

        var duringOutage = Created(queued);
        var refused = app.Twilio.Requests.Count(r => r.ContainsKey("_status") && queued.Any(q => q.Address == r["To"]));
        app.Twilio.Recover();
        for (var minute = 0; minute < 120 && app.InScope(db => db.SendRecords.Any(r => r.Key.StartsWith(tag + ":") && r.Status != SendStatuses.Sent)); minute++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await app.DispatchSmsAsync();
            passes++;
        }

        Assert.Equal((10, 20), (first.Sent, first.Retrying));
        Assert.Equal(10, duringOutage);
        Assert.True(refused >= 40, $"{refused} requests refused");
        Assert.All(queued, q => Assert.Single(app.Twilio.Accepted, r => r["To"] == q.Address));
        Assert.All(app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.Key.StartsWith(tag + ":")).ToList()), r => Assert.Equal(SendStatuses.Sent, r.Status));
        Assert.Equal(30, counters["marketing.sending.sent", "sms"]);
        Assert.True(counters["marketing.sending.retrying", "sms"] >= 20);
        var warnings = app.Logs.Containing("sms dispatch pass").Skip(warningsBefore).ToList();
        Assert.InRange(warnings.Count, 1, passes);
        Assert.Contains(warnings, w => w.Message.Contains("20 deferred for a retry", StringComparison.Ordinal) && w.Message.Contains("Twilio 500", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.DoesNotContain("+336", w.Message, StringComparison.Ordinal));
    }

    private int Created(List<QueuedMessages.Queued> queued) => queued.Sum(q => app.Twilio.Accepted.Count(r => r["To"] == q.Address));
}

public sealed class GatewayOutageFacts_OnSqlite(SqliteSmsApp app) : GatewayOutageFacts<SqliteSmsApp>(app);

public sealed class GatewayOutageFacts_OnPostgres(PostgresSmsApp app) : GatewayOutageFacts<PostgresSmsApp>(app);
