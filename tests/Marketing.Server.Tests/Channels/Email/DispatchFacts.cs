using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Channels.Email;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Channels.Email;


public abstract class DispatchFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : EmailApp
{
    /// <summary>Invariant 3: passes running side by side (as on several nodes) claim disjoint rows, so each message leaves once.</summary>
    [Fact]
    public async Task PassesRunningSideBySide_SendEachMessageExactlyOnce()
    {
        var tag = $"dispatch-{Guid.NewGuid().ToString("N")[..8]}";
        var addresses = (await QueuedMessages.SeedAsync(app, ChannelKeys.Email, tag, 120, DateTimeOffset.UtcNow)).Select(q => q.Address).ToList();
        var dispatcher = app.Services.GetRequiredService<EmailDispatcher>();

        var reports = await Task.WhenAll(Enumerable.Range(0, 3).Select(async node =>
        {
            using var scope = app.Services.CreateScope();
            return await dispatcher.DispatchDueAsync(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), $"node-{node}", CancellationToken.None);
        }));
        // The engine's own passes (Hangfire) may have taken some too: wait until every record is settled.
        await Eventually.ReturnsAsync(
            () => Task.FromResult(app.InScope(db => db.SendRecords.Count(r => r.Key.StartsWith($"{tag}:") && r.Status != SendStatuses.Sent))),
            pending => pending == 0, TimeSpan.FromSeconds(30));

        var received = addresses.Select(a => app.Smtp.To(a).Count).ToList();
        Assert.All(received, count => Assert.Equal(1, count));
        Assert.True(reports.Sum(r => r.Sent) <= addresses.Count);
        Assert.Equal(addresses.Count, app.InScope(db => db.SendRecords.Count(r => r.Key.StartsWith($"{tag}:") && r.Status == SendStatuses.Sent && r.MessageId != null)));
    }

    [Fact]
    public async Task PreferenceCentre_WithdrawsOnePurposeOrEverything_WithLedgerEvents()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("prefs");
        var personId = await journey.SubscribedAsync(email);
        await journey.SettledAsync(await journey.QueueAsync(personId));
        var message = await app.Smtp.WaitForAsync(email, count: 2);
        var preferences = System.Text.RegularExpressions.Regex.Match(message.Message.HtmlBody ?? "", "href=\"https://localhost(/email/preferences/[A-Za-z0-9_-]+)\"").Groups[1].Value;

        var page = await journey.Browser.GetStringAsync(preferences);
        var one = await journey.Browser.PostAsync(preferences, new FormUrlEncodedContent([new("withdraw", journey.Scenario.Newsletter)]));
        var all = await journey.Browser.PostAsync(preferences, new FormUrlEncodedContent([new("all", "1")]));
        var blocked = await journey.SettledAsync(await journey.QueueAsync(personId));

        Assert.Contains($"value=\"{journey.Scenario.Newsletter}\"", page, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, all.StatusCode);
        var last = app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Sequence).ToList()[^1]);
        Assert.Equal(ConsentStatuses.Withdrawn, last.Status);
        Assert.Equal(ConsentMethods.PreferenceCentre, last.Method);
        Assert.Equal(1, app.InScope(db => db.Suppressions.Count(s => s.AddressHash == db.SendRecords.First(r => r.PersonId == personId && r.AddressHash != null).AddressHash
            && s.Scope == Marketing.Suppression.SuppressionEntry.AnyPurpose)));
        Assert.Equal("blocked", blocked.GetProperty("status").GetString());
    }
}

public sealed class DispatchFacts_OnSqlite(SqliteEmailApp app) : DispatchFacts<SqliteEmailApp>(app);

public sealed class DispatchFacts_OnPostgres(PostgresEmailApp app) : DispatchFacts<PostgresEmailApp>(app);
