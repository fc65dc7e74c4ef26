using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Hosting;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Suppression;

/// <summary>
/// The engine with thresholds small enough to cross with a handful of messages, and confirmations leaving from a
/// domain of their own, so that the marketing domain's rate counts marketing only.
/// </summary>
public abstract class HygieneApp(Data.DatabaseProvider provider) : EmailApp(provider)
{
    public const string MarketingDomain = "acme.example";

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Marketing__Email__TransactionalFrom"] = "Acme <hello@mail.acme.example>",
        ["Marketing__Email__Hygiene__WarnRate"] = "0.1",
        ["Marketing__Email__Hygiene__PauseRate"] = "0.3",
        ["Marketing__Email__Hygiene__MinimumVolume"] = "5",
        ["Marketing__Email__Hygiene__SoftBounceLimit"] = "2",
    };
}

public sealed class SqliteHygieneApp() : HygieneApp(Data.DatabaseProvider.Sqlite);

public sealed class PostgresHygieneApp() : HygieneApp(Data.DatabaseProvider.Postgres);

public abstract class ListHygieneFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : HygieneApp
{
    [Fact]
    public async Task ComplaintRate_WarnsThenPausesMarketing_WhileConfirmationsStillLeave_UntilAnAdminAcknowledges()
    {
        var journey = await EmailJourney.StartAsync(app);
        var people = new List<(string Email, Guid Id, string MessageId)>();
        for (var i = 0; i < 5; i++)
        {
            var email = EmailJourney.NewAddress($"rate{i}");
            var id = await journey.SubscribedAsync(email);
            var welcome = await journey.SettledAsync(await journey.QueueAsync(id));
            Assert.Equal("sent", welcome.GetProperty("status").GetString());
            people.Add((email, id, welcome.GetProperty("messageId").GetString()!));
        }

        using var provider = app.CreateClient();
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        // 1 complaint over 5 marketing messages: 20 %, over the warning rate, under the pause rate.
        (await provider.SendAsync(Complaint(people[0].Email, people[0].MessageId))).EnsureSuccessStatusCode();
        var warned = await DomainAsync(journey.Marketer);
        var stillSent = await journey.SettledAsync(await journey.QueueAsync(people[1].Id));

        // 2 over 6: 33 %, over the pause rate.
        (await provider.SendAsync(Complaint(people[2].Email, people[2].MessageId))).EnsureSuccessStatusCode();
        var paused = await DomainAsync(journey.Marketer);
        var receivedBefore = app.Smtp.To(people[3].Email).Count;
        var held = await journey.QueueAsync(people[3].Id);
        await app.DispatchEmailAsync();
        var heldRecord = await Eventually.ReturnsAsync(
            async () => await journey.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/sends/{held.GetProperty("id").GetString()}"),
            r => r.GetProperty("decision").GetString() == "deferred", TimeSpan.FromSeconds(30));
        var receivedWhilePaused = app.Smtp.To(people[3].Email).Count;
        var newcomer = EmailJourney.NewAddress("newcomer");
        await journey.SignUpAsync(newcomer);
        var confirmation = await app.Smtp.WaitForAsync(newcomer);

        var byMarketer = await journey.Marketer.PostAsJsonAsync("/api/admin/email/complaint-rate/acknowledge", new { note = "list checked" });
        var withoutNote = await admin.PostAsJsonAsync("/api/admin/email/complaint-rate/acknowledge", new { domain = MarketingDomain });
        var longNote = await admin.PostAsJsonAsync("/api/admin/email/complaint-rate/acknowledge", new { domain = MarketingDomain, note = new string('x', 501) });
        var acknowledged = await admin.PostAsJsonAsync("/api/admin/email/complaint-rate/acknowledge",
            new { domain = MarketingDomain, note = "bought list found and removed" });
        var released = await journey.SettledAsync(held);
        var again = await admin.PostAsJsonAsync("/api/admin/email/complaint-rate/acknowledge", new { note = "again" });
        var afterwards = await DomainAsync(journey.Marketer);

        Assert.Equal("warning", warned.GetProperty("state").GetString());
        Assert.Equal(1, warned.GetProperty("last24Hours").GetProperty("complaints").GetInt32());
        Assert.Equal(5, warned.GetProperty("last24Hours").GetProperty("sent").GetInt32());
        Assert.Equal("sent", stillSent.GetProperty("status").GetString());
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Equal(2, paused.GetProperty("pause").GetProperty("complaints").GetInt32());
        Assert.Equal(6, paused.GetProperty("pause").GetProperty("sent").GetInt32());
        Assert.Equal(2, paused.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("complaints").GetInt32()));
        Assert.Equal("queued", heldRecord.GetProperty("status").GetString());
        Assert.StartsWith($"marketing email paused on {MarketingDomain}", heldRecord.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(receivedBefore, receivedWhilePaused);
        Assert.Contains("mail.acme.example", confirmation.Message.From.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byMarketer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutNote.StatusCode);
        Assert.Contains("note", await withoutNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, longNote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.True((await acknowledged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("released").GetInt32() >= 1);
        Assert.Equal("sent", released.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.NotEqual("paused", afterwards.GetProperty("state").GetString());
        var audit = app.InScope(db => db.AuditEntries.Where(a => a.Target == MarketingDomain).Select(a => a.Action).ToList());
        Assert.Contains(ListHygiene.WarningAction, audit);
        Assert.Contains(ListHygiene.PausedAction, audit);
        Assert.Contains(ListHygiene.AcknowledgedAction, audit);
    }

    [Fact]
    public async Task SoftBounces_SuppressAtTheLimit_AndTheSameReportTwiceCountsOnce()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("full");
        var id = await journey.SubscribedAsync(email);
        // The confirmation's bounce: sending no marketing here keeps the other test's complaint rate exact.
        var confirmationId = app.Smtp.To(email).Single().Message.MessageId!;
        var dsn = new StringContent(ProviderReports.Dsn(email, confirmationId, status: "4.2.2"), Encoding.ASCII, "message/rfc822");
        using var provider = app.CreateClient();

        var first = await (await provider.SendAsync(ProviderReports.Events(dsn))).Content.ReadFromJsonAsync<JsonElement>();
        var replayed = await (await provider.SendAsync(ProviderReports.Events(new StringContent(await dsn.ReadAsStringAsync(), Encoding.ASCII, "message/rfc822"))))
            .Content.ReadFromJsonAsync<JsonElement>();
        var beforeLimit = app.InScope(db => db.Suppressions.Count(s => s.Reason == SuppressionReasons.SoftBounces));
        var second = await (await provider.SendAsync(ProviderReports.Events(JsonContent.Create(new { events = new[] { new { type = "soft_bounce", recipient = email } } }))))
            .Content.ReadFromJsonAsync<JsonElement>();
        var next = await journey.SettledAsync(await journey.QueueAsync(id));

        Assert.Equal(1, first.GetProperty("noted").GetInt32());
        Assert.Equal(1, replayed.GetProperty("repeated").GetInt32());
        Assert.Equal(0, replayed.GetProperty("suppressed").GetInt32());
        Assert.Equal(1, second.GetProperty("suppressed").GetInt32());
        Assert.Equal(beforeLimit + 1, app.InScope(db => db.Suppressions.Count(s => s.Reason == SuppressionReasons.SoftBounces)));
        Assert.Equal("blocked", next.GetProperty("status").GetString());
        Assert.StartsWith("suppressed: soft_bounces", next.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The mailbox job applies its reports one message at a time on one context, as here: each soft bounce counts once.</summary>
    [Fact]
    public async Task SoftBounces_AppliedOneByOneOnOneContext_AreCountedOnce()
    {
        var hygiene = new ListHygiene(new HygieneRules(0.1, 0.3, 5, 3, TimeSpan.FromDays(30)), MarketingDomain, "mail.acme.example");
        var hasher = app.Services.GetRequiredService<AddressHasher>();
        var address = EmailJourney.NewAddress("mailbox");
        var hash = hasher.HashNormalized(address);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Marketing.Data.MarketingDbContext>();
        var outcomes = new List<DeliveryReports.Outcome>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await DeliveryReports.ApplyAsync(db, hasher, hygiene, TimeProvider.System,
                [new DeliveryEvent(DeliveryEventKinds.SoftBounce, address, $"<m{i}.{Guid.NewGuid():N}@acme.example>")], "report_mailbox", CancellationToken.None));
        }

        Assert.Equal([0, 0, 1], outcomes.Select(o => o.Suppressed));
        Assert.Equal(1, app.InScope(d => d.Suppressions.Count(s => s.AddressHash == hash && s.Reason == SuppressionReasons.SoftBounces)));
    }

    [Fact]
    public async Task Reports_ArePurgedAfterTheirRetention_AndRecentOnesStay()
    {
        var old = NewFeedback(DateTimeOffset.UtcNow.AddDays(-91));
        var recent = NewFeedback(DateTimeOffset.UtcNow.AddDays(-89));
        await app.InScopeAsync(async db =>
        {
            db.DeliveryFeedback.AddRange(old, recent);
            await db.SaveChangesAsync();
        });

        using var scope = app.Services.CreateScope();
        var purged = await ActivatorUtilities.CreateInstance<Marketing.Server.Suppression.PurgeFeedbackJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);

        Assert.True(purged >= 1);
        Assert.False(app.InScope(db => db.DeliveryFeedback.Any(f => f.Id == old.Id)));
        Assert.True(app.InScope(db => db.DeliveryFeedback.Any(f => f.Id == recent.Id)));
    }

    private static DeliveryFeedback NewFeedback(DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(), Kind = DeliveryEventKinds.SoftBounce, AddressHash = new string('a', 64), MessageId = $"{Guid.NewGuid():N}@acme.example",
        SendingDomain = MarketingDomain, ReceivedAt = at, Source = "test",
    };

    private static async Task<JsonElement> DomainAsync(HttpClient marketer)
    {
        var report = await marketer.GetFromJsonAsync<JsonElement>("/api/admin/email/complaint-rate?days=2");
        return report.GetProperty("domains").EnumerateArray().Single(d => d.GetProperty("domain").GetString() == MarketingDomain);
    }

    private static HttpRequestMessage Complaint(string recipient, string messageId) =>
        ProviderReports.Events(JsonContent.Create(new { events = new[] { new { type = "complaint", recipient, messageId } } }));

    private const string MarketingDomain = HygieneApp.MarketingDomain;
}

public sealed class ListHygieneFacts_OnSqlite(SqliteHygieneApp app) : ListHygieneFacts<SqliteHygieneApp>(app);

public sealed class ListHygieneFacts_OnPostgres(PostgresHygieneApp app) : ListHygieneFacts<PostgresHygieneApp>(app);

public sealed class HygieneSettingsFacts
{
    [Theory]
    [InlineData("Marketing:Email:Hygiene:PauseRate", "0.0005", "Marketing:Email:Hygiene:PauseRate")]
    [InlineData("Marketing:Email:Hygiene:WarnRate", "2", "Marketing:Email:Hygiene:WarnRate")]
    [InlineData("Marketing:Email:Hygiene:SoftBounceLimit", "0", "Marketing:Email:Hygiene:SoftBounceLimit")]
    public void BadHygieneSettings_StopTheStart_NamingTheSetting(string key, string value, string named)
    {
        var error = Assert.Throws<StartupException>(() =>
            ResolvedSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build(), Path.GetTempPath()));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
