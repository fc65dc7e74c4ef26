using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Compliance;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Server.Compliance;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Compliance;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketing.Server.Tests.Access;

/// <summary>
/// The audit trail a DPO can read (R49, R48, E9): append-only, every read of a person with role and address, searched
/// and exported by admin, compliance and the DPO only; keys scoped and expiring; the daily ledger verification's alert.
/// </summary>
public abstract class AuditTrailFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task TheApplication_RefusesToUpdateOrDeleteAnAuditRow()
    {
        var target = $"frozen-{Guid.NewGuid():N}";
        await app.InScopeAsync(db => RecordAudit.HandleAsync(db, TimeProvider.System, "test", "test.frozen", target, "before", CancellationToken.None));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var stored = await db.AuditEntries.SingleAsync(a => a.Target == target);

        db.Entry(stored).Property(a => a.Detail).CurrentValue = "after";
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());
        db.Entry(stored).State = EntityState.Deleted;
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => db.SaveChangesAsync());

        Assert.Equal("before", app.InScope(d => d.AuditEntries.Single(a => a.Target == target).Detail));
    }

    [Fact]
    public async Task ReadingAPerson_ThroughTheApi_IsAnEntryWithTheReadersRoleAndAddress()
    {
        var personId = await AddPersonAsync();
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);

        var read = await marketer.GetAsync($"/api/admin/people/{personId}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var entry = Assert.Single(app.InScope(db => db.AuditEntries.Where(a => a.Target == personId.ToString()).ToList()));
        Assert.Equal(("key:test-Marketer", "marketer", "person.read", "person", "via=api"), (entry.Actor, entry.Role, entry.Action, entry.ObjectType, entry.Detail));
        Assert.Equal(AuditOriginSetupAddress, entry.Source);
    }

    [Fact]
    public async Task ViewingAPersonsTimeline_AndExportingTheirProof_AreReadsOfThatPerson()
    {
        var personId = await AddPersonAsync();
        var dpo = await WebUsers.CreateAsync(app, ApiKeyRole.Dpo);
        using var session = await WebSession.SignInAsync(app, dpo);

        var timeline = await session.Client.GetAsync($"/people/{personId}");
        var proof = await session.Client.GetAsync($"/people/{personId}/consent-proof");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (timeline.StatusCode, proof.StatusCode));
        var entries = app.InScope(db => db.AuditEntries.Where(a => a.Target == personId.ToString()).OrderBy(a => a.At).ToList());
        Assert.Equal(
            [("person.read", "person", "dpo", $"user:{dpo.Email}"), ("consent_proof.exported", "person", "dpo", $"user:{dpo.Email}")],
            entries.Select(e => (e.Action, e.ObjectType!, e.Role!, e.Actor)));
        Assert.Equal("via=timeline", entries[0].Detail);
        Assert.All(entries, e => Assert.Equal(AuditOriginSetupAddress, e.Source));
    }

    [Theory]
    [InlineData(ApiKeyRole.Admin, HttpStatusCode.OK)]
    [InlineData(ApiKeyRole.Compliance, HttpStatusCode.OK)]
    [InlineData(ApiKeyRole.Dpo, HttpStatusCode.OK)]
    [InlineData(ApiKeyRole.Marketer, HttpStatusCode.Forbidden)]
    public async Task AuditLog_IsReadAndExported_ByAdminComplianceAndDpo_NeverAMarketer(ApiKeyRole role, HttpStatusCode expected)
    {
        using var client = await app.ClientAsAsync(role);

        var search = await client.GetAsync("/api/admin/audit?action=person.");
        var export = await client.GetAsync("/api/admin/audit/export?action=person.");

        Assert.Equal((expected, expected), (search.StatusCode, export.StatusCode));
    }

    [Fact]
    public async Task Search_FindsByActorActionObjectAndPeriod_AndNamesABadField()
    {
        var target = $"obj-{Guid.NewGuid():N}";
        var clock = new TestClock(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        await app.InScopeAsync(db => RecordAudit.HandleAsync(db, clock, "key:alpha", "widget.changed", target, "first", CancellationToken.None));
        clock.Advance(TimeSpan.FromDays(2));
        await app.InScopeAsync(db => RecordAudit.HandleAsync(db, clock, "key:beta", "widget.changed", target, "second", CancellationToken.None));
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);

        var byObject = await dpo.GetFromJsonAsync<JsonElement>($"/api/admin/audit?object={target}");
        var byActor = await dpo.GetFromJsonAsync<JsonElement>($"/api/admin/audit?object={target}&actor=key:alpha&action=widget.");
        var byPeriod = await dpo.GetFromJsonAsync<JsonElement>($"/api/admin/audit?object={target}&from=2026-03-11T00:00:00Z&to=2026-03-13T00:00:00Z");
        var bad = await dpo.GetAsync($"/api/admin/audit?from=2026-03-11T00:00:00Z&to=2026-03-10T00:00:00Z");

        Assert.Equal(["second", "first"], byObject.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("detail").GetString()));
        Assert.Equal(["first"], byActor.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("detail").GetString()));
        Assert.Equal(["second"], byPeriod.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("detail").GetString()));
        Assert.Equal("widget", byObject.GetProperty("entries")[0].GetProperty("objectType").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task Export_E9_HoldsEveryColumn_OldestFirst_FormulaSafe_AndIsAuditedItself()
    {
        var target = $"e9-{Guid.NewGuid():N}";
        var clock = new TestClock(new DateTimeOffset(2026, 4, 1, 8, 30, 0, TimeSpan.Zero));
        await app.InScopeAsync(db => RecordAudit.HandleAsync(db, clock, "key:ops", "suppression.added", target, "=HYPERLINK(\"http://evil.example\")", CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1));
        await app.InScopeAsync(db => RecordAudit.HandleAsync(db, clock, "cli", "suppression.removed", target, "plain", CancellationToken.None));
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var (file, manifest) = await Exports.DownloadAsync(compliance, $"/api/admin/audit/export?object={target}");

        var text = Encoding.UTF8.GetString(file);
        Assert.StartsWith("Id,At,Actor,Role,Action,ObjectType,ObjectId,Source,Detail", text, StringComparison.Ordinal);
        var rows = Exports.ReadCsv(file);
        Assert.Equal(["suppression.added", "suppression.removed"], rows.Select(r => r["Action"]));
        Assert.Equal("2026-04-01T08:30:00.0000000+00:00", rows[0]["At"]);
        Assert.Equal(("key:ops", "system", "suppression", target, "job"), (rows[0]["Actor"], rows[0]["Role"], rows[0]["ObjectType"], rows[0]["ObjectId"], rows[0]["Source"]));
        Assert.Equal("'=HYPERLINK(\"http://evil.example\")", rows[0]["Detail"]);
        Assert.Equal(("E9 audit log", 2), (manifest.GetProperty("export").GetString(), manifest.GetProperty("rowCount").GetInt32()));
        var exported = app.InScope(db => db.AuditEntries.Where(a => a.Action == "audit_log.exported" && a.Detail!.Contains(target)).ToList());
        Assert.Equal("compliance", Assert.Single(exported).Role);
    }

    [Fact]
    public async Task AnAdmin_CannotRevokeADposKey_NorCreateOne()
    {
        var dpoKey = await app.InScopeAsync(db => CreateApiKey.HandleAsync(db, TimeProvider.System, "dpo-tools", ApiKeyRole.Dpo, "cli", CancellationToken.None));
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var revoke = await admin.DeleteAsync($"/api/admin/keys/{dpoKey.Id}");
        var create = await admin.PostAsJsonAsync("/api/admin/keys", new { name = "my-dpo", role = "dpo" });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (revoke.StatusCode, create.StatusCode));
        Assert.Null(app.InScope(db => db.ApiKeys.Single(k => k.Id == dpoKey.Id).RevokedAt));
        Assert.False(app.InScope(db => db.ApiKeys.Any(k => k.Name == "my-dpo")));
    }

    [Fact]
    public async Task AScopedKey_ReachesItsScopes_AndIsRefused403NamingTheScope_Elsewhere()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var created = await admin.PostAsJsonAsync("/api/admin/keys", new { name = $"capture-only-{Guid.NewGuid():N}", role = "admin", scopes = new[] { "Capture", "access" } });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var scoped = app.CreateClient();
        scoped.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("key").GetString());

        var inScope = await scoped.GetAsync("/api/admin/me");
        var outOfScope = await scoped.GetAsync($"/api/admin/people/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["access", "capture"], body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.OK, inScope.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outOfScope.StatusCode);
        var problem = await outOfScope.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("This key is not scoped for this resource.", problem.GetProperty("title").GetString());
        Assert.Equal("This key is scoped to access, capture; this route belongs to 'leads'.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnExpiredKey_IsRefused401NamingTheExpiry_AndABadScopeOrExpiryIs400()
    {
        var past = new TestClock(DateTimeOffset.UtcNow.AddDays(-3));
        var created = await app.InScopeAsync(db => CreateApiKey.HandleAsync(db, past, "short-lived", ApiKeyRole.Admin, "cli", CancellationToken.None,
            expiresAt: past.GetUtcNow().AddDays(1)));
        using var expired = app.CreateClient();
        expired.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Key);
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var refused = await expired.GetAsync("/api/admin/me");
        var badScope = await admin.PostAsJsonAsync("/api/admin/keys", new { name = "bad-scope", role = "marketer", scopes = new[] { "everything" } });
        var badExpiry = await admin.PostAsJsonAsync("/api/admin/keys", new { name = "bad-expiry", role = "marketer", expiresAt = "2001-01-01T00:00:00Z" });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The API key was refused.", problem.GetProperty("title").GetString());
        Assert.StartsWith("The API key 'short-lived' expired at ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badScope.StatusCode);
        Assert.True((await badScope.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("scopes", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badExpiry.StatusCode);
        Assert.True((await badExpiry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("expiresAt", out _));
        Assert.False(app.InScope(db => db.ApiKeys.Any(k => k.Name == "bad-scope" || k.Name == "bad-expiry")));
    }

    [Fact]
    public async Task TheDailyVerification_RaisesTheAlert_WhenTheChainBreaks_AndRunsOnceADay()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var email = $"alarm.{Guid.NewGuid():N}@example.com";
        await scenario.SubmitAsync(browser, email, [scenario.Newsletter]);
        var victim = app.InScope(db => db.ConsentEvents.AsNoTracking().Single(e => e.Identifier == email));
        var clock = new TestClock();
        var admin = await WebUsers.CreateAsync(app, ApiKeyRole.Compliance);
        using var session = await WebSession.SignInAsync(app, admin);

        await app.InScopeAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE consent_events SET ip_address = {"198.51.100.99"} WHERE id = {victim.Id}"));
        LedgerVerification? broken, again, whole;
        string home;
        try
        {
            broken = await RunVerificationAsync(clock);
            again = await RunVerificationAsync(clock);
            home = await session.GetPageAsync("/");
        }
        finally
        {
            await app.InScopeAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE consent_events SET ip_address = {victim.IpAddress} WHERE id = {victim.Id}"));
        }

        clock.Advance(TimeSpan.FromDays(1));
        whole = await RunVerificationAsync(clock);

        Assert.Equal(victim.Id, broken!.FirstBreak!.EventId);
        Assert.Null(again);
        Assert.True(whole!.Intact);
        var alert = Assert.Single(app.InScope(db => db.AuditEntries.Where(a => a.Action == VerifyLedger.BrokenAction && a.Target == victim.Id.ToString()).ToList()));
        Assert.Equal(("job:ledger-verify", "system", "job", "consent_event"), (alert.Actor, alert.Role, alert.Source, alert.ObjectType));
        Assert.Contains(app.Logs.Entries, l => l.Level == LogLevel.Error && l.Message.Contains(victim.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains("data-ledger-status=\"broken\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("data-ledger-status=\"broken\"", await session.GetPageAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryAdminRouteGroup_IsAScopeAKeyCanBeGiven_AndEveryScopeIsAGroup()
    {
        var tags = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/admin", StringComparison.Ordinal) == true)
            .Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>()!.Tags[0])
            .Select(ApiKeyScopes.OfTag)
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(ApiKeyScopes.All, tags);
    }

    private async Task<LedgerVerification?> RunVerificationAsync(TimeProvider clock)
    {
        using var scope = app.Services.CreateScope();
        var job = new VerifyLedgerJob(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), clock,
            scope.ServiceProvider.GetRequiredService<ILogger<VerifyLedgerJob>>());
        return await job.RunAsync(CancellationToken.None);
    }

    /// <summary>The in-memory test server's client address, as the audit log writes it.</summary>
    private const string AuditOriginSetupAddress = "unknown";

    private Task<Guid> AddPersonAsync() => app.InScopeAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var person = new Person { Id = Guid.CreateVersion7(), Email = $"read.{Guid.NewGuid():N}@example.com", Regime = "eu", Source = "test", CreatedAt = now, UpdatedAt = now };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    });
}

public sealed class AuditTrailFacts_OnSqlite(SqliteApp app) : AuditTrailFacts<SqliteApp>(app);

public sealed class AuditTrailFacts_OnPostgres(PostgresApp app) : AuditTrailFacts<PostgresApp>(app);
