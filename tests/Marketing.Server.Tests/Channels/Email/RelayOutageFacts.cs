using Marketing.Consent;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Channels.Email;


/// <summary>
/// The SMTP relay goes down in the middle of a batch and stays down for ten minutes of the test's clock: what it had not
/// taken is deferred with a backoff, one warning per pass says so (not one per message), and once it is back every
/// message arrives exactly once.
/// </summary>
public abstract class RelayOutageFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : ClockedEmailApp
{
    [Fact]
    public async Task RelayDownForTenMinutesMidBatch_DefersTheRest_ThenDeliversEachMessageOnce()
    {
        var tag = $"outage-{Guid.NewGuid().ToString("N")[..8]}";
        var queued = await QueuedMessages.SeedAsync(app, ChannelKeys.Email, tag, 150, app.Clock.Now);
        using var counters = new SendingCounters(app);
        var warningsBefore = app.Logs.Containing("email dispatch pass").Count;
        app.Smtp.GoDownAfter(40);

        var first = await app.DispatchEmailAsync();
        var atFirst = Arrived(queued);
        var passes = 1;
        for (var minute = 1; minute <= 10; minute++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await app.DispatchEmailAsync();
            passes++;
        }

        var duringOutage = Arrived(queued);
        var deferred = app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.Key.StartsWith(tag + ":") && r.Status == SendStatuses.Queued).ToList());
        app.Smtp.Down = false;
        for (var minute = 0; minute < 120 && app.InScope(db => db.SendRecords.Any(r => r.Key.StartsWith(tag + ":") && r.Status != SendStatuses.Sent)); minute++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await app.DispatchEmailAsync();
            passes++;
        }

        Assert.Equal(atFirst, first.Sent);
        Assert.InRange(atFirst, 40, 41); // a message already on its way on the second connection when the relay went down still arrives
        Assert.Equal(atFirst, duringOutage);
        Assert.Equal(150 - atFirst, deferred.Count);
        Assert.All(deferred, r => Assert.True(r.Attempts > 1 && r.LastError is not null, $"{r.Attempts} attempts, {r.LastError}"));
        Assert.True(queued.All(q => app.Smtp.To(q.Address).Count == 1), string.Join("; ", Records(tag).GroupBy(r => (r.Status, r.LastError, r.Attempts)).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.All(Records(tag), r => Assert.Equal(SendStatuses.Sent, r.Status));
        Assert.Equal(150, counters["marketing.sending.sent", "email"]);
        Assert.True(counters["marketing.sending.retrying", "email"] >= 150 - atFirst);
        Assert.True(counters["marketing.sending.connection_failures", "email"] >= 1);
        // Hundreds of failed attempts, one warning a pass at most, with the counts, the last error, and no address in it.
        var warnings = app.Logs.Containing("email dispatch pass").Skip(warningsBefore).ToList();
        Assert.InRange(warnings.Count, 1, passes);
        Assert.Contains(warnings, w => w.Message.Contains($"{150 - atFirst} deferred for a retry", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.DoesNotContain("@example.com", w.Message, StringComparison.Ordinal));
    }

    private int Arrived(List<QueuedMessages.Queued> queued) => queued.Sum(q => app.Smtp.To(q.Address).Count);

    private List<SendRecord> Records(string tag) => app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.Key.StartsWith(tag + ":")).ToList());
}

public sealed class RelayOutageFacts_OnSqlite(SqliteClockedEmailApp app) : RelayOutageFacts<SqliteClockedEmailApp>(app);

public sealed class RelayOutageFacts_OnPostgres(PostgresClockedEmailApp app) : RelayOutageFacts<PostgresClockedEmailApp>(app);
