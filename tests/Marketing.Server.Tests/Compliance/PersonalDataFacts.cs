using System.Net.Http.Json;
using Hangfire;
using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketing.Server.Tests.Compliance;

/// <summary>
/// Personal data stays in the engine's own tables (invariant 8, and the style's "ids in, nothing personal in Hangfire"):
/// after a person's whole journey, neither Hangfire's storage nor anything the engine logged, at any level and from
/// any library, holds their email address or phone number.
/// </summary>
public abstract class PersonalDataFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : ObservedJourneyApp
{
    [Fact]
    public async Task AfterAJourney_NoJobRowNoLogAndNoExceptionHoldsTheAddressesUsed()
    {
        var journey = await EmailJourney.StartAsync(app);
        var scenario = journey.Scenario;
        var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var key = $"pii-{Guid.NewGuid():N}"[..20];
        (await marketer.PutAsJsonAsync($"/api/admin/sequences/{key}", new
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
        (await marketer.PostAsync($"/api/admin/sequences/{key}/publish", null)).EnsureSuccessStatusCode();

        // Capture with an email and a phone, the email in mixed case as people type them; the widget retries the same submission.
        var email = $"Pii.{Guid.NewGuid():N}@Example.COM";
        var typedPhone = CaptureScenario.RandomMobile();
        var body = await scenario.WidgetBodyAsync(journey.Browser, new { email, phone = typedPhone }, [scenario.Newsletter, scenario.Sms]);
        var first = await SubmitAsync(journey.Browser, scenario, body);
        var replay = await SubmitAsync(journey.Browser, scenario, body);
        var personId = journey.PersonId(email.ToLowerInvariant());
        var phone = app.InScope(db => db.People.Single(p => p.Id == personId).Phone!);
        (await journey.ConfirmAsync(EmailJourney.ConfirmationPath(await app.Smtp.WaitForAsync(email)))).EnsureSuccessStatusCode();
        await app.DispatchSmsAsync();
        (await app.ReplyAsync(phone, "OUI")).EnsureSuccessStatusCode();

        // The welcome email: first refused by a relay that repeats the address, as relays do, then accepted.
        app.Smtp.Reject = to => to.Equals(email, StringComparison.OrdinalIgnoreCase)
            ? new SmtpServer.Protocol.SmtpResponse((SmtpServer.Protocol.SmtpReplyCode)451, $"4.2.0 <{to}>: mailbox busy, try again later") : null;
        await app.RunNurtureAsync();
        await app.DispatchEmailAsync();
        app.Smtp.Reject = null;
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.DispatchEmailAsync();
        var welcome = await app.Smtp.WaitForAsync(email, count: 2);

        // The SMS offer a day later: Twilio fails once, then takes it.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunNurtureAsync();
        app.Twilio.FailNext(1, 500);
        await app.DispatchSmsAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.DispatchSmsAsync();

        // An unsubscribe from the email, and STOP by text.
        var unsubscribe = EmailJourney.PathOf((welcome.Message.Headers[MimeKit.HeaderId.ListUnsubscribe] ?? "").Split('>')[0].TrimStart('<'));
        (await journey.Browser.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).EnsureSuccessStatusCode();
        (await app.ReplyAsync(phone, "STOP")).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();
        await app.DispatchEmailAsync();
        await app.DispatchSmsAsync();

        var rows = await HangfireTables.ReadAllAsync(app.Database);
        var logs = app.Logs.Entries;
        var needles = Needles(email, phone);

        // The journey happened, and the scans read real storage and real logs.
        Assert.Equal(first, replay);
        Assert.Equal("+33" + typedPhone[1..], phone);
        Assert.Equal(2, app.Smtp.To(email).Count);
        Assert.Equal(2, app.Twilio.To(phone).Count(r => r.ContainsKey("_sid")));
        Assert.Equal(1, app.Twilio.To(phone).Count(r => r.ContainsKey("_status")));
        Assert.Contains(app.InScope(db => db.SendRecords.Where(r => r.PersonId == personId).Select(r => r.LastError).ToList()),
            error => error?.Contains("451", StringComparison.Ordinal) == true);
        Assert.Contains("job", HangfireTables.Tables(rows));
        Assert.Contains("state", HangfireTables.Tables(rows));
        Assert.Contains("server", HangfireTables.Tables(rows));
        Assert.Contains(logs, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        Assert.Contains(logs, e => e.Category.StartsWith("Hangfire", StringComparison.Ordinal));
        Assert.Contains(logs, e => e.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
        Assert.Empty(rows.Where(r => Holds(r.Row, needles)).Select(r => $"{r.Table}: {r.Row}"));
        Assert.Empty(logs.Where(e => Holds(e.Text, needles)).Select(e => e.ToString()));
    }

    private static async Task<string> SubmitAsync(HttpClient browser, CaptureScenario scenario, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.SubmitPath) { Content = JsonContent.Create(body) };
        request.Headers.Add(TestEndpoints.ClientAddressHeader, "203.0.113.44");
        var response = await browser.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The scans can fail: an address put into a job argument and into a log line is found.</summary>
    [Fact]
    public async Task TheScans_FindAnAddress_InAJobArgument_AndInALogLine()
    {
        var email = $"Canary.{Guid.NewGuid():N}@Example.com";
        var phone = "+33612345678";
        app.Services.GetRequiredService<IBackgroundJobClient>().Schedule(() => Canary(email.ToLowerInvariant()), TimeSpan.FromDays(365));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Marketing.Canary");
        if (logger.IsEnabled(LogLevel.Trace))
        {
            logger.LogTrace("texting {Number}", "06 12 34 56 78");
        }

        var rows = await HangfireTables.ReadAllAsync(app.Database);

        Assert.Contains(rows, r => Holds(r.Row, Needles(email, phone)));
        Assert.Contains(app.Logs.Entries, e => Holds(e.Text, Needles(email, phone)));
    }

    /// <summary>A job that would take an address, as the style forbids; scheduled a year away, it never runs.</summary>
    public static void Canary(string address) => _ = address;

    /// <summary>
    /// The ways an address shows up in text: the email as typed, its local part alone (a URL encodes the @), in any case;
    /// the number in E.164, its national digits with or without the leading 0, and written in pairs.
    /// </summary>
    private static string[] Needles(string email, string e164)
    {
        var national = e164[3..];
        var pairs = string.Join(' ', Enumerable.Range(0, 4).Select(i => national.Substring(1 + (i * 2), 2)));
        return [email, email.Split('@')[0], e164, national, $"0{national[0]} {pairs}", $"+33 {national[0]} {pairs}"];
    }

    private static bool Holds(string text, string[] needles) => needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
}

public sealed class PersonalDataFacts_OnSqlite(SqliteObservedJourneyApp app) : PersonalDataFacts<SqliteObservedJourneyApp>(app);

public sealed class PersonalDataFacts_OnPostgres(PostgresObservedJourneyApp app) : PersonalDataFacts<PostgresObservedJourneyApp>(app);
