using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Channels.Email;


/// <summary>
/// What a pass does with another node's claims once their lease ran out (invariant 3): messages never handed over
/// go out again at once; the one that was being handed over may have left, so it is written off, never sent twice.
/// </summary>
public abstract class TakeOverFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : ClockedEmailApp
{
    private const string DeadNode = "deadhost:4242";

    [Fact]
    public async Task ExpiredClaims_AreQueuedAgainAndSent_ExceptTheMessageBeingHandedOver()
    {
        var tag = $"takeover-{Guid.NewGuid().ToString("N")[..8]}";
        var now = app.Clock.Now;
        var queued = await QueuedMessages.SeedAsync(app, ChannelKeys.Email, tag, 5, now);
        using var counters = new SendingCounters(app);
        // A node that stopped a minute ago: four of its messages never went; the first was in the middle of its SMTP conversation.
        await ClaimAsync(tag, $"{DeadNode}:0123abcd", SendStatuses.Sending, leaseUntil: now.AddSeconds(-30), claimedAt: now.AddMinutes(-1));
        await app.InScopeAsync(db => db.SendRecords.Where(r => r.Id == queued[0].RecordId).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, SendStatuses.HandingOver)));

        var report = await app.DispatchEmailAsync();

        var records = Records(tag);
        Assert.Equal((SendStatuses.Interrupted, SendClaims.InterruptedNote), (records[queued[0].RecordId].Status, records[queued[0].RecordId].LastError));
        Assert.All(queued.Skip(1), q => Assert.Equal((SendStatuses.Sent, 2), (records[q.RecordId].Status, records[q.RecordId].Attempts)));
        Assert.Empty(app.Smtp.To(queued[0].Address));
        Assert.All(queued.Skip(1), q => Assert.Single(app.Smtp.To(q.Address)));
        Assert.Equal((4, 1, 4), (report.Requeued, report.Interrupted, report.Sent));
        Assert.Equal((4L, 1L, 4L), (counters["marketing.sending.requeued", "email"], counters["marketing.sending.interrupted", "email"], counters["marketing.sending.sent", "email"]));
        var logged = Assert.Single(app.Logs.Containing($"claims of node {DeadNode} expired"));
        Assert.Contains("4 messages queued again", logged.Message, StringComparison.Ordinal);
        Assert.Contains("1 interrupted", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimsWithALeaseStillRunning_AreLeftToTheirPass()
    {
        var tag = $"live-{Guid.NewGuid().ToString("N")[..8]}";
        var now = app.Clock.Now;
        var queued = await QueuedMessages.SeedAsync(app, ChannelKeys.Email, tag, 2, now);
        await ClaimAsync(tag, "livehost:1:0123abcd", SendStatuses.Sending, leaseUntil: now.AddSeconds(20), claimedAt: now.AddMinutes(-5));

        await app.DispatchEmailAsync();

        var records = Records(tag);
        await SetAsideAsync(tag);
        Assert.All(records.Values, r => Assert.Equal(SendStatuses.Sending, r.Status));
        Assert.All(queued, q => Assert.Empty(app.Smtp.To(q.Address)));
    }

    /// <summary>A claim made before leases existed cannot say whether its message was handed over: written off after ten minutes, as before.</summary>
    [Fact]
    public async Task ClaimsMadeBeforeLeases_AreWrittenOffAfterTenMinutes_AndNeverSent()
    {
        var tag = $"legacy-{Guid.NewGuid().ToString("N")[..8]}";
        var now = app.Clock.Now;
        var queued = await QueuedMessages.SeedAsync(app, ChannelKeys.Email, tag, 2, now);
        await ClaimAsync(tag, "oldhost:7:0123abcd", SendStatuses.Sending, leaseUntil: null, claimedAt: now.AddMinutes(-11));

        await app.DispatchEmailAsync();

        Assert.All(Records(tag).Values, r => Assert.Equal(SendStatuses.Interrupted, r.Status));
        Assert.All(queued, q => Assert.Empty(app.Smtp.To(q.Address)));
    }

    [Fact]
    public async Task AHandOver_IsRefused_OnceAnotherPassTookTheClaim_AndSettlingWritesWhatTheRelaySaid()
    {
        var tag = $"handover-{Guid.NewGuid().ToString("N")[..8]}";
        var now = app.Clock.Now;
        var queued = await QueuedMessages.SeedAsync(app, ChannelKeys.Email, tag, 2, now);
        await ClaimAsync(tag, "thishost:1:aaaa", SendStatuses.Sending, leaseUntil: now.AddSeconds(30), claimedAt: now);
        await app.InScopeAsync(db => db.SendRecords.Where(r => r.Id == queued[1].RecordId).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedBy, "otherhost:2:bbbb")));

        bool first, second;
        using (var scope = app.Services.CreateScope())
        await using (var keeper = ClaimKeeper.Open(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), app.Clock, TimeSpan.FromSeconds(30)))
        {
            keeper.Hold("thishost:1:aaaa");
            first = await keeper.HandOverAsync(null, queued[0].RecordId);
            var handingOver = Records(tag)[queued[0].RecordId].Status;
            second = await keeper.HandOverAsync(Settlement.Delivered(queued[0].RecordId, "first@acme.example"), queued[1].RecordId);
            Assert.Equal(SendStatuses.HandingOver, handingOver);
        }

        var records = Records(tag);
        await SetAsideAsync(tag);
        Assert.True(first);
        Assert.False(second);
        Assert.Equal((SendStatuses.Sent, "first@acme.example"), (records[queued[0].RecordId].Status, records[queued[0].RecordId].MessageId));
        Assert.Equal((SendStatuses.Sending, "otherhost:2:bbbb"), (records[queued[1].RecordId].Status, records[queued[1].RecordId].ClaimedBy));
    }

    [Fact]
    public async Task AClaimHeld_HasItsLeaseRenewedWhileThePassRuns()
    {
        var tag = $"renew-{Guid.NewGuid().ToString("N")[..8]}";
        var now = app.Clock.Now;
        var queued = await QueuedMessages.SeedAsync(app, ChannelKeys.Email, tag, 1, now);
        var granted = now.AddSeconds(3);
        await ClaimAsync(tag, "thishost:1:cccc", SendStatuses.Sending, leaseUntil: granted, claimedAt: now);

        DateTimeOffset? renewed;
        using (var scope = app.Services.CreateScope())
        await using (var keeper = ClaimKeeper.Open(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), app.Clock, TimeSpan.FromSeconds(3)))
        {
            keeper.Hold("thishost:1:cccc");
            renewed = await Eventually.ReturnsAsync(() => Task.FromResult(Records(tag)[queued[0].RecordId].LeaseUntil), lease => lease > granted, TimeSpan.FromSeconds(30));
        }

        await SetAsideAsync(tag);
        Assert.True(renewed > granted, $"lease still {renewed}");
    }

    /// <summary>Claims a test left held would be taken over by the next test's pass once their lease ran out: they are failed instead.</summary>
    private Task<int> SetAsideAsync(string tag) =>
        app.InScopeAsync(db => db.SendRecords.Where(r => r.Key.StartsWith(tag + ":")).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, SendStatuses.Failed)));

    private Task<int> ClaimAsync(string tag, string token, string status, DateTimeOffset? leaseUntil, DateTimeOffset claimedAt) =>
        app.InScopeAsync(db => db.SendRecords.Where(r => r.Key.StartsWith(tag + ":")).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, status).SetProperty(r => r.ClaimedBy, token).SetProperty(r => r.ClaimedAt, claimedAt)
            .SetProperty(r => r.LeaseUntil, leaseUntil).SetProperty(r => r.Attempts, 1)));

    private Dictionary<Guid, SendRecord> Records(string tag) =>
        app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.Key.StartsWith(tag + ":")).ToDictionary(r => r.Id));
}

public sealed class TakeOverFacts_OnSqlite(SqliteClockedEmailApp app) : TakeOverFacts<SqliteClockedEmailApp>(app);

public sealed class TakeOverFacts_OnPostgres(PostgresClockedEmailApp app) : TakeOverFacts<PostgresClockedEmailApp>(app);
