using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.PublicEndpoints.Properties;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static Marketing.Server.Tests.PublicEndpoints.Properties.HostileText;

namespace Marketing.Server.Tests.PublicEndpoints;

/// <summary>
/// The admin API's writes under spoiled JSON: malformed bodies, keys twice, wrong types, unknown
/// values, refused characters. With an admin key, never a 5xx, and a refusal changes nothing. A smaller sweep than the
/// public endpoints': one property over every admin write, each case on a route drawn at random.
/// </summary>
public abstract class AdminApiProperties<TApp>(TApp app, ITestOutputHelper output) : IClassFixture<TApp> where TApp : HostileApp
{
    [Fact]
    public async Task AdminWrites_NeverFail_AndARefusalChangesNothing()
    {
        var w = await PublicWorld.OfAsync(app);
        var personId = await app.InScopeAsync(db => db.People.Where(p => p.Email == w.Email).Select(p => p.Id).SingleAsync());
        (string Method, string Path, string Json)[] routes =
        [
            ("PUT", "/api/admin/sites/{0}", Json(new { name = "Acme", origins = new[] { "https://a.example" } })),
            ("PUT", "/api/admin/purposes/{0}", Json(new { names = new { en = "News" }, channels = new[] { "email" }, bases = new { fr = new { basis = "consent" } }, retentionDays = 365 })),
            ("PUT", "/api/admin/notices/{0}", Json(new { kind = "consent" })),
            ("POST", $"/api/admin/notices/{w.Capture.Newsletter}_wording/versions", Json(new { locale = "de", text = "Ja, bitte.", url = (string?)null })),
            ("PUT", "/api/admin/forms/{0}", Json(new { siteId = w.Site, definition = w.Capture.FormDefinition() })),
            ("PUT", $"/api/admin/sites/{w.Site}/banner", Json(new { definition = Consent.BannerScenario.Definition() })),
            ("PATCH", $"/api/admin/people/{personId}", Json(new { timeZone = "Europe/Paris", locale = "fr", country = "FR", business = false, attributes = new { role = "cto" } })),
            ("POST", $"/api/admin/people/{personId}/purchases", Json(new { reference = "o-1", category = "shoes", orderedAt = "2026-01-01T00:00:00Z", optOutOffered = true })),
            ("POST", "/api/admin/incidents", Json(new { title = "Leak", description = "A file was mailed out.", awareAt = "2026-01-01T00:00:00Z", scopeKind = "channel", scopeKey = "email" })),
            ("POST", "/api/admin/suppressions", Json(new { address = "x@example.com", channel = "email", reason = "manual" })),
            ("POST", "/api/admin/keys", Json(new { name = "k", role = "marketer" })),
            ("POST", "/api/admin/sends", Json(new { personId, purpose = w.Capture.Newsletter, template = "welcome" })),
            ("PUT", "/api/admin/templates/{0}/en", Json(new { messageType = "marketing", subject = "Hi", html = "<p>Hi {{ first_name }}</p>", text = "Hi" })),
            ("PUT", "/api/admin/sequences/{0}", Json(new { trigger = new { type = "api" }, steps = new object[] { new { id = "end", type = "exit" } } })),
            ("POST", "/api/admin/sequences/{0}/enrolments", Json(new { personIds = new[] { personId }, reference = "r" })),
            ("POST", "/api/admin/diagnostics/probes", Json(new { delaySeconds = 5 })),
            ("PUT", "/api/admin/broadcasts/{0}", Json(new { name = "Offer", segment = "lyon", purpose = w.Capture.Newsletter, channel = "email", template = "welcome", schedule = new { kind = "now" } })),
            ("POST", "/api/admin/email/complaint-rate/acknowledge", Json(new { domain = "acme.example", note = "seen" })),
        ];

        await PropertyRun.CheckAsync(app, output, "admin writes", r =>
        {
            var (method, path, json) = routes[r.Next(routes.Length)];
            var id = Segment(r, $"p{r.Next(1000)}");
            var (body, contentType) = r.Next(8) switch
            {
                0 => (RandomBytes(r), "application/json"),
                1 => (FormBody(r, [new("name", "x")]), "application/x-www-form-urlencoded"),
                _ => (JsonBody(r, json), "application/json"),
            };
            var request = new HostileRequest(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id),
                [new("Authorization", $"Bearer {w.AdminKey}"), new("Accept", r.Next(2) == 0 ? "text/html" : "application/json")], contentType, body);
            return request;
        }, namesTheField: true, "sites", "purposes", "notices", "notice_versions", "forms", "banners", "people", "purchases", "suppressions", "api_keys", "send_records",
            "message_templates", "sequences", "enrolments", "scheduled_probes", "sending_pauses", "incidents", "broadcasts", "audit_log", "job", "state", "jobqueue", "jobparameter", "set",
            // A suppression or a consent written through the API also writes its webhook event in the same save (R55, ADR 20).
            "webhook_events");
    }
}

public sealed class AdminApiProperties_OnSqlite(SqliteHostileApp app, ITestOutputHelper output) : AdminApiProperties<SqliteHostileApp>(app, output);

public sealed class AdminApiProperties_OnPostgres(PostgresHostileApp app, ITestOutputHelper output) : AdminApiProperties<PostgresHostileApp>(app, output);
