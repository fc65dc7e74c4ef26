using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Consent;
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
        await app.SetClickConsentAsync(welcome, ConsentStatuses.Granted);
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
        using (var reader = await app.ClientAsAsync(ApiKeyRole.Compliance))
        {
            var view = await reader.GetFromJsonAsync<JsonElement>($"/api/admin/people/{inactiveId}");
            Assert.Equal(Person(inactiveId).RetentionExpiringAt!.Value.UtcDateTime.Date, view.GetProperty("retentionExpiringAt").GetDateTimeOffset().UtcDateTime.Date);
        }

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
        Assert.Null(Person(inactiveId).RetentionExpiringAt);
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

    [Fact]
    public async Task ClickInTheRepermissionMessage_KeepsThePerson_AndAnArchivePurposeRestrictsInsteadOfErasing()
    {
        var journey = await EmailJourney.StartAsync(app);
        var purpose = await journey.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/purposes/{journey.Scenario.Newsletter}");
        var archive = await journey.Scenario.Admin.PutAsJsonAsync($"/api/admin/purposes/{journey.Scenario.Newsletter}", new
        {
            names = purpose.GetProperty("names"), channels = purpose.GetProperty("channels"), bases = purpose.GetProperty("bases"),
            retentionDays = purpose.GetProperty("retentionDays").GetInt32(), retentionPolicy = "archive",
        });
        var wrong = await journey.Scenario.Admin.PutAsJsonAsync($"/api/admin/purposes/{journey.Scenario.Newsletter}", new
        {
            names = purpose.GetProperty("names"), channels = purpose.GetProperty("channels"), bases = purpose.GetProperty("bases"),
            retentionDays = 30, retentionPolicy = "shred",
        });
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.Equal("archive", (await archive.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retentionPolicy").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("retentionPolicy", out _));

        var answering = await journey.SubscribedAsync(EmailJourney.NewAddress("answering"));
        var silent = await journey.SubscribedAsync(EmailJourney.NewAddress("silent"));
        var start = app.InScope(db => db.People.AsNoTracking().Single(p => p.Id == silent).CreatedAt);
        app.Clock.Advance(start.AddMonths(36).AddDays(1) - app.Clock.GetUtcNow());
        await RunJobAsync();
        await app.DispatchEmailAsync();
        var message = app.InScope(db => db.SendRecords.AsNoTracking().Single(r => r.PersonId == answering && r.TemplateKey == "retention-repermission"));
        Assert.Equal(SendStatuses.Sent, message.Status);

        // The answer: a click on a link of the re-permission message, ten days later.
        app.Clock.Advance(TimeSpan.FromDays(10));
        await app.SetClickConsentAsync(message.Id, ConsentStatuses.Granted);
        var links = app.Services.GetRequiredService<EmailLinks>();
        using (var clicker = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await clicker.GetAsync(new Uri(links.Click(links.Token(message.Id), "https://shop.example/stay")).PathAndQuery)).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromDays(21));
        await RunJobAsync();

        Assert.Equal((null, null, null), (Person(answering).RetentionExpiringAt, Person(answering).ErasedAt, Person(answering).RestrictedAt));
        var archived = Person(silent);
        Assert.Null(archived.ErasedAt);
        Assert.NotNull(archived.Email);
        Assert.NotNull(archived.RestrictedAt);
        Assert.Equal(ApplyRetention.ArchiveReason, archived.RestrictionReason);
        Assert.False(app.InScope(db => db.Erasures.Any(e => e.PersonId == silent)));
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
