using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Nurture;
using Marketing.Sending;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Nurture;

public abstract class NurtureFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : NurtureApp
{
    private static object EmailStep(string id, string purpose, string next, string template = "welcome") =>
        new { id, type = "email", template, purpose, next };

    private static object Exit(string id = "done") => new { id, type = "exit" };

    private async Task<(HttpClient Marketer, string Key)> PublishAsync(object definition, string? key = null)
    {
        var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        key ??= $"seq-{Guid.NewGuid():N}"[..20];
        (await marketer.PutAsJsonAsync($"/api/admin/sequences/{key}", definition)).EnsureSuccessStatusCode();
        var published = await marketer.PostAsync($"/api/admin/sequences/{key}/publish", null);
        Assert.True(published.StatusCode == HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        return (marketer, key);
    }

    private Enrolment EnrolmentOf(Guid personId, string key) => app.InScope(db =>
        db.Enrolments.AsNoTracking().Single(e => e.PersonId == personId && db.Sequences.Any(s => s.Id == e.SequenceId && s.Key == key)));

    [Fact]
    public async Task Publish_RefusesUnknownTemplate_StepWithNoWayOut_AndChannelWithoutPurpose_NamingEachField()
    {
        var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var scenario = await Capture.CaptureScenario.CreateAsync(app);
        var key = $"bad-{Guid.NewGuid():N}"[..16];
        (await marketer.PutAsJsonAsync($"/api/admin/sequences/{key}", new
        {
            trigger = new { type = "api" },
            steps = new object[]
            {
                new { id = "hello", type = "email", template = "no-such-template", purpose = scenario.Newsletter, next = "text" },
                new { id = "text", type = "sms", template = "welcome", next = "pause" },
                new { id = "pause", type = "wait", duration = "1d", next = "again" },
                new { id = "again", type = "branch", condition = new { type = "attribute", attribute = "plan" }, then = "pause", @else = "pause" },
                Exit(),
            },
        })).EnsureSuccessStatusCode();

        var response = await marketer.PostAsync($"/api/admin/sequences/{key}/publish", null);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no-such-template", errors.GetProperty("definition.steps[0].template")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("purpose", errors.GetProperty("definition.steps[1].purpose")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("definition.steps[4]", out _));
        // The steps are fine one by one, so only now is the graph checked: fix the two fields and publish again.
        (await marketer.PutAsJsonAsync($"/api/admin/sequences/{key}", new
        {
            trigger = new { type = "api" },
            steps = new object[]
            {
                EmailStep("hello", scenario.Newsletter, "pause"),
                new { id = "pause", type = "wait", duration = "1d", next = "again" },
                new { id = "again", type = "branch", condition = new { type = "attribute", attribute = "plan" }, then = "pause", @else = "pause" },
                Exit(),
            },
        })).EnsureSuccessStatusCode();
        var loop = await marketer.PostAsync($"/api/admin/sequences/{key}/publish", null);
        var loopErrors = (await loop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);
        Assert.Contains("no way out", loopErrors.GetProperty("definition.steps[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, app.InScope(db => db.SequenceVersions.Count(v => db.Sequences.Any(s => s.Id == v.SequenceId && s.Key == key))));
    }

    /// <summary>Consent confirmed → first email; two days later the next; an unsubscribe in between ends the enrolment at its next step.</summary>
    [Fact]
    public async Task ConfirmedConsent_Enrols_SendsThenWaitsTwoDays_AndAnUnsubscribeEndsItAtTheNextStep()
    {
        var journey = await EmailJourney.StartAsync(app);
        var (marketer, key) = await PublishAsync(new
        {
            trigger = new { type = "consent_confirmed", purpose = journey.Scenario.Newsletter },
            steps = new object[]
            {
                EmailStep("hello", journey.Scenario.Newsletter, "pause"),
                new { id = "pause", type = "wait", duration = "2d", next = "follow" },
                // What the marketer states about a step travels with its message, for the gate (R3, R4).
                new { id = "follow", type = "email", template = "welcome", purpose = journey.Scenario.Newsletter, next = "pause2", analogousTo = "shoes", relevantToRole = true },
                new { id = "pause2", type = "wait", duration = "2d", next = "last" },
                EmailStep("last", journey.Scenario.Newsletter, "done"),
                Exit(),
            },
        });
        var email = EmailJourney.NewAddress("nurture");
        var personId = await journey.SubscribedAsync(email);

        var first = await app.RunNurtureAsync();
        await app.DispatchEmailAsync();
        var hello = await app.Smtp.WaitForAsync(email, count: 2);
        var enrolment = EnrolmentOf(personId, key);
        Assert.True(first.Enrolled >= 1);
        Assert.Equal("follow", enrolment.StepId);
        Assert.InRange(enrolment.DueAt - app.Clock.GetUtcNow(), TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(2));

        await app.RunNurtureAsync();
        await app.DispatchEmailAsync();
        Assert.Equal(2, app.Smtp.To(email).Count); // the confirmation and the first step: nothing before the wait is over

        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();
        await app.DispatchEmailAsync();
        await app.Smtp.WaitForAsync(email, count: 3);

        var unsubscribe = EmailJourney.PathOf((hello.Message.Headers[MimeKit.HeaderId.ListUnsubscribe] ?? "").Split('>')[0].TrimStart('<'));
        (await journey.Browser.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();
        await app.DispatchEmailAsync();

        Assert.Equal(3, app.Smtp.To(email).Count);
        var ended = EnrolmentOf(personId, key);
        Assert.Equal(EnrolmentStatuses.Exited, ended.Status);
        Assert.Contains("'last' blocked by the send gate", ended.EndReason, StringComparison.Ordinal);
        var detail = await marketer.GetFromJsonAsync<JsonElement>($"/api/admin/enrolments/{ended.Id}");
        var messages = detail.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["hello", "follow", "last"], messages.Select(m => m.GetProperty("step").GetString()));
        Assert.Equal(SendStatuses.Blocked, messages[2].GetProperty("status").GetString());
        Assert.Contains("suppressed", messages[2].GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.All(messages.Take(2), m => Assert.Equal("consent_event", m.GetProperty("evidenceKind").GetString()));
        var follow = app.InScope(db => db.SendRecords.Where(r => r.EnrolmentId == ended.Id).ToList()).Single(r => r.Data["step"] == "follow");
        Assert.Equal("shoes", follow.Data[SendAttestations.AnalogousTo]);
        Assert.Equal("true", follow.Data[SendAttestations.RelevantToRole]);
    }

    [Fact]
    public async Task Enrolment_StaysOnItsVersion_AndANewVersionAppliesToNewEnrolmentsOnly()
    {
        var journey = await EmailJourney.StartAsync(app);
        var purpose = journey.Scenario.Newsletter;
        var (marketer, key) = await PublishAsync(new
        {
            trigger = new { type = "api" },
            steps = new object[] { new { id = "pause", type = "wait", duration = "1d", next = "hello" }, EmailStep("hello", purpose, "done"), Exit() },
        });
        var early = await journey.SubscribedAsync(EmailJourney.NewAddress("v1"));
        (await marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = new[] { early } })).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();

        (await marketer.PutAsJsonAsync($"/api/admin/sequences/{key}", new
        {
            trigger = new { type = "api" },
            steps = new object[] { new { id = "pause", type = "wait", duration = "1d", next = "other" }, EmailStep("other", purpose, "done"), Exit() },
        })).EnsureSuccessStatusCode();
        (await marketer.PostAsync($"/api/admin/sequences/{key}/publish", null)).EnsureSuccessStatusCode();
        var late = await journey.SubscribedAsync(EmailJourney.NewAddress("v2"));
        var enrolled = await (await marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = new[] { late, early } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();

        Assert.Equal(1, enrolled.GetProperty("enrolled").GetInt32());
        Assert.Equal(1, enrolled.GetProperty("alreadyEnrolled").GetInt32());
        Assert.Equal(1, EnrolmentOf(early, key).Version);
        Assert.Equal(2, EnrolmentOf(late, key).Version);
        var steps = app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.PersonId == early || r.PersonId == late)
            .Where(r => r.EnrolmentId != null).ToList().ToDictionary(r => r.PersonId, r => r.Data["step"]));
        Assert.Equal("hello", steps[early]);
        Assert.Equal("other", steps[late]);
        Assert.All(new[] { early, late }, p => Assert.Equal(EnrolmentStatuses.Completed, EnrolmentOf(p, key).Status));
    }

    [Fact]
    public async Task PausedSequence_RunsNoStep_AndResumingRunsWhatFellDue()
    {
        var journey = await EmailJourney.StartAsync(app);
        var (marketer, key) = await PublishAsync(new
        {
            trigger = new { type = "api" },
            steps = new object[] { new { id = "pause", type = "wait", duration = "1d", next = "hello" }, EmailStep("hello", journey.Scenario.Newsletter, "done"), Exit() },
        });
        var person = await journey.SubscribedAsync(EmailJourney.NewAddress("pause"));
        (await marketer.PostAsync($"/api/admin/sequences/{key}/pause", null)).EnsureSuccessStatusCode();
        var refused = await marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = new[] { person } });
        (await marketer.PostAsync($"/api/admin/sequences/{key}/resume", null)).EnsureSuccessStatusCode();
        (await marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = new[] { person } })).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();
        (await marketer.PostAsync($"/api/admin/sequences/{key}/pause", null)).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();
        var whilePaused = EnrolmentOf(person, key);
        (await marketer.PostAsync($"/api/admin/sequences/{key}/resume", null)).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("hello", whilePaused.StepId);
        Assert.Equal(1, whilePaused.StepsRun);
        Assert.Equal(EnrolmentStatuses.Completed, EnrolmentOf(person, key).Status);
        Assert.Equal(1, app.InScope(db => db.SendRecords.Count(r => r.PersonId == person && r.EnrolmentId != null)));
    }

    [Fact]
    public async Task Branch_FollowsAnAttribute_AndAGoalEndsTheEnrolmentOnceReached()
    {
        var journey = await EmailJourney.StartAsync(app);
        var purpose = journey.Scenario.Newsletter;
        var (marketer, key) = await PublishAsync(new
        {
            trigger = new { type = "api" },
            steps = new object[]
            {
                new { id = "plan", type = "branch", condition = new { type = "attribute", attribute = "plan", value = "pro" }, then = "pro", @else = "basic" },
                EmailStep("pro", purpose, "pause"),
                EmailStep("basic", purpose, "pause"),
                new { id = "pause", type = "wait", duration = "3d", next = "bought" },
                new { id = "bought", type = "goal", condition = new { type = "attribute", attribute = "customer", value = "yes" }, next = "nudge" },
                EmailStep("nudge", purpose, "done"),
                Exit(),
            },
        });
        var pro = await journey.SubscribedAsync(EmailJourney.NewAddress("pro"));
        var basic = await journey.SubscribedAsync(EmailJourney.NewAddress("basic"));
        await app.InScopeAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Id == pro);
            person.Attributes = new Dictionary<string, string>(person.Attributes) { ["plan"] = "pro" };
            await db.SaveChangesAsync();
        });
        (await marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = new[] { pro, basic } })).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();
        await app.InScopeAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Id == basic);
            person.Attributes = new Dictionary<string, string>(person.Attributes) { ["customer"] = "yes" };
            await db.SaveChangesAsync();
        });
        app.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();

        string[] StepsOf(Guid person) => app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.PersonId == person && r.EnrolmentId != null)
            .OrderBy(r => r.CreatedAt).ToList().Select(r => r.Data["step"]).ToArray());
        Assert.Equal(["pro", "nudge"], StepsOf(pro));
        Assert.Equal(["basic"], StepsOf(basic));
        Assert.Equal("goal 'bought' reached", EnrolmentOf(basic, key).EndReason);
        Assert.Equal("exit step 'done'", EnrolmentOf(pro, key).EndReason);
    }

    /// <summary>
    /// A branch on a click: links are tracked only for people who consented to click tracking (R31), following one
    /// records the click and redirects to a site's page, and the branch then takes its "then" way.
    /// </summary>
    [Fact]
    public async Task ClickedBranch_FollowsATrackedLink_AndLinksAreTheCampaignsWithoutClickTrackingConsent()
    {
        var journey = await EmailJourney.StartAsync(app);
        var purpose = journey.Scenario.Newsletter;
        var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        (await admin.PutAsJsonAsync($"/api/admin/purposes/{TrackingPurposes.Clicks}", new
        {
            names = new { en = "Click measurement" }, channels = new[] { "email" },
            bases = new Dictionary<string, object> { ["fr"] = new { basis = "consent" } }, retentionDays = 365,
        })).EnsureSuccessStatusCode();
        const string offer = Capture.CaptureScenario.Origin + "/offer?from=email";
        var template = $"offer-{Guid.NewGuid():N}"[..16];
        (await journey.Marketer.PutAsJsonAsync($"/api/admin/templates/{template}/en", new
        {
            messageType = "marketing", subject = "Our offer", html = $"<p><a href=\"{{{{ track '{offer}' }}}}\">See the offer</a></p>",
        })).EnsureSuccessStatusCode();
        var (_, key) = await PublishAsync(new
        {
            trigger = new { type = "api" },
            steps = new object[]
            {
                EmailStep("news", purpose, "pause", template),
                new { id = "pause", type = "wait", duration = "1d", next = "clicked" },
                new { id = "clicked", type = "branch", condition = new { type = "clicked", step = "news" }, then = "thanks", @else = "nudge" },
                EmailStep("thanks", purpose, "done"),
                EmailStep("nudge", purpose, "done"),
                Exit(),
            },
        });
        var trackedAddress = EmailJourney.NewAddress("tracked");
        var directAddress = EmailJourney.NewAddress("direct");
        var tracked = await journey.SubscribedAsync(trackedAddress);
        var direct = await journey.SubscribedAsync(directAddress);
        await app.InScopeAsync(async db =>
        {
            var clicks = await db.Purposes.SingleAsync(p => p.Key == TrackingPurposes.Clicks);
            db.ConsentStates.Add(new Marketing.Consent.ConsentState
            {
                PersonId = tracked, PurposeId = clicks.Id, Channel = "email", Status = ConsentStatuses.Granted, LastEventId = Guid.NewGuid(), UpdatedAt = app.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });
        (await journey.Marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = new[] { tracked, direct } })).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();
        await app.DispatchEmailAsync();
        var trackedHtml = (await app.Smtp.WaitForAsync(trackedAddress, count: 2)).Message.HtmlBody!;
        var directHtml = (await app.Smtp.WaitForAsync(directAddress, count: 2)).Message.HtmlBody!;
        var click = EmailJourney.PathOf(System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(trackedHtml, "href=\"(https://localhost/email/click/[^\"]+)\"").Groups[1].Value));

        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // The destination is signed into the link: a link pointed elsewhere is not one of ours.
        var elsewhere = await browser.GetAsync(click[..click.LastIndexOf('/')] + "/" + Convert.ToBase64String("https://evil.example/"u8.ToArray()).TrimEnd('='));
        var clickedBefore = app.InScope(db => db.SendRecords.AsNoTracking().Single(r => r.PersonId == tracked && r.EnrolmentId != null).ClickedAt);
        var followed = await browser.GetAsync(click);
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();

        // Without click-tracking consent, the campaign's link, the same for every recipient (R31).
        Assert.Contains("/email/link/", directHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("/email/click/", directHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Null(clickedBefore);
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal(offer, followed.Headers.Location!.ToString());
        string[] StepsOf(Guid person) => app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.PersonId == person && r.EnrolmentId != null)
            .OrderBy(r => r.CreatedAt).ToList().Select(r => r.Data["step"]).ToArray());
        Assert.Equal(["news", "thanks"], StepsOf(tracked));
        Assert.Equal(["news", "nudge"], StepsOf(direct));
    }

    [Fact]
    public async Task EndingAnEnrolmentByHand_StopsItsNextStep_AndTwiceIsAConflict()
    {
        var journey = await EmailJourney.StartAsync(app);
        var (marketer, key) = await PublishAsync(new
        {
            trigger = new { type = "api" },
            steps = new object[] { new { id = "pause", type = "wait", duration = "1d", next = "hello" }, EmailStep("hello", journey.Scenario.Newsletter, "done"), Exit() },
        });
        var person = await journey.SubscribedAsync(EmailJourney.NewAddress("ended"));
        (await marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = new[] { person } })).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();
        var id = EnrolmentOf(person, key).Id;
        // A pass the engine started by itself may hold it a moment longer: while one does, ending it is refused (409).
        await Eventually.ReturnsAsync(() => Task.FromResult(EnrolmentOf(person, key).ClaimedUntil), until => until is null || until < app.Clock.Now, TimeSpan.FromSeconds(30));

        var ended = await marketer.PostAsync($"/api/admin/enrolments/{id}/end", null);
        var again = await marketer.PostAsync($"/api/admin/enrolments/{id}/end", null);
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await app.RunNurtureAsync();

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(EnrolmentStatuses.Exited, EnrolmentOf(person, key).Status);
        Assert.StartsWith("ended by", EnrolmentOf(person, key).EndReason, StringComparison.Ordinal);
        Assert.Equal(0, app.InScope(db => db.SendRecords.Count(r => r.EnrolmentId == id)));
    }

    [Fact]
    public async Task SmsStep_WithoutSmsConsent_IsSkippedWithItsReason_AndTheSequenceGoesOn()
    {
        var journey = await EmailJourney.StartAsync(app);
        var scenario = journey.Scenario;
        var (_, key) = await PublishAsync(new
        {
            trigger = new { type = "api" },
            steps = new object[]
            {
                new { id = "text", type = "sms", template = "sms-offer", purpose = scenario.Sms, next = "mail" },
                EmailStep("mail", scenario.Newsletter, "done"),
                Exit(),
            },
        });
        var person = await journey.SubscribedAsync(EmailJourney.NewAddress("nosms"));
        (await journey.Marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = new[] { person } })).EnsureSuccessStatusCode();
        await app.RunNurtureAsync();

        var records = app.InScope(db => db.SendRecords.AsNoTracking().Where(r => r.PersonId == person && r.EnrolmentId != null).ToList());
        var text = records.Single(r => r.Data["step"] == "text");
        Assert.Equal(SendStatuses.Blocked, text.Status);
        Assert.StartsWith($"no consent recorded for '{scenario.Sms}'", text.DecisionReason, StringComparison.Ordinal);
        Assert.Contains(records.Single(r => r.Data["step"] == "mail").Status, new[] { SendStatuses.Queued, SendStatuses.Sending, SendStatuses.Sent });
        Assert.Equal(EnrolmentStatuses.Completed, EnrolmentOf(person, key).Status);
    }

    /// <summary>Invariant 3 inside one node: passes side by side claim disjoint enrolments, and each step has one send record.</summary>
    [Fact]
    public async Task PassesSideBySide_QueueEachStepExactlyOnce()
    {
        var journey = await EmailJourney.StartAsync(app);
        var (marketer, key) = await PublishAsync(new
        {
            trigger = new { type = "api" },
            steps = new object[] { EmailStep("hello", journey.Scenario.Newsletter, "done"), Exit() },
        });
        var people = await app.InScopeAsync(async db =>
        {
            var ids = Enumerable.Range(0, 600).Select(_ => Guid.CreateVersion7()).ToList();
            db.People.AddRange(ids.Select(id => new Marketing.Leads.Person
            {
                Id = id, Email = $"bulk.{id:N}@example.com", Regime = "fr", Source = "test", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            }));
            await db.SaveChangesAsync();
            return ids;
        });
        (await marketer.PostAsJsonAsync($"/api/admin/sequences/{key}/enrolments", new { personIds = people })).EnsureSuccessStatusCode();

        var engine = app.Services.GetRequiredService<NurtureEngine>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async node =>
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            while ((await engine.AdvanceBatchAsync(db, $"node-{node}", CancellationToken.None)).Claimed > 0)
            {
            }
        }));

        // The engine's own Hangfire passes may hold some enrolments still: wait until every one has moved on.
        await Eventually.ReturnsAsync(
            () => Task.FromResult(app.InScope(db => db.Enrolments.Count(e => people.Contains(e.PersonId) && e.Status == EnrolmentStatuses.Active))),
            active => active == 0, TimeSpan.FromSeconds(60));

        var records = app.InScope(db => db.SendRecords.AsNoTracking().Where(r => people.Contains(r.PersonId)).Select(r => r.PersonId).ToList());
        Assert.Equal(people.Count, records.Count);
        Assert.Equal(people.Count, records.Distinct().Count());
        // These people never consented: every step's record says Blocked, the step is skipped, and the enrolment runs to its end.
        Assert.Equal(people.Count, app.InScope(db => db.SendRecords.Count(r => people.Contains(r.PersonId) && r.Status == SendStatuses.Blocked)));
        Assert.Equal(people.Count, app.InScope(db => db.Enrolments.Count(e => people.Contains(e.PersonId) && e.Status == EnrolmentStatuses.Completed)));
    }
}

public sealed class NurtureFacts_OnSqlite(SqliteNurtureApp app) : NurtureFacts<SqliteNurtureApp>(app);

public sealed class NurtureFacts_OnPostgres(PostgresNurtureApp app) : NurtureFacts<PostgresNurtureApp>(app);
