using System.Net.Http.Json;
using Marketing.Access;
using Marketing.Nurture;
using Marketing.Sending;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Nurture;

/// <summary>
/// The journey end to end, on a clock the test moves: capture, double opt-in, an email step, two days'
/// wait, an SMS step, STOP, and nothing after it.
/// </summary>
public abstract class NurtureJourneyFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : JourneyApp
{
    [Fact]
    public async Task Capture_Confirm_Email_WaitTwoDays_Sms_Stop_ThenNoFurtherStep()
    {
        var journey = await EmailJourney.StartAsync(app);
        var scenario = journey.Scenario;
        var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var key = $"journey-{Guid.NewGuid():N}"[..20];
        (await marketer.PutAsJsonAsync($"/api/admin/sequences/{key}", new
        {
            trigger = new { type = "consent_confirmed", purpose = scenario.Newsletter },
            steps = new object[]
            {
                new { id = "welcome", type = "email", template = "welcome", purpose = scenario.Newsletter, next = "two-days" },
                new { id = "two-days", type = "wait", duration = "2d", next = "offer" },
                new { id = "offer", type = "sms", template = "sms-offer", purpose = scenario.Sms, next = "one-day" },
                new { id = "one-day", type = "wait", duration = "1d", next = "reminder" },
                new { id = "reminder", type = "sms", template = "sms-offer", purpose = scenario.Sms, next = "done" },
                new { id = "done", type = "exit" },
            },
        })).EnsureSuccessStatusCode();
        (await marketer.PostAsync($"/api/admin/sequences/{key}/publish", null)).EnsureSuccessStatusCode();

        // Capture: the newsletter by email (double opt-in) and offers by SMS (verified by a reply, R21).
        var email = EmailJourney.NewAddress("journey");
        await scenario.SubmitAsync(journey.Browser, email, [scenario.Newsletter, scenario.Sms]);
        var personId = journey.PersonId(email);
        var phone = app.InScope(db => db.People.Single(p => p.Id == personId).Phone!);
        (await journey.ConfirmAsync(EmailJourney.ConfirmationPath(await app.Smtp.WaitForAsync(email)))).EnsureSuccessStatusCode();
        (await app.ReplyAsync(phone, "OUI")).EnsureSuccessStatusCode();

        await app.RunNurtureAsync();
        await app.DispatchEmailAsync();
        await app.Smtp.WaitForAsync(email, count: 2);
        await app.DispatchSmsAsync();
        var smsBeforeWait = await SmsSettledToAsync(personId, phone); // the verification message only

        app.Clock.Advance(TimeSpan.FromHours(47));
        await app.RunNurtureAsync();
        await app.DispatchSmsAsync();
        var smsBeforeTwoDays = await SmsSettledToAsync(personId, phone);

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();
        await app.DispatchSmsAsync();
        await SmsSettledToAsync(personId, phone);
        var offer = app.Twilio.To(phone)[^1];

        var stop = await app.ReplyAsync(phone, " stop ");
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();
        await app.DispatchSmsAsync();

        Assert.Equal(1, smsBeforeWait);
        Assert.Equal(1, smsBeforeTwoDays);
        Assert.Contains("STOP", offer["Body"], StringComparison.Ordinal);
        Assert.True(stop.IsSuccessStatusCode);
        Assert.Equal(2, app.Twilio.To(phone).Count); // verification and offer: nothing after STOP
        Assert.Equal(2, app.Smtp.To(email).Count); // confirmation and welcome
        var enrolment = app.InScope(db => db.Enrolments.AsNoTracking().Single(e => e.PersonId == personId));
        Assert.Equal(EnrolmentStatuses.Exited, enrolment.Status);
        var records = app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.EnrolmentId == enrolment.Id).OrderBy(r => r.Key).ToList());
        Assert.Equal(["welcome", "offer", "reminder"], records.Select(r => r.Data["step"]).OrderBy(s => s == "welcome" ? 0 : s == "offer" ? 1 : 2));
        var reminder = records.Single(r => r.Data["step"] == "reminder");
        Assert.Equal(SendStatuses.Blocked, reminder.Status);
        Assert.Contains("suppressed", reminder.DecisionReason, StringComparison.Ordinal);
        Assert.Contains("'reminder' blocked by the send gate", enrolment.EndReason, StringComparison.Ordinal);
        Assert.All(records.Where(r => r.Data["step"] != "reminder"), r => Assert.Equal(SendStatuses.Sent, r.Status));
    }

    /// <summary>A form submission enrols; a reply to the SMS step, by its first word, chooses the branch.</summary>
    [Fact]
    public async Task FormSubmitted_Enrols_AndAReplyKeywordChoosesTheBranch()
    {
        var journey = await EmailJourney.StartAsync(app);
        var scenario = journey.Scenario;
        var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var key = $"replies-{Guid.NewGuid():N}"[..20];
        (await marketer.PutAsJsonAsync($"/api/admin/sequences/{key}", new
        {
            trigger = new { type = "form_submitted", form = scenario.Form },
            steps = new object[]
            {
                new { id = "first-day", type = "wait", duration = "1d", next = "offer" },
                new { id = "offer", type = "sms", template = "sms-offer", purpose = scenario.Sms, next = "hour" },
                new { id = "hour", type = "wait", duration = "1h", next = "answer" },
                new { id = "answer", type = "branch", condition = new { type = "replied", step = "offer", keyword = "INFO" }, then = "details", @else = "done" },
                new { id = "details", type = "email", template = "welcome", purpose = scenario.Newsletter, next = "done" },
                new { id = "done", type = "exit" },
            },
        })).EnsureSuccessStatusCode();
        (await marketer.PostAsync($"/api/admin/sequences/{key}/publish", null)).EnsureSuccessStatusCode();

        var curious = EmailJourney.NewAddress("curious");
        var quiet = EmailJourney.NewAddress("quiet");
        foreach (var email in new[] { curious, quiet })
        {
            await scenario.SubmitAsync(journey.Browser, email, [scenario.Newsletter, scenario.Sms]);
            (await journey.ConfirmAsync(EmailJourney.ConfirmationPath(await app.Smtp.WaitForAsync(email)))).EnsureSuccessStatusCode();
            (await app.ReplyAsync(Phone(journey.PersonId(email)), "YES")).EnsureSuccessStatusCode();
        }

        await app.RunNurtureAsync();
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();
        await app.DispatchSmsAsync();
        (await app.ReplyAsync(Phone(journey.PersonId(curious)), "info please")).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();

        string[] StepsOf(string email)
        {
            var person = journey.PersonId(email);
            return app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.PersonId == person && r.EnrolmentId != null).ToList()
                .Select(r => r.Data["step"]).Order(StringComparer.Ordinal).ToArray());
        }

        Assert.Equal(["details", "offer"], StepsOf(curious));
        Assert.Equal(["offer"], StepsOf(quiet));
        Assert.All(new[] { curious, quiet }, email => Assert.StartsWith("form:",
            app.InScope(db => db.Enrolments.AsNoTracking().Single(e => e.PersonId == journey.PersonId(email)).Trigger), StringComparison.Ordinal));
    }

    private string Phone(Guid personId) => app.InScope(db => db.People.Single(p => p.Id == personId).Phone!);

    /// <summary>
    /// The SMS Twilio received for the number once no pass holds one of the person's messages: the engine's own jobs run
    /// passes too, and one of them may be handing a message over while the test's pass found nothing left to claim.
    /// </summary>
    private async Task<int> SmsSettledToAsync(Guid personId, string phone)
    {
        await Eventually.ReturnsAsync(
            () => Task.FromResult(app.InScope(db => db.SendRecords.Count(r => r.PersonId == personId && r.Channel == "sms"
                && (r.Status == SendStatuses.Sending || r.Status == SendStatuses.HandingOver)))),
            holding => holding == 0, TimeSpan.FromSeconds(30));
        return app.Twilio.To(phone).Count;
    }
}

public sealed class NurtureJourneyFacts_OnSqlite(SqliteJourneyApp app) : NurtureJourneyFacts<SqliteJourneyApp>(app);

public sealed class NurtureJourneyFacts_OnPostgres(PostgresJourneyApp app) : NurtureJourneyFacts<PostgresJourneyApp>(app);
