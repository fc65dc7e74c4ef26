using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Leads;

/// <summary>
/// The contact API (R55): a person another system creates and updates by its own id, a marketing purpose recorded
/// only with its basis, every message still through the gate; bad input and another person's address change nothing.
/// </summary>
public abstract class ContactApiFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : EmailApp
{
    private const string Wording = "Yes, Partner Ltd and its partners (Acme SAS) may email me offers. I can unsubscribe at any time.";

    [Fact]
    public async Task Save_WithoutBasis_RecordsNothing_AndTheGateBlocks_ThenItsConsentLetsMailLeave_Once()
    {
        var journey = await EmailJourney.StartAsync(app);
        var externalId = $"crm-{Guid.NewGuid():N}";
        var email = EmailJourney.NewAddress("contact");
        var purpose = journey.Scenario.Newsletter;
        var grant = new { purpose, channel = "email" };
        var consent = new
        {
            purpose, channel = "email",
            basis = new
            {
                type = "consent",
                consentEvent = new
                {
                    occurredAt = "2026-01-15T10:30:00Z", wording = Wording, wordingVersion = 3, source = "Partner Ltd",
                    method = "checkbox", language = "en", collectionUrl = "https://partner.example/offers", ipAddress = "198.51.100.7",
                },
            },
        };

        var created = await journey.Marketer.PostAsJsonAsync("/api/admin/people", new { externalId, email = email.ToUpperInvariant(), country = "FR", purposes = new[] { grant } });
        var createdBody = await created.Content.ReadFromJsonAsync<JsonElement>();
        var personId = createdBody.GetProperty("person").GetProperty("id").GetGuid();
        var blocked = await journey.SettledAsync(await journey.QueueAsync(personId));
        var granted = await journey.Marketer.PostAsJsonAsync("/api/admin/people", new { externalId, purposes = new[] { consent } });
        var again = await journey.Marketer.PostAsJsonAsync("/api/admin/people", new { externalId, email, purposes = new[] { consent } });
        var sent = await journey.SettledAsync(await journey.QueueAsync(personId));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([$"{purpose}:email"], createdBody.GetProperty("withoutBasis").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(externalId, createdBody.GetProperty("person").GetProperty("externalId").GetString());
        Assert.Equal(("blocked", "blocked"), (blocked.GetProperty("status").GetString(), blocked.GetProperty("decision").GetString()));
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal([$"{purpose}:email"], (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").EnumerateArray());
        Assert.Equal(("sent", "consent_event"), (sent.GetProperty("status").GetString(), sent.GetProperty("evidenceKind").GetString()));

        var person = app.InScope(db => db.People.AsNoTracking().Single(p => p.Id == personId));
        var events = app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId).ToList());
        var stored = Assert.Single(events);
        Assert.Equal((email, "fr"), (person.Email, person.Regime));
        Assert.NotNull(person.CollectedIndirectlyAt);
        // R52: the mail that left carried the art. 14 block, and informed them.
        Assert.NotNull(person.Art14InformedAt);
        Assert.Equal(("granted", "checkbox", "Partner Ltd", 3, "https://partner.example/offers"),
            (stored.Status, stored.Method, stored.Source, stored.NoticeVersion, stored.PageUrl));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 30, 0, TimeSpan.Zero), stored.OccurredAt);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Wording))), stored.NoticeSha256);
        Assert.Equal(Wording, app.InScope(db => db.ConsentWordings.AsNoTracking().Single(w => w.Sha256 == stored.NoticeSha256).Text));
        Assert.Null(Marketing.Consent.LedgerHash.Check(stored));
        Assert.Equal(stored.Hash, person.LedgerHead);
    }

    [Fact]
    public async Task Save_UnderLegitimateInterest_NeedsTheAssessmentNamed_ForAPersonCollectedIndirectly()
    {
        var journey = await EmailJourney.StartAsync(app);
        var purpose = $"li_{Guid.NewGuid():N}"[..16];
        (await journey.Scenario.Admin.PutAsJsonAsync($"/api/admin/purposes/{purpose}", new
        {
            names = new { en = "Product news" },
            channels = new[] { "email" },
            bases = new Dictionary<string, object> { ["us"] = new { basis = "legitimate_interest", balancingTestRef = "LIA-2026-07" } },
            retentionDays = 730,
        })).EnsureSuccessStatusCode();
        var externalId = $"crm-{Guid.NewGuid():N}";

        var bare = await journey.Marketer.PostAsJsonAsync("/api/admin/people",
            new { externalId, email = EmailJourney.NewAddress("li"), country = "US", purposes = new[] { new { purpose, channel = "email" } } });
        var personId = (await bare.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("id").GetGuid();
        var blocked = await journey.SettledAsync(await journey.QueueAsync(personId, purpose: purpose));
        var assessed = await journey.Marketer.PostAsJsonAsync("/api/admin/people",
            new { externalId, purposes = new[] { new { purpose, channel = "email", basis = new { type = "legitimate_interest", liAssessmentId = "LIA-2026-07" } } } });
        var sent = await journey.SettledAsync(await journey.QueueAsync(personId, purpose: purpose));

        Assert.Equal(HttpStatusCode.Created, bare.StatusCode);
        Assert.Equal("blocked", blocked.GetProperty("status").GetString());
        Assert.Contains("R55", blocked.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
        Assert.Equal(("sent", "legitimate_interest"), (sent.GetProperty("status").GetString(), sent.GetProperty("evidenceKind").GetString()));
        var stored = app.InScope(db => db.ConsentEvents.AsNoTracking().Single(e => e.PersonId == personId));
        Assert.Equal(("legitimate_interest", "LIA-2026-07"), (stored.Status, stored.BasisReference));
    }

    [Fact]
    public async Task Save_NamesEachFieldAtFault_AndStoresNothing()
    {
        var journey = await EmailJourney.StartAsync(app);
        var externalId = $"crm-{Guid.NewGuid():N}";
        var purpose = journey.Scenario.Newsletter;
        var before = app.InScope(db => (db.People.Count(), db.ConsentEvents.Count()));

        var response = await journey.Marketer.PostAsJsonAsync("/api/admin/people", new
        {
            externalId,
            email = "not an address",
            country = "XX",
            purposes = new object[]
            {
                new { purpose = "no_such_purpose", channel = "email" },
                new { purpose, channel = "postal" },
                new { purpose, channel = "email", basis = new { type = "consent", consentEvent = new { occurredAt = "2999-01-01T00:00:00Z", wording = "", method = "double_opt_in" } } },
                new { purpose = journey.Scenario.Sms, channel = "sms", basis = new { type = "implied" } },
            },
        });
        var noId = await journey.Marketer.PostAsJsonAsync("/api/admin/people", new { email = EmailJourney.NewAddress("noid") });
        var noBody = await journey.Marketer.PostAsync("/api/admin/people", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(new[]
        {
            "country", "email", "purposes[0].purpose", "purposes[1].channel", "purposes[2].basis.consentEvent.method", "purposes[2].basis.consentEvent.occurredAt",
            "purposes[2].basis.consentEvent.source", "purposes[2].basis.consentEvent.wording", "purposes[3].basis.type",
        }, errors);
        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        Assert.True((await noId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("externalId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Equal(before, app.InScope(db => (db.People.Count(), db.ConsentEvents.Count())));
    }

    [Fact]
    public async Task Save_NeverTakesAnotherPersonsAddress_NorReplacesOne()
    {
        var journey = await EmailJourney.StartAsync(app);
        var signedUp = EmailJourney.NewAddress("form");
        var formPerson = await journey.SubscribedAsync(signedUp);
        var externalId = $"crm-{Guid.NewGuid():N}";

        var takeover = await journey.Marketer.PostAsJsonAsync("/api/admin/people", new { externalId, email = $"  {signedUp.ToUpperInvariant()} " });
        var own = await journey.Marketer.PostAsJsonAsync("/api/admin/people", new { externalId, email = EmailJourney.NewAddress("own") });
        var replace = await journey.Marketer.PostAsJsonAsync("/api/admin/people", new { externalId, email = EmailJourney.NewAddress("other") });

        Assert.Equal(HttpStatusCode.Conflict, takeover.StatusCode);
        Assert.Contains("email", await takeover.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replace.StatusCode);
        var person = app.InScope(db => db.People.AsNoTracking().Single(p => p.Id == formPerson));
        Assert.Equal((signedUp, (string?)null, (DateTimeOffset?)null), (person.Email, person.ExternalId, person.CollectedIndirectlyAt));
    }

    [Fact]
    public async Task Save_IsAMarketersAction_NotCompliances()
    {
        var compliance = await app.ClientAsAsync(Marketing.Access.ApiKeyRole.Compliance);

        var response = await compliance.PostAsJsonAsync("/api/admin/people", new { externalId = "crm-1", email = EmailJourney.NewAddress("scope") });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class ContactApiFacts_OnSqlite(SqliteEmailApp app) : ContactApiFacts<SqliteEmailApp>(app);

public sealed class ContactApiFacts_OnPostgres(PostgresEmailApp app) : ContactApiFacts<PostgresEmailApp>(app);
