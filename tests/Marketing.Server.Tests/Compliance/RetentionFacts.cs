using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Compliance;
using Marketing.Sending;
using Marketing.Server.Channels.Email;
using Marketing.Server.Compliance;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Compliance;

/// <summary>
/// The prospect rule on a clock moved three years (R19, R40): an inactive prospect gets one re-permission message and
/// is erased when the answer days pass without an answer; one who clicked meanwhile is kept. Each pass is the daily job.
/// </summary>
public abstract class RetentionFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : NurtureApp
{
    [Fact]
    public async Task InactiveProspect_GetsOneRepermissionMessage_AndIsErasedAfterTheAnswerDays_WhileAClickingOneIsKept()
    {
        var journey = await EmailJourney.StartAsync(app);
        var inactive = EmailJourney.NewAddress("inactive");
        var clicking = EmailJourney.NewAddress("clicking");
        var inactiveId = await journey.SubscribedAsync(inactive);
        var clickingId = await journey.SubscribedAsync(clicking);
        var start = app.InScope(db => db.People.AsNoTracking().Single(p => p.Id == inactiveId).CreatedAt);
        var welcome = (await journey.QueueAsync(clickingId)).GetProperty("id").GetGuid();
        await app.DispatchEmailAsync();
        await app.Smtp.WaitForAsync(clicking, count: 2);

        // The clicking prospect follows a link of the welcome message 1,000 days later.
        app.Clock.Advance(TimeSpan.FromDays(1000));
        var links = app.Services.GetRequiredService<EmailLinks>();
        using (var clicker = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await clicker.GetAsync(new Uri(links.Click(links.Token(welcome), "https://shop.example/offer")).PathAndQuery)).StatusCode);
        }

        Assert.NotNull(app.InScope(db => db.SendRecords.AsNoTracking().Single(r => r.Id == welcome).ClickedAt));

        // Three years and a day after the sign-up: the inactive one enters retention_expiring with one message; run twice, still one.
        app.Clock.Advance(start.AddMonths(36).AddDays(1) - app.Clock.GetUtcNow());
        var first = await RunJobAsync();
        var again = await RunJobAsync();
        await app.DispatchEmailAsync();
        await app.DispatchEmailAsync();

        Assert.True(first.Expiring >= 1 && first.Repermissions >= 1, first.ToString());
        Assert.Equal(0, again.Expiring + again.Repermissions);
        Assert.NotNull(Person(inactiveId).RetentionExpiringAt);
        Assert.Null(Person(clickingId).RetentionExpiringAt);
        var repermission = app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.PersonId == inactiveId && r.TemplateKey == "retention-repermission").ToList());
        Assert.Equal(new[] { SendStatuses.Sent }, repermission.Select(r => r.Status));
        Assert.Equal("marketing", repermission[0].MessageType);
        await app.Smtp.WaitForAsync(inactive, count: 2);
        Assert.Equal(2, app.Smtp.To(inactive).Count); // the confirmation three years ago, and the re-permission message
        Assert.Empty(app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.PersonId == clickingId && r.TemplateKey == "retention-repermission").ToList()));

        // No answer: still kept on day 29, erased once the 30 days have passed.
        app.Clock.Advance(TimeSpan.FromDays(29));
        await RunJobAsync();
        Assert.Null(Person(inactiveId).ErasedAt);
        app.Clock.Advance(TimeSpan.FromDays(2));
        var due = await RunJobAsync();

        Assert.True(due.Erased >= 1, due.ToString());
        Assert.NotNull(Person(inactiveId).ErasedAt);
        Assert.Null(Person(inactiveId).Email);
        var erasure = app.InScope(db => db.Erasures.AsNoTracking().Single(e => e.PersonId == inactiveId));
        Assert.Equal((ErasureGrounds.RetentionExpired, ApplyRetention.Actor, "none found"), (erasure.Ground, erasure.Actor, erasure.ScanResult));
        var audit = app.InScope(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == ApplyRetention.Action).Select(a => a.Detail).ToList());
        Assert.Contains(audit, d => d != null && d.Contains("erased=", StringComparison.Ordinal) && !d.Contains("erased=0", StringComparison.Ordinal));

        // The clicking one is kept, untouched; the ledger verifies with the erased chain in it.
        Assert.Null(Person(clickingId).ErasedAt);
        Assert.Null(Person(clickingId).RetentionExpiringAt);
        Assert.Equal(clicking, Person(clickingId).Email);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        Assert.True((await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify")).GetProperty("intact").GetBoolean());
    }

    private global::Marketing.Leads.Person Person(Guid id) => app.InScope(db => db.People.AsNoTracking().Single(p => p.Id == id));

    private async Task<ApplyRetention.Report> RunJobAsync()
    {
        using var scope = app.Services.CreateScope();
        return await ActivatorUtilities.CreateInstance<ApplyRetentionJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}

public sealed class RetentionFacts_OnSqlite(SqliteNurtureApp app) : RetentionFacts<SqliteNurtureApp>(app);

public sealed class RetentionFacts_OnPostgres(PostgresNurtureApp app) : RetentionFacts<PostgresNurtureApp>(app);
