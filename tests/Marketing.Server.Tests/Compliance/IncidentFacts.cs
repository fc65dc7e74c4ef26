using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Capture;
using Marketing.Consent;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Compliance;

/// <summary>The breach register through the admin API (R50): incidents, the counts of their scope, their drafts and E8, on both providers.</summary>
public abstract class IncidentFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    private const string Form = "leaky-form";

    private static object Incident(string title, DateTimeOffset awareAt, string? scopeKind = null, string? scopeKey = null, string? from = null, string? to = null) => new
    {
        title, description = "A contact export was mailed to the wrong address.", awareAt, scopeKind, scopeKey, scopeFrom = from, scopeTo = to,
        subjectCategories = new[] { "prospects" }, likelyConsequences = "Phishing aimed at the people concerned.", measuresTaken = "The recipient confirmed deletion.",
    };

    [Fact]
    public async Task Record_RefusesBadInput_NamingEachField_AndStoresNothing()
    {
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var response = await compliance.PostAsJsonAsync("/api/admin/incidents", new
        {
            title = "Refused incident", awareAt = DateTimeOffset.UtcNow.AddDays(1), scopeKind = "channel", scopeKey = "fax", dataCategories = new[] { "email", "" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["awareAt", "dataCategories[1]", "description", "scopeKey"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.False(await app.InScopeAsync(db => db.Incidents.AnyAsync(i => i.Title == "Refused incident")));
        Assert.Equal(HttpStatusCode.BadRequest, (await compliance.PostAsync("/api/admin/incidents", JsonContent.Create<object?>(null))).StatusCode);
    }

    [Fact]
    public async Task Incidents_AreKeptByEveryComplianceRole_AuditedAtEachChange_AndHiddenFromMarketers()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var aware = DateTimeOffset.UtcNow.AddHours(-2);

        var created = await compliance.PostAsJsonAsync("/api/admin/incidents", Incident("Roles incident", aware));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await dpo.PutAsJsonAsync($"/api/admin/incidents/{id}", Incident("Roles incident (dpo)", aware))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/incidents/{id}", Incident("Roles incident (admin)", aware))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/admin/incidents/{Guid.NewGuid()}", Incident("Nobody", aware))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/api/admin/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.PostAsJsonAsync("/api/admin/incidents", Incident("Marketer", aware))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync($"/api/admin/incidents/{id}/drafts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/api/admin/compliance/incidents")).StatusCode);

        var read = await compliance.GetFromJsonAsync<JsonElement>($"/api/admin/incidents/{id}");
        Assert.Equal("Roles incident (admin)", read.GetProperty("incident").GetProperty("title").GetString());
        Assert.Equal("running", read.GetProperty("incident").GetProperty("state").GetString());
        // The test clock runs with real time: about 70 of the 72 hours are left.
        Assert.InRange(read.GetProperty("incident").GetProperty("secondsLeft").GetInt64(), 69 * 3600, 70 * 3600);
        var audit = await app.InScopeAsync(db => db.AuditEntries.Where(a => a.Target == id.ToString()).OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["incident.recorded", "incident.changed", "incident.changed"], audit);
    }

    [Fact]
    public async Task Countdown_MarksAnUndecidedIncidentOverdue_AndALateNotificationNeedsItsReasons()
    {
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        var aware = DateTimeOffset.UtcNow.AddHours(-73);
        var created = await dpo.PostAsJsonAsync("/api/admin/incidents", Incident("Overdue incident", aware));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var listed = (await dpo.GetFromJsonAsync<JsonElement>("/api/admin/incidents")).EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal("overdue", listed.GetProperty("state").GetString());
        Assert.InRange(listed.GetProperty("secondsLeft").GetInt64(), -2 * 3600, -3600);

        var late = await dpo.PutAsJsonAsync($"/api/admin/incidents/{id}", new { title = "Overdue incident", description = "d", awareAt = aware, notifiedAt = DateTimeOffset.UtcNow });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(["lateReason"], (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray());
        Assert.Null(await app.InScopeAsync(db => db.Incidents.Where(i => i.Id == id).Select(i => i.NotifiedAt).SingleAsync()));

        var explained = await dpo.PutAsJsonAsync($"/api/admin/incidents/{id}",
            new { title = "Overdue incident", description = "d", awareAt = aware, notifiedAt = DateTimeOffset.UtcNow, lateReason = "the processor told us on day 3", authorityReference = "CNIL-2026-1" });
        Assert.Equal(HttpStatusCode.OK, explained.StatusCode);
        var view = await explained.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("notified_late", view.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("secondsLeft").ValueKind);
    }

    [Fact]
    public async Task Scope_CountsThePeopleAndDataCategories_OfAFormAChannelAndAWindow()
    {
        await SeedAsync();
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var aware = DateTimeOffset.UtcNow.AddHours(-1);

        var form = await ScopeAsync(compliance, Incident("Form in a day", aware, "form", Form, "2020-01-10T00:00:00Z", "2020-01-11T00:00:00Z"));
        var wholeForm = await ScopeAsync(compliance, Incident("Whole form", aware, "form", Form));
        var sms = await ScopeAsync(compliance, Incident("SMS in a day", aware, "channel", "sms", "2020-01-10T00:00:00Z", "2020-01-11T00:00:00Z"));
        var window = await ScopeAsync(compliance, Incident("Two days", aware, "window", null, "2020-01-10T00:00:00Z", "2020-01-12T00:00:00Z"));
        var later = await ScopeAsync(compliance, Incident("A later day", aware, "window", null, "2020-01-12T00:00:00Z", "2020-01-13T00:00:00Z"));

        Assert.Equal("people=2 erased=0 records=2 email=1 phone=1 name=1 country=1 submission_metadata=1", form);
        Assert.Equal("people=3 erased=0 records=4 email=2 phone=1 name=1 country=1 submission_metadata=2", wholeForm);
        // The erased person was there when it happened: counted, but no category of theirs is left.
        Assert.Equal("people=2 erased=1 records=2 phone=1 message_history=2", sms);
        Assert.Equal("people=3 erased=1 records=3 email=1 phone=1 name=1 country=1", window);
        Assert.Equal("people=2 erased=0 records=2 email=1 phone=1 name=1 country=1", later);
    }

    [Fact]
    public async Task Drafts_FillTheArt33FieldsWithTheCountsAndTheDpoContact_InEachLanguage()
    {
        await SeedAsync();
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        var created = await dpo.PostAsJsonAsync("/api/admin/incidents", Incident("Drafted incident", DateTimeOffset.UtcNow.AddHours(-1), "form", Form, "2020-01-10T00:00:00Z", "2020-01-11T00:00:00Z"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var english = await dpo.GetFromJsonAsync<JsonElement>($"/api/admin/incidents/{id}/drafts");
        var french = await dpo.GetFromJsonAsync<JsonElement>($"/api/admin/incidents/{id}/drafts?lang=fr");

        var authority = english.GetProperty("authority").GetString()!;
        Assert.Contains("Approximate number of people concerned: 2", authority, StringComparison.Ordinal);
        Assert.Contains("Data protection officer or other contact point (art. 33(3)(b)): No DPO designated", authority, StringComparison.Ordinal);
        Assert.Contains("Categories of people concerned: prospects", authority, StringComparison.Ordinal);
        Assert.Contains("Phishing aimed at the people concerned.", authority, StringComparison.Ordinal);
        Assert.Contains("The recipient confirmed deletion.", authority, StringComparison.Ordinal);
        var autorite = french.GetProperty("authority").GetString()!;
        Assert.Contains("Nombre approximatif de personnes concernées : 2", autorite, StringComparison.Ordinal);
        Assert.Contains("Aucun DPO désigné", autorite, StringComparison.Ordinal);
        var notice = french.GetProperty("notice");
        Assert.StartsWith("Une violation de données personnelles", notice.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("A contact export was mailed to the wrong address.", notice.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await dpo.GetAsync($"/api/admin/incidents/{id}/drafts?lang=de")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.GetAsync($"/api/admin/incidents/{Guid.NewGuid()}/drafts")).StatusCode);
        // Drafts only: the engine queues no message to anyone.
        Assert.False(await app.InScopeAsync(db => db.SendRecords.AnyAsync(r => r.TemplateKey == "breach-notice")));
    }

    [Fact]
    public async Task E8_ListsEveryIncident_NotifiedOrNot_FormulaSafe()
    {
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        var aware = DateTimeOffset.UtcNow.AddHours(-5);
        await compliance.PostAsJsonAsync("/api/admin/incidents", new
        {
            title = "=HYPERLINK(\"https://evil.example\")", description = "Lost laptop, disk encrypted.", awareAt = aware,
            notRequiredReason = "the disk was encrypted and the key was not exposed",
        });

        var export = await Exports.DownloadAsync(compliance, "/api/admin/compliance/incidents?format=csv");
        var json = await Exports.DownloadAsync(compliance, "/api/admin/compliance/incidents?format=json");

        var row = Exports.ReadCsv(export.Files["incidents.csv"]).Single(r => r["Description"] == "Lost laptop, disk encrypted.");
        Assert.Equal("'=HYPERLINK(\"https://evil.example\")", row["Title"]);
        Assert.Equal("not_required", row["State"]);
        Assert.Equal("the disk was encrypted and the key was not exposed", row["NotRequiredReason"]);
        Assert.Equal("E8 breach register", export.Manifest.GetProperty("export").GetString());
        Assert.Contains(JsonDocument.Parse(json.Files["incidents.json"]).RootElement.EnumerateArray(), r => r.GetProperty("title").GetString() == "=HYPERLINK(\"https://evil.example\")");
        Assert.True(await app.InScopeAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "incidents.exported")));
        Assert.Equal(HttpStatusCode.BadRequest, (await compliance.GetAsync("/api/admin/compliance/incidents?format=xml")).StatusCode);
    }

    private static async Task<string> ScopeAsync(HttpClient client, object incident)
    {
        var created = await client.PostAsJsonAsync("/api/admin/incidents", incident);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var scope = (await client.GetFromJsonAsync<JsonElement>($"/api/admin/incidents/{id}")).GetProperty("scope");
        return $"people={scope.GetProperty("people").GetInt64()} erased={scope.GetProperty("erasedSince").GetInt64()} records={scope.GetProperty("records").GetInt64()} "
            + string.Join(' ', scope.GetProperty("categories").EnumerateArray().Select(c => $"{c.GetProperty("key").GetString()}={c.GetProperty("count").GetInt64()}"));
    }

    /// <summary>
    /// Four people of January 2020, once per class: A (email, name, country) and B (phone) signed up on the form on the 10th,
    /// C (erased on the 11th) and B took SMS on the 10th, D signed up on the 20th; A submitted again on the 15th and was mailed.
    /// </summary>
    private async Task SeedAsync()
    {
        if (await app.InScopeAsync(db => db.Submissions.AnyAsync(s => s.FormId == Form)))
        {
            return;
        }

        static DateTimeOffset Jan(int day, int hour) => new(2020, 1, day, hour, 0, 0, TimeSpan.Zero);
        await app.InScopeAsync(async db =>
        {
            var a = new Person { Id = Guid.NewGuid(), Email = $"a.{Guid.NewGuid():N}@example.com", Attributes = new() { ["first_name"] = "Ana" }, Country = "FR", Regime = "fr", Source = "test", CreatedAt = Jan(10, 10), UpdatedAt = Jan(10, 10) };
            var b = new Person { Id = Guid.NewGuid(), Phone = TestPhones.FrenchMobile(), Regime = "fr", Source = "test", CreatedAt = Jan(10, 11), UpdatedAt = Jan(10, 11) };
            var c = new Person { Id = Guid.NewGuid(), Regime = "fr", Source = "test", CreatedAt = Jan(10, 12), UpdatedAt = Jan(11, 9), ErasedAt = Jan(11, 9) };
            var d = new Person { Id = Guid.NewGuid(), Email = $"d.{Guid.NewGuid():N}@example.com", Regime = "fr", Source = "test", CreatedAt = Jan(20, 8), UpdatedAt = Jan(20, 8) };
            db.People.AddRange(a, b, c, d);
            void Submit(Person p, DateTimeOffset at, string? ip) => db.Submissions.Add(new Submission
            {
                Id = Guid.CreateVersion7(), FormId = Form, ClientSubmissionId = Guid.NewGuid().ToString("N"), PersonId = p.Id, ReceivedAt = at, IpAddress = ip, ResultJson = "{}",
            });
            Submit(a, Jan(10, 10), "192.0.2.10");
            Submit(a, Jan(15, 10), "192.0.2.10");
            Submit(b, Jan(10, 11), null);
            Submit(d, Jan(20, 8), null);
            void Send(Person p, string channel, DateTimeOffset at, bool clicked) => db.SendRecords.Add(new SendRecord
            {
                Id = Guid.CreateVersion7(), Key = $"incident-test:{Guid.NewGuid():N}", PersonId = p.Id, Channel = channel, MessageType = MessageTypes.Marketing,
                TemplateKey = "welcome", Status = SendStatuses.Sent, CreatedAt = at, DueAt = at, ClickedAt = clicked ? at.AddMinutes(5) : null,
            });
            Send(a, ChannelKeys.Email, Jan(10, 10), clicked: true);
            Send(b, ChannelKeys.Sms, Jan(10, 11), clicked: false);
            Send(c, ChannelKeys.Sms, Jan(10, 12), clicked: false);
            Send(d, ChannelKeys.Sms, Jan(20, 8), clicked: false);
            await db.SaveChangesAsync();
        });
    }
}

public sealed class IncidentFacts_OnSqlite(SqliteApp app) : IncidentFacts<SqliteApp>(app);

public sealed class IncidentFacts_OnPostgres(PostgresApp app) : IncidentFacts<PostgresApp>(app);
