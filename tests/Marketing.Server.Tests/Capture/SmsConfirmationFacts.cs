using System.Net;
using System.Net.Http.Json;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Capture;

/// <summary>
/// Invariant 7 through the SMS channel: a YES from a number confirms its consent, and applies a sign-up's values only
/// when that number's person made the sign-up alone (every identifier theirs) and one sign-up awaited the reply.
/// </summary>
public abstract class SmsConfirmationFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : SmsApp
{
    [Fact]
    public async Task YesFromTheNumber_AppliesTheValuesOfTheSignUpItAnswers()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var (email, phone) = await SignUpAsync(scenario, browser, "Sam");

        var again = await browser.PostAsJsonAsync(scenario.SubmitPath,
            await scenario.WidgetBodyAsync(browser, new { email, phone, first_name = "Samuel" }, [scenario.Sms]));
        var before = FirstName(phone);
        await app.DispatchSmsAsync();
        (await app.WebhookAsync("/api/sms/inbound", SmsApp.InboundForm(phone, "YES"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("Sam", before);
        Assert.Equal("Samuel", FirstName(phone));
    }

    [Fact]
    public async Task YesFromTheNumber_ToASignUpThatNamedAnotherEmail_ConfirmsTheConsent_AndChangesNothingElse()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = CaptureScenario.Browser(app);
        var (_, phone) = await SignUpAsync(scenario, browser, "Sam");
        var attacker = $"mallory.{Guid.NewGuid():N}@example.com";

        var attack = await browser.PostAsJsonAsync(scenario.SubmitPath,
            await scenario.WidgetBodyAsync(browser, new { email = attacker, phone, first_name = "Mallory" }, [scenario.Sms]));
        await app.DispatchSmsAsync();
        (await app.WebhookAsync("/api/sms/inbound", SmsApp.InboundForm(phone, "YES"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Created, attack.StatusCode);
        Assert.All(app.Twilio.To(phone), sms => Assert.DoesNotContain("Mallory", sms["Body"], StringComparison.Ordinal));
        Assert.Equal("Sam", FirstName(phone));
        Assert.Null(app.InScope(db => db.People.AsNoTracking().Single(p => p.Email == attacker).Phone));
        Assert.Equal("confirmed", app.InScope(db => db.ConsentStates.AsNoTracking()
            .Single(s => s.Channel == "sms" && db.People.Any(p => p.Id == s.PersonId && p.Phone == phone)).Status));
    }

    private async Task<(string Email, string Phone)> SignUpAsync(CaptureScenario scenario, HttpClient browser, string firstName)
    {
        var email = $"sam.{Guid.NewGuid():N}@example.com";
        var mobile = CaptureScenario.RandomMobile();
        (await browser.PostAsJsonAsync(scenario.SubmitPath, await scenario.WidgetBodyAsync(browser, new { email, phone = mobile, first_name = firstName }))).EnsureSuccessStatusCode();
        return (email, app.InScope(db => db.People.AsNoTracking().Single(p => p.Email == email).Phone!));
    }

    private string? FirstName(string phone) =>
        app.InScope(db => db.People.AsNoTracking().Single(p => p.Phone == phone).Attributes.GetValueOrDefault("first_name"));
}

public sealed class SmsConfirmationFacts_OnSqlite(SqliteSmsApp app) : SmsConfirmationFacts<SqliteSmsApp>(app);

public sealed class SmsConfirmationFacts_OnPostgres(PostgresSmsApp app) : SmsConfirmationFacts<PostgresSmsApp>(app);
