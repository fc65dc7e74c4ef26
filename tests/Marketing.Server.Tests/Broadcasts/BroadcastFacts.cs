using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Broadcasts;
using Marketing.Channels.Email;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Hosting;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Compliance;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Broadcasts;

/// <summary>
/// Broadcasts on both providers, with the test running the materialising passes and the dispatch passes itself, side
/// by side as several nodes would: one message per person, the throttle and local times in the due times, a cancel
/// mid-way, and an A/B test judged by consented clicks only.
/// </summary>
public abstract partial class BroadcastFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : ClockedEmailApp
{
    private const string Offer = Capture.CaptureScenario.Origin + "/offer";

    /// <summary>Invariant 3 across nodes: three materialise and three dispatch at once, round after round, in small batches.</summary>
    [Fact]
    public async Task ThreeNodes_MaterialiseAndDispatchTogether_EachPersonGetsExactlyOneMessage_AndOnlyConsentedClicksAreTracked()
    {
        var world = await SeedAsync(30);
        var tracked = world.Addresses.Take(2).ToList();
        await GrantClickTrackingAsync(tracked);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        (await marketer.PutAsJsonAsync($"/api/admin/broadcasts/{world.Tag}", world.Draft())).EnsureSuccessStatusCode();
        (await marketer.PostAsync($"/api/admin/broadcasts/{world.Tag}/schedule", null)).EnsureSuccessStatusCode();

        for (var round = 0; round < 30 && await StatusAsync(world.Tag) != BroadcastStatuses.Sent; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 3).Select(node => MaterialiseAsync($"node-{node}", batchSize: 7)));
            await Task.WhenAll(Enumerable.Range(0, 3).Select(node => DispatchAsync($"node-{node}")));
        }

        var detail = await marketer.GetFromJsonAsync<JsonElement>($"/api/admin/broadcasts/{world.Tag}");
        Assert.Equal("sent", detail.GetProperty("broadcast").GetProperty("status").GetString());
        Assert.All(world.Addresses, a => Assert.Single(app.Smtp.To(a)));
        Assert.Empty(app.Smtp.To(world.Restricted));
        Assert.Empty(app.Smtp.To(world.Suppressed));
        Assert.Equal(30, world.Addresses.Sum(a => app.Smtp.To(a).Count));
        Assert.Equal(30, detail.GetProperty("progress").GetProperty("byStatus").GetProperty("sent").GetInt32());
        Assert.Equal(30, detail.GetProperty("progress").GetProperty("messages").GetInt32());
        // R31: a recipient-level link only for the two who consent to click tracking; everyone else shares the campaign's.
        Assert.All(tracked, a => Assert.Contains("/email/click/", app.Smtp.To(a)[0].Message.HtmlBody, StringComparison.Ordinal));
        var untracked = world.Addresses.Skip(2).Select(a => app.Smtp.To(a)[0].Message.HtmlBody!).ToList();
        Assert.All(untracked, html => Assert.DoesNotContain("/email/click/", html, StringComparison.Ordinal));
        Assert.Single(untracked.Select(html => CampaignLink().Match(html).Groups[1].Value).Distinct());
        Assert.NotEmpty(CampaignLink().Match(untracked[0]).Groups[1].Value);

        // E2 per campaign: the broadcast's send list holds its 30 messages, each with the basis the gate relied on.
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var rows = Exports.ReadCsv((await Exports.DownloadAsync(compliance, $"/api/admin/compliance/send-list?broadcast={world.Tag}")).First);
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.Equal(($"broadcast:{world.Tag}", "allowed", "consent_event", "sent"), (r["Sequence"], r["Decision"], r["BasisType"], r["Status"])));
        Assert.Equal(world.Addresses.Order(StringComparer.Ordinal), rows.Select(r => r["Identifier"]).Order(StringComparer.Ordinal));
        var both = await compliance.GetAsync($"/api/admin/compliance/send-list?broadcast={world.Tag}&sequence=welcome");
        var unknown = await compliance.GetAsync("/api/admin/compliance/send-list?broadcast=no-such-broadcast");
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (both.StatusCode, unknown.StatusCode));
        Assert.Contains("broadcast", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalTimeSchedule_IsEachPersonsNineOClock_AndTheThrottleSpacesEachZonesStart()
    {
        var world = await SeedAsync(5, i => i < 3 ? "Europe/Paris" : "America/New_York");
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        (await marketer.PutAsJsonAsync($"/api/admin/broadcasts/{world.Tag}",
            world.Draft(schedule: new { kind = "local", localAt = "2030-01-15T09:00" }, throttle: new { count = 60, per = "minute" }))).EnsureSuccessStatusCode();
        var scheduled = await marketer.PostAsync($"/api/admin/broadcasts/{world.Tag}/schedule", null);
        await MaterialiseAsync("node-0", batchSize: 2);
        var before = await app.InScopeAsync(db => Of(db, world.Tag).CountAsync());

        // Paris's 09:00 is 08:00 UTC, New York's 14:00 UTC; 60 a minute is one a second from each.
        await MaterialiseAsync("node-0", batchSize: 2, new TestClock(DateTimeOffset.Parse("2030-01-14T19:00:00Z", CultureInfo.InvariantCulture)));
        var due = await app.InScopeAsync(db => Of(db, world.Tag).Select(r => r.DueAt).ToListAsync());

        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Equal(0, before);
        Assert.Equal(
            ["2030-01-15T08:00:00Z", "2030-01-15T08:00:01Z", "2030-01-15T08:00:02Z", "2030-01-15T14:00:00Z", "2030-01-15T14:00:01Z"],
            due.Select(d => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cancel_WhileSending_KeepsWhatWasSent_AndCancelsEveryQueuedMessage()
    {
        var world = await SeedAsync(6);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        // Ten an hour: the first is due now, the next six minutes later, and so on.
        (await marketer.PutAsJsonAsync($"/api/admin/broadcasts/{world.Tag}", world.Draft(throttle: new { count = 10, per = "hour" }))).EnsureSuccessStatusCode();
        (await marketer.PostAsync($"/api/admin/broadcasts/{world.Tag}/schedule", null)).EnsureSuccessStatusCode();
        await MaterialiseAsync("node-0", batchSize: 100);
        await DispatchAsync("node-0");

        var cancel = await marketer.PostAsync($"/api/admin/broadcasts/{world.Tag}/cancel", null);
        var again = await marketer.PostAsync($"/api/admin/broadcasts/{world.Tag}/cancel", null);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await MaterialiseAsync("node-1", batchSize: 100);
        await DispatchAsync("node-1");
        var statuses = await app.InScopeAsync(db => Of(db, world.Tag).Select(r => r.Status).ToListAsync());

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(5, (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cancelledMessages").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(["cancelled", "cancelled", "cancelled", "cancelled", "cancelled", "sent"], statuses.Order(StringComparer.Ordinal));
        Assert.Equal(1, world.Addresses.Sum(a => app.Smtp.To(a).Count));
        Assert.Equal(BroadcastStatuses.Cancelled, await StatusAsync(world.Tag));
    }

    /// <summary>
    /// Variant a gets many clicks that name nobody (campaign links) and one from a person who withdrew click tracking
    /// after the mail left; variant b one click under consent. Only b's counts (R31), so b wins and the rest gets it.
    /// </summary>
    [Fact]
    public async Task AbTest_PicksTheWinnerByConsentedClicksOnly_ThenSendsTheRestTheWinnersTemplate()
    {
        var world = await SeedAsync(60);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        (await marketer.PutAsJsonAsync($"/api/admin/broadcasts/{world.Tag}",
            world.Draft(abTest: new { template = world.TemplateB, percent = 30, waitMinutes = 60 }))).EnsureSuccessStatusCode();
        (await marketer.PostAsync($"/api/admin/broadcasts/{world.Tag}/schedule", null)).EnsureSuccessStatusCode();
        await MaterialiseAsync("node-0", batchSize: 100);
        var samples = await app.InScopeAsync(db => Of(db, world.Tag)
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new { r.Variant, p.Email }).ToListAsync());
        var a = samples.Where(s => s.Variant == "a").Select(s => s.Email!).ToList();
        var b = samples.Where(s => s.Variant == "b").Select(s => s.Email!).ToList();
        await GrantClickTrackingAsync([a[0], b[0]]);
        await DispatchAsync("node-0");
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var address in a.Skip(1))
        {
            await browser.GetAsync(EmailJourney.PathOf(WebUtility.HtmlDecode(CampaignLink().Match(app.Smtp.To(address)[0].Message.HtmlBody!).Groups[1].Value)));
        }

        await SetClickTrackingAsync([a[0]], ConsentStatuses.Withdrawn);
        await browser.GetAsync(EmailJourney.PathOf(WebUtility.HtmlDecode(ClickLink().Match(app.Smtp.To(a[0])[0].Message.HtmlBody!).Groups[1].Value)));
        await browser.GetAsync(EmailJourney.PathOf(WebUtility.HtmlDecode(ClickLink().Match(app.Smtp.To(b[0])[0].Message.HtmlBody!).Groups[1].Value)));
        var waiting = await MaterialiseAsync("node-1", batchSize: 100);
        var statusWhileTesting = await StatusAsync(world.Tag);
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        for (var round = 0; round < 5 && await StatusAsync(world.Tag) != BroadcastStatuses.Sent; round++)
        {
            await MaterialiseAsync("node-1", batchSize: 100);
            await DispatchAsync("node-1");
        }

        var detail = await marketer.GetFromJsonAsync<JsonElement>($"/api/admin/broadcasts/{world.Tag}");
        var rest = world.Addresses.Except(a).Except(b).ToList();
        Assert.Equal(0, waiting);
        Assert.Equal(BroadcastStatuses.Testing, statusWhileTesting);
        Assert.True(a.Count > 1 && b.Count > 0 && rest.Count > 0, $"samples {a.Count}/{b.Count}, rest {rest.Count}");
        Assert.True(await app.InScopeAsync(db => db.CampaignClickCounts.Where(c => c.Campaign == $"broadcast:{world.Tag}/a").Select(c => c.Clicks).SingleAsync()) > 0);
        Assert.Equal("b", detail.GetProperty("broadcast").GetProperty("abTest").GetProperty("winner").GetString());
        Assert.Equal("sent", detail.GetProperty("broadcast").GetProperty("status").GetString());
        Assert.All(world.Addresses, address => Assert.Single(app.Smtp.To(address)));
        Assert.All(rest, address => Assert.Equal("Offer B", app.Smtp.To(address)[0].Message.Subject));
        Assert.All(a, address => Assert.Equal("Offer A", app.Smtp.To(address)[0].Message.Subject));
        var variants = detail.GetProperty("progress").GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(0, variants.Single(v => v.GetProperty("variant").GetString() == "a").GetProperty("clicked").GetInt32());
        Assert.Equal(1, variants.Single(v => v.GetProperty("variant").GetString() == "b").GetProperty("clicked").GetInt32());
    }

    [Fact]
    public async Task BadDraft_Is400NamingEachField_AndStoresNothing_AndOnlyADraftChanges()
    {
        var world = await SeedAsync(1);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);

        var bad = await marketer.PutAsJsonAsync($"/api/admin/broadcasts/{world.Tag}", new
        {
            name = "", segment = "no-such-segment", purpose = world.Purpose, channel = "email", template = world.TemplateA,
            schedule = new { kind = "at" }, throttle = new { count = 0, per = "day" }, abTest = new { template = world.TemplateA, percent = 50, waitMinutes = 0 },
        });
        var unknown = await marketer.PutAsJsonAsync($"/api/admin/broadcasts/{world.Tag}", world.Draft() with { segment = "no-such-segment" });
        var stored = await app.InScopeAsync(db => db.Broadcasts.CountAsync(b => b.Key == world.Tag));
        var past = await marketer.PutAsJsonAsync($"/api/admin/broadcasts/{world.Tag}", world.Draft(schedule: new { kind = "at", at = "2020-01-01T00:00:00Z" }));
        var pastSchedule = await marketer.PostAsync($"/api/admin/broadcasts/{world.Tag}/schedule", null);
        var fine = await marketer.PutAsJsonAsync($"/api/admin/broadcasts/{world.Tag}", world.Draft(schedule: new { kind = "at", at = "2030-01-01T00:00:00Z" }));
        var scheduled = await marketer.PostAsync($"/api/admin/broadcasts/{world.Tag}/schedule", null);
        var edit = await marketer.PutAsJsonAsync($"/api/admin/broadcasts/{world.Tag}", world.Draft());
        var missing = await marketer.PostAsync("/api/admin/broadcasts/no-such-broadcast/schedule", null);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["abTest.percent", "abTest.template", "abTest.waitMinutes", "name", "schedule.at", "throttle.count", "throttle.per"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("names no segment", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("segment")[0].GetString());
        Assert.Equal(0, stored);
        Assert.Equal(HttpStatusCode.Created, past.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pastSchedule.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static IQueryable<SendRecord> Of(MarketingDbContext db, string key) =>
        db.SendRecords.Where(r => db.Broadcasts.Any(b => b.Key == key && b.Id == r.BroadcastId));

    private async Task<string?> StatusAsync(string key) => await app.InScopeAsync(db => db.Broadcasts.Where(b => b.Key == key).Select(b => b.Status).SingleAsync());

    /// <returns>Send records written.</returns>
    private async Task<int> MaterialiseAsync(string node, int batchSize, TimeProvider? clock = null)
    {
        using var scope = app.Services.CreateScope();
        var report = await MaterialiseBroadcasts.HandleAsync(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), clock ?? app.Clock,
            app.Services.GetRequiredService<ResolvedSettings>().SendPolicy, node, MaterialiseBroadcasts.Options.Default with { BatchSize = batchSize }, CancellationToken.None);
        return report.Queued.Values.Sum();
    }

    private async Task DispatchAsync(string node)
    {
        using var scope = app.Services.CreateScope();
        await app.Services.GetRequiredService<EmailDispatcher>().DispatchDueAsync(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), node, CancellationToken.None);
    }

    private Task GrantClickTrackingAsync(IReadOnlyList<string> addresses) => SetClickTrackingAsync(addresses, ConsentStatuses.Granted);

    private async Task SetClickTrackingAsync(IReadOnlyList<string> addresses, string status)
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        (await admin.PutAsJsonAsync($"/api/admin/purposes/{TrackingPurposes.Clicks}", new
        {
            names = new { en = "Click measurement" }, channels = new[] { "email" },
            bases = new Dictionary<string, object> { ["fr"] = new { basis = "consent" } }, retentionDays = 365,
        })).EnsureSuccessStatusCode();
        await app.InScopeAsync(async db =>
        {
            var purpose = await db.Purposes.SingleAsync(p => p.Key == TrackingPurposes.Clicks);
            foreach (var personId in await db.People.Where(p => addresses.Contains(p.Email!)).Select(p => p.Id).ToListAsync())
            {
                if (await db.ConsentStates.SingleOrDefaultAsync(s => s.PersonId == personId && s.PurposeId == purpose.Id) is { } state)
                {
                    state.Status = status;
                }
                else
                {
                    db.ConsentStates.Add(new ConsentState
                    {
                        PersonId = personId, PurposeId = purpose.Id, Channel = "email", Status = status, LastEventId = Guid.NewGuid(), UpdatedAt = DateTimeOffset.UtcNow,
                    });
                }
            }

            await db.SaveChangesAsync();
        });
    }

    private sealed record Draft(string name, string segment, string purpose, string channel, string template, object schedule, object? throttle, object? abTest);

    private sealed record World(string Tag, string Purpose, string TemplateA, string TemplateB, List<string> Addresses, string Restricted, string Suppressed)
    {
        public Draft Draft(object? schedule = null, object? throttle = null, object? abTest = null) =>
            new("December offer", Tag, Purpose, "email", TemplateA, schedule ?? new { kind = "now" }, throttle, abTest);
    }

    /// <summary>
    /// People of one campaign who consented to its own purpose, a restricted and a suppressed one beside them, the
    /// segment of them all, and two marketing templates with a tracked link.
    /// </summary>
    private async Task<World> SeedAsync(int count, Func<int, string>? zone = null)
    {
        var tag = $"bc-{Guid.NewGuid():N}"[..11];
        var purpose = $"bc_{tag[3..]}";
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        (await admin.PutAsJsonAsync($"/api/admin/purposes/{purpose}", new
        {
            names = new { en = "Offers" }, channels = new[] { "email" }, bases = new Dictionary<string, object> { ["fr"] = new { basis = "consent" } }, retentionDays = 365,
        })).EnsureSuccessStatusCode();
        foreach (var (key, subject) in new[] { ($"{tag}-a", "Offer A"), ($"{tag}-b", "Offer B") })
        {
            (await admin.PutAsJsonAsync($"/api/admin/templates/{key}/en", new
            {
                messageType = "marketing", subject, html = $"<p><a href=\"{{{{ track '{Offer}' }}}}\">See the offer</a></p>",
            })).EnsureSuccessStatusCode();
        }

        var hasher = app.Services.GetRequiredService<AddressHasher>();
        var now = app.Clock.GetUtcNow();
        var addresses = new List<string>();
        await app.InScopeAsync(async db =>
        {
            var purposeId = await db.Purposes.Where(p => p.Key == purpose).Select(p => p.Id).SingleAsync();
            string Add(string name, string timeZone, Action<Person>? change = null)
            {
                var person = new Person
                {
                    Id = Guid.CreateVersion7(), Email = $"{name}.{tag}@example.com", Regime = "fr", Locale = "en", TimeZone = timeZone, Source = "test",
                    Attributes = new() { ["campaign"] = tag }, CreatedAt = now, UpdatedAt = now,
                };
                change?.Invoke(person);
                db.People.Add(person);
                db.ConsentStates.Add(new ConsentState { PersonId = person.Id, PurposeId = purposeId, Channel = "email", Status = "granted", LastEventId = Guid.CreateVersion7(), UpdatedAt = now });
                return person.Email;
            }

            for (var i = 0; i < count; i++)
            {
                addresses.Add(Add($"p{i}", zone?.Invoke(i) ?? "Europe/Paris"));
            }

            Add("restricted", "Europe/Paris", p => p.RestrictedAt = now);
            Add("suppressed", "Europe/Paris");
            db.Suppressions.Add(new SuppressionEntry
            {
                Id = Guid.CreateVersion7(), AddressHash = hasher.HashNormalized($"suppressed.{tag}@example.com"), Channel = "*", Scope = "*",
                Reason = SuppressionReasons.Unsubscribe, Source = "test", CreatedAt = now,
            });
            await db.SaveChangesAsync();
        });

        (await admin.PutAsJsonAsync($"/api/admin/segments/{tag}", new
        {
            name = "Campaign people",
            definition = new
            {
                channel = "email",
                conditions = new object[]
                {
                    new { type = "attribute", key = "campaign", @operator = "equals", value = tag },
                    new { type = "consent", purpose, channel = "email", status = "granted" },
                },
            },
        })).EnsureSuccessStatusCode();
        return new World(tag, purpose, $"{tag}-a", $"{tag}-b", addresses, $"restricted.{tag}@example.com", $"suppressed.{tag}@example.com");
    }

    [GeneratedRegex("href=\"(https?://localhost(?::[0-9]+)?/email/link/[^\"]+)\"")]
    private static partial Regex CampaignLink();

    [GeneratedRegex("href=\"(https?://localhost(?::[0-9]+)?/email/click/[^\"]+)\"")]
    private static partial Regex ClickLink();
}

public sealed class BroadcastFacts_OnSqlite(SqliteClockedEmailApp app) : BroadcastFacts<SqliteClockedEmailApp>(app);

public sealed class BroadcastFacts_OnPostgres(PostgresClockedEmailApp app) : BroadcastFacts<PostgresClockedEmailApp>(app);
