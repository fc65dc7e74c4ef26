using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Leads;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Capture;

/// <summary>
/// Invariant 7: an unconfirmed submission never changes a person it did not create. The two attacks reported on
/// the security review (another person's phone number; a confirmed subscriber's address with other values), literally, and the
/// other ways a submission's identifiers can meet stored people.
/// </summary>
public abstract class IdentityFacts<TApp>(TApp app) : IClassFixture<TApp>, IDisposable where TApp : EmailApp
{
    private HttpClient Browser { get; } = CaptureScenario.Browser(app);

    public void Dispose()
    {
        Browser.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Submit_NeverChangesAnotherPerson_WhenPhoneBelongsToThem()
    {
        var journey = await EmailJourney.StartAsync(app);
        var victim = await SignUpAsync(journey, EmailJourney.NewAddress("victim"), "0611" + Random.Shared.Next(100_000, 999_999), "Valérie", confirm: false);
        var attacker = EmailJourney.NewAddress("attacker");

        var response = await Browser.PostAsJsonAsync(journey.Scenario.SubmitPath, await journey.Scenario.WidgetBodyAsync(journey.Browser,
            new { email = attacker, phone = victim.Phone, first_name = "Mallory" }, [journey.Scenario.Newsletter]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        AssertUnchanged(victim);
        Assert.DoesNotContain(app.InScope(db => db.ConsentEvents.Where(e => e.PersonId == victim.Id).ToList()), e => e.Identifier == attacker);
        // The submitter's own address is not dropped: it is a person of its own, greeted with what was typed for it.
        var own = app.InScope(db => db.People.AsNoTracking().Single(p => p.Email == attacker));
        Assert.Equal("Mallory", own.Attributes["first_name"]);
        Assert.Null(own.Phone);
        Assert.Contains("Mallory", (await app.Smtp.WaitForAsync(attacker)).Message.HtmlBody, StringComparison.Ordinal);
        Assert.All(app.Smtp.To(victim.Email!), m => Assert.DoesNotContain("Mallory", m.Message.HtmlBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_NeverChangesAConfirmedSubscriber_WhenTheirEmailIsPostedWithOtherValues()
    {
        var journey = await EmailJourney.StartAsync(app);
        var victim = await SignUpAsync(journey, EmailJourney.NewAddress("subscriber"), "0622" + Random.Shared.Next(100_000, 999_999), "Valérie", confirm: true);
        var b2b = await PublishB2bFormAsync(journey.Scenario);
        using var noScript = CaptureScenario.Browser(app, followRedirects: false);

        var nothingTicked = await noScript.PostAsync(b2b, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = victim.Email!, ["first_name"] = "Mallory", ["country"] = "US", ["phone"] = "0699" + Random.Shared.Next(100_000, 999_999),
            ["_time_zone"] = "America/New_York", ["_locale"] = "fr",
        }));
        var ticked = await Browser.PostAsJsonAsync(journey.Scenario.SubmitPath, await journey.Scenario.WidgetBodyAsync(journey.Browser,
            new { email = victim.Email, first_name = "Mallory" }, [journey.Scenario.Newsletter],
            context: new { timeZone = "Pacific/Auckland", locale = "fr", pageUrl = $"{CaptureScenario.Origin}/signup" }));

        Assert.True(nothingTicked.IsSuccessStatusCode, await nothingTicked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, ticked.StatusCode);
        AssertUnchanged(victim);
        Assert.Single(app.Smtp.To(victim.Email!));
    }

    [Fact]
    public async Task Submit_WithTheEmailOfOnePersonAndThePhoneOfAnother_ChangesNeither_AndIsHeldForReview()
    {
        var journey = await EmailJourney.StartAsync(app);
        var alice = await SignUpAsync(journey, EmailJourney.NewAddress("alice"), "0633" + Random.Shared.Next(100_000, 999_999), "Alice", confirm: true);
        var bob = await SignUpAsync(journey, EmailJourney.NewAddress("bob"), "0644" + Random.Shared.Next(100_000, 999_999), "Bob", confirm: true);
        var people = app.InScope(db => db.People.Count());

        var response = await Browser.PostAsJsonAsync(journey.Scenario.SubmitPath, await journey.Scenario.WidgetBodyAsync(journey.Browser,
            new { email = alice.Email, phone = bob.Phone, first_name = "Mallory" }, [journey.Scenario.Newsletter, journey.Scenario.Sms]));
        var submissionId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetGuid();
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var review = await compliance.GetFromJsonAsync<JsonElement>("/api/admin/submissions/review");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        AssertUnchanged(alice);
        AssertUnchanged(bob);
        Assert.Equal(people, app.InScope(db => db.People.Count()));
        // Each consent went to the holder of the identifier it names: texts to Bob's number, never to Alice.
        var events = app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.SubmissionId == submissionId).ToList());
        Assert.Equal(alice.Id, Assert.Single(events, e => e.Channel == "email").PersonId);
        Assert.Equal(bob.Id, Assert.Single(events, e => e.Channel == "sms").PersonId);
        var held = Assert.Single(review.EnumerateArray(), s => s.GetProperty("id").GetGuid() == submissionId);
        Assert.Equal("the email address and the phone number belong to different people", held.GetProperty("review").GetString());
        Assert.Equal("Mallory", held.GetProperty("profile").GetProperty("attributes").GetProperty("first_name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/api/admin/submissions/review")).StatusCode);
    }

    [Fact]
    public async Task Submit_WithAnEmailWhosePersonHasAnotherPhone_KeepsTheirPhone_AndTheNewNumberAlone()
    {
        var journey = await EmailJourney.StartAsync(app);
        var owner = await SignUpAsync(journey, EmailJourney.NewAddress("owner"), "0655" + Random.Shared.Next(100_000, 999_999), "Olivia", confirm: true);
        var other = "+33" + CaptureScenario.RandomMobile()[1..];

        var response = await Browser.PostAsJsonAsync(journey.Scenario.SubmitPath, await journey.Scenario.WidgetBodyAsync(journey.Browser,
            new { email = owner.Email, phone = other, first_name = "Mallory" }, [journey.Scenario.Sms]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        AssertUnchanged(owner);
        var alone = app.InScope(db => db.People.AsNoTracking().Single(p => p.Phone == other));
        Assert.Null(alone.Email);
        Assert.Equal("Mallory", alone.Attributes["first_name"]);
        var submissionId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("submissionId").GetGuid();
        Assert.Equal("the person the email address belongs to has another phone number",
            app.InScope(db => db.Submissions.AsNoTracking().Single(s => s.Id == submissionId).Review));
    }

    [Fact]
    public async Task Resubmitting_KeepsTheStoredValues_UntilThePersonConfirms()
    {
        var journey = await EmailJourney.StartAsync(app);
        var person = await SignUpAsync(journey, EmailJourney.NewAddress("returning"), null, "Val", confirm: false, consents: []);

        await Browser.PostAsJsonAsync(journey.Scenario.SubmitPath, await journey.Scenario.WidgetBodyAsync(journey.Browser,
            new { email = person.Email, first_name = "Valentine" }, [journey.Scenario.Newsletter]));
        var confirmation = await app.Smtp.WaitForAsync(person.Email!);
        var before = Stored(person.Id);
        (await journey.ConfirmAsync(EmailJourney.ConfirmationPath(confirmation))).EnsureSuccessStatusCode();

        // The email went to the stored person and greeted them with what was stored, not with what was submitted.
        Assert.Contains("Hello Val,", confirmation.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Val", before.Attributes["first_name"]);
        Assert.Equal("Valentine", Stored(person.Id).Attributes["first_name"]);
    }

    [Fact]
    public async Task TenSignUpsForOneAddress_InAMinute_SendOneConfirmation_WhoseLinkConfirms()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("bombed");

        for (var i = 0; i < 10; i++)
        {
            var response = await Browser.PostAsJsonAsync(journey.Scenario.SubmitPath,
                await journey.Scenario.WidgetBodyAsync(journey.Browser, new { email }, [journey.Scenario.Newsletter]));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var personId = journey.PersonId(email);
        Assert.Equal(1, app.InScope(db => db.SendRecords.Count(r => r.PersonId == personId && r.TemplateKey == "doi-confirmation")));
        Assert.Equal(10, app.InScope(db => db.ConsentEvents.Count(e => e.PersonId == personId)));
        Assert.Equal(9, app.InScope(db => db.Submissions.Count(s => s.PersonId == personId && s.ConfirmationRepeated)));
        var confirmation = await app.Smtp.WaitForAsync(email);
        (await journey.ConfirmAsync(EmailJourney.ConfirmationPath(confirmation))).EnsureSuccessStatusCode();
        Assert.Equal("confirmed", app.InScope(db => db.ConsentStates.Single(s => s.PersonId == personId).Status));
        Assert.Single(app.Smtp.To(email));
    }

    private sealed record Snapshot(Guid Id, string? Email, string? Phone, Dictionary<string, string> Attributes, string? Locale, string? TimeZone,
        string? Country, bool Business, string Regime);

    private Snapshot Stored(Guid id) => app.InScope(db => db.People.AsNoTracking().Where(p => p.Id == id).AsEnumerable()
        .Select(p => new Snapshot(p.Id, p.Email, p.Phone, p.Attributes, p.Locale, p.TimeZone, p.Country, p.Business, p.Regime)).Single());

    private void AssertUnchanged(Snapshot before)
    {
        var now = Stored(before.Id);
        Dictionary<string, string> compared = [];
        Assert.Equal(before with { Attributes = compared }, now with { Attributes = compared });
        Assert.Equal(before.Attributes, now.Attributes);
    }

    /// <summary>A person signed up through the form (and confirmed from the email when asked), as they were stored.</summary>
    private async Task<Snapshot> SignUpAsync(EmailJourney journey, string email, string? mobile, string firstName, bool confirm, string[]? consents = null)
    {
        var response = await Browser.PostAsJsonAsync(journey.Scenario.SubmitPath, await journey.Scenario.WidgetBodyAsync(journey.Browser,
            mobile is null ? new { email, first_name = firstName } : new { email, first_name = firstName, phone = mobile },
            consents ?? [journey.Scenario.Newsletter], context: new { timeZone = "Europe/Paris", locale = "en", pageUrl = $"{CaptureScenario.Origin}/signup" }));
        response.EnsureSuccessStatusCode();
        if (confirm)
        {
            (await journey.ConfirmAsync(EmailJourney.ConfirmationPath(await app.Smtp.WaitForAsync(email)))).EnsureSuccessStatusCode();
        }

        var stored = Stored(journey.PersonId(email));
        Assert.Equal(firstName, stored.Attributes["first_name"]);
        return stored;
    }

    /// <summary>A B2B form of the same site with a country field and no consent box; returns its submission path.</summary>
    private static async Task<string> PublishB2bFormAsync(CaptureScenario scenario)
    {
        var definition = JsonSerializer.SerializeToNode(scenario.FormDefinition(consents: []))!.AsObject();
        definition["audience"] = "b2b";
        definition["fields"]!.AsArray().Add(JsonSerializer.SerializeToNode(new { name = "country", type = "text", label = new { en = "Country", fr = "Pays" } }));
        var formId = $"{scenario.Form}-b2b";
        (await scenario.Admin.PutAsJsonAsync($"/api/admin/forms/{formId}", new { siteId = scenario.Site, definition })).EnsureSuccessStatusCode();
        (await scenario.Admin.PostAsync($"/api/admin/forms/{formId}/publish", null)).EnsureSuccessStatusCode();
        return $"/public/sites/{scenario.Site}/forms/{formId}/submissions";
    }
}

public sealed class IdentityFacts_OnSqlite(SqliteEmailApp app) : IdentityFacts<SqliteEmailApp>(app);

public sealed class IdentityFacts_OnPostgres(PostgresEmailApp app) : IdentityFacts<PostgresEmailApp>(app);
