using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Marketing.Consent;
using Marketing.Access;
using Marketing.Server.Channels.Email;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Compliance;

/// <summary>
/// Erasure that still proves (R38, R34, R15, invariant 8): a person captured by a form, confirmed, mailed, clicked and
/// texted is erased; then no table of the engine nor of the job storage holds their email, phone or name, the ledger
/// verifies, an erased event altered by hand is still caught, and the address is refused marketing until a fresh
/// confirmed consent.
/// </summary>
public abstract class ErasureFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : JourneyApp
{
    [Fact]
    public async Task Erasure_LeavesNoIdentifierInAnyTable_AndTheLedgerStillVerifies_AndTheAddressStaysRefused()
    {
        var journey = await EmailJourney.StartAsync(app);
        var scenario = journey.Scenario;
        var key = $"erase-{Guid.NewGuid():N}"[..20];
        (await journey.Marketer.PutAsJsonAsync($"/api/admin/sequences/{key}", new
        {
            trigger = new { type = "consent_confirmed", purpose = scenario.Newsletter },
            steps = new object[]
            {
                new { id = "welcome", type = "email", template = "welcome", purpose = scenario.Newsletter, next = "one-day" },
                new { id = "one-day", type = "wait", duration = "1d", next = "offer" },
                new { id = "offer", type = "sms", template = "sms-offer", purpose = scenario.Sms, next = "done" },
                new { id = "done", type = "exit" },
            },
        })).EnsureSuccessStatusCode();
        (await journey.Marketer.PostAsync($"/api/admin/sequences/{key}/publish", null)).EnsureSuccessStatusCode();

        // Captured by the form, confirmed by email and by SMS, mailed, clicked, texted.
        var email = $"Erasable.{Guid.NewGuid():N}@Example.COM";
        var name = $"Quillonette{Guid.NewGuid():N}"[..18];
        var body = await scenario.WidgetBodyAsync(journey.Browser, new { email, phone = CaptureScenario.RandomMobile(), first_name = name }, [scenario.Newsletter, scenario.Sms]);
        using (var submit = new HttpRequestMessage(HttpMethod.Post, scenario.SubmitPath) { Content = JsonContent.Create(body) })
        {
            (await journey.Browser.SendAsync(submit)).EnsureSuccessStatusCode();
        }

        var personId = journey.PersonId(email.ToLowerInvariant());
        var phone = app.InScope(db => db.People.Single(p => p.Id == personId).Phone!);
        (await journey.ConfirmAsync(EmailJourney.ConfirmationPath(await app.Smtp.WaitForAsync(email)))).EnsureSuccessStatusCode();
        await app.DispatchSmsAsync();
        (await app.ReplyAsync(phone, "OUI")).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();
        await app.DispatchEmailAsync();
        await app.Smtp.WaitForAsync(email, count: 2);
        var welcome = app.InScope(db => db.SendRecords.Single(r => r.PersonId == personId && r.Channel == "email" && r.MessageType == "marketing").Id);
        await app.SetClickConsentAsync(welcome, ConsentStatuses.Granted);
        var links = app.Services.GetRequiredService<EmailLinks>();
        using (var clicker = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await clicker.GetAsync(new Uri(links.Click(links.Token(welcome), "https://shop.example/offer")).PathAndQuery)).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunNurtureAsync();
        await app.DispatchSmsAsync();
        // Where identifiers may also stray: an audit detail naming the person, and a job argument (against the style, as a bug would).
        await app.InScopeAsync(db => RecordAudit.HandleAsync(db, app.Clock, "test", "note", null, $"called {email} about {phone}", CancellationToken.None));
        app.Services.GetRequiredService<IBackgroundJobClient>().Schedule(() => Stray(email.ToLowerInvariant(), phone), TimeSpan.FromDays(365));
        var needles = new[] { email, email.Split('@')[0], phone, phone[3..], name };

        // The journey happened: the scan below reads real rows.
        Assert.NotNull(app.InScope(db => db.SendRecords.Single(r => r.Id == welcome).ClickedAt));
        Assert.Equal(2, app.Twilio.To(phone).Count(r => r.ContainsKey("_sid")));
        Assert.Contains(await EveryTable.ReadAllAsync(app.Database), r => Holds(r.Row, needles));

        // A marketer may not erase; compliance may.
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.PostAsJsonAsync($"/api/admin/people/{personId}/erasure", new { ground = "consent_withdrawn" })).StatusCode);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var erased = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/erasure", new { ground = "consent_withdrawn" });
        erased.EnsureSuccessStatusCode();
        var report = await erased.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("none found", report.GetProperty("scanResult").GetString());
        Assert.True(report.GetProperty("scanClean").GetBoolean());
        var rows = await EveryTable.ReadAllAsync(app.Database);
        Assert.Contains(rows, r => r.Table.EndsWith(".people", StringComparison.Ordinal) && r.Row.Contains(personId.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rows, r => r.Table.EndsWith(".job", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(rows.Where(r => Holds(r.Row, needles)).Select(r => $"{r.Table}: {r.Row}"));
        Assert.Equal(1, app.InScope(db => db.Erasures.Count(x => x.PersonId == personId && x.ScanResult == "none found")));

        // The ledger verifies with the erased chain in it; an erased event changed by hand is still caught.
        Assert.True((await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify")).GetProperty("intact").GetBoolean());
        var first = app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Sequence).First());
        Assert.Equal("erased", first.Identifier);
        await app.InScopeAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE consent_events SET status = 'confirmed' WHERE id = {first.Id}"));
        try
        {
            var broken = await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify");
            Assert.False(broken.GetProperty("intact").GetBoolean());
            Assert.Equal(first.Id, broken.GetProperty("firstBreak").GetProperty("eventId").GetGuid());
        }
        finally
        {
            await app.InScopeAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE consent_events SET status = {first.Status} WHERE id = {first.Id}"));
        }

        Assert.True((await compliance.GetFromJsonAsync<JsonElement>("/api/admin/compliance/ledger/verify")).GetProperty("intact").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/erasure", new { ground = "consent_withdrawn" })).StatusCode);

        // The same address signs up again, in another case: refused marketing until its owner confirms a fresh consent (R34).
        var again = email.ToUpperInvariant().Replace("@EXAMPLE.COM", "@example.com", StringComparison.Ordinal);
        await scenario.SubmitAsync(journey.Browser, again, [scenario.Newsletter], "203.0.113.99");
        var newcomer = journey.PersonId(email.ToLowerInvariant());
        Assert.NotEqual(personId, newcomer);
        var before = await journey.QueueAsync(newcomer);
        await app.DispatchEmailAsync();
        var refused = await journey.SettledAsync(before);
        Assert.Equal("blocked", refused.GetProperty("status").GetString());
        Assert.Contains("erasure", refused.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await journey.ConfirmAsync(EmailJourney.ConfirmationPath(await app.Smtp.WaitForAsync(email, count: 3)))).EnsureSuccessStatusCode();
        var after = await journey.QueueAsync(newcomer);
        await app.DispatchEmailAsync();
        var sent = await journey.SettledAsync(after);
        Assert.True(sent.GetProperty("status").GetString() == "sent", sent.ToString());
    }

    [Fact]
    public async Task Erasure_RefusesAnUnknownGround_NamingTheField_AndChangesNothing()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("ground");
        await journey.SignUpAsync(email);
        var personId = journey.PersonId(email);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var response = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/erasure", new { ground = "because" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("ground", out _));
        Assert.Equal(email, app.InScope(db => db.People.Single(p => p.Id == personId).Email));
        Assert.Equal(HttpStatusCode.NotFound, (await compliance.PostAsJsonAsync($"/api/admin/people/{Guid.NewGuid()}/erasure", new { ground = "objection" })).StatusCode);
    }

    /// <summary>
    /// A legal hold keeps the held record in the restricted archive, with its ground, readable by the DPO only; the
    /// rest of the person goes as usual.
    /// </summary>
    [Fact]
    public async Task AHeldPurchase_IsKeptInTheRestrictedArchive_ForTheDpoOnly()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("held");
        await journey.SignUpAsync(email);
        var personId = journey.PersonId(email);
        (await journey.Marketer.PostAsJsonAsync($"/api/admin/people/{personId}/purchases",
            new { reference = "INV-2026-0042", category = "running-shoes", orderedAt = DateTimeOffset.UtcNow.AddDays(-3), optOutOffered = true })).EnsureSuccessStatusCode();
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);

        var badHold = await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/legal-holds", new { recordKind = "invoice", ground = "Code de commerce L123-22" });
        Assert.Equal(HttpStatusCode.BadRequest, badHold.StatusCode);
        (await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/legal-holds", new { recordKind = "purchase", ground = "Code de commerce L123-22: 10 years" })).EnsureSuccessStatusCode();
        var report = await (await compliance.PostAsJsonAsync($"/api/admin/people/{personId}/erasure", new { ground = "objection" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, report.GetProperty("held").GetInt32());
        Assert.Equal(0, app.InScope(db => db.Purchases.Count(p => p.PersonId == personId)));
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.GetAsync($"/api/admin/people/{personId}/restricted-records")).StatusCode);
        var archive = await dpo.GetFromJsonAsync<JsonElement>($"/api/admin/people/{personId}/restricted-records");
        var held = Assert.Single(archive.EnumerateArray());
        Assert.Equal("Code de commerce L123-22: 10 years", held.GetProperty("ground").GetString());
        Assert.Contains("INV-2026-0042", held.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A job that takes an address, as the style forbids: scheduled a year away, it never runs; the erasure must still reach it.</summary>
    public static void Stray(string address, string phone) => _ = (address, phone);

    private static bool Holds(string text, string[] needles) => needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
}

public sealed class ErasureFacts_OnSqlite(SqliteJourneyApp app) : ErasureFacts<SqliteJourneyApp>(app);

public sealed class ErasureFacts_OnPostgres(PostgresJourneyApp app) : ErasureFacts<PostgresJourneyApp>(app);
