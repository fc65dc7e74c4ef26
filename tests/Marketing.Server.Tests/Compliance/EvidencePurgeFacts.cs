using System.Net;
using System.Net.Http.Json;
using Marketing.Access;
using Marketing.Compliance;
using Marketing.Consent;
using Marketing.Server.Compliance;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Compliance;

/// <summary>
/// Consent proof keeps its own period (R41): five years after processing ended its cleartext goes, unless a legal hold
/// names it, the chain still verifies, and the purge is logged with counts. An objection or erasure records a notice
/// per processor (R18, R35, R38), which the DPO acknowledges.
/// </summary>
public abstract class EvidencePurgeFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : NurtureApp
{
    [Fact]
    public async Task ProofOfAnObjection_LosesItsCleartextAfterFiveYears_UnlessHeld_AndEachProcessorIsToldOfObjectionAndErasure()
    {
        var journey = await EmailJourney.StartAsync(app);
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        (await journey.Scenario.Admin.PutAsJsonAsync("/api/admin/processors/relay-purge", new
        {
            legalName = "Relay SAS", role = "processor", service = "Email relay", dataCategories = new[] { "email address" },
            storageCountries = new[] { "IE" }, accessCountries = new[] { "IE" }, dpaDate = "2025-04-01", dpaReference = "DPA-7", subProcessorsUrl = "https://relay.example/sub",
        })).EnsureSuccessStatusCode();
        var objector = await journey.SubscribedAsync(EmailJourney.NewAddress("objector"));
        var held = await journey.SubscribedAsync(EmailJourney.NewAddress("held"));
        var erased = await journey.SubscribedAsync(EmailJourney.NewAddress("erased"));
        foreach (var person in new[] { objector, held })
        {
            (await dpo.PostAsJsonAsync($"/api/admin/people/{person}/objections", new { scope = "all_marketing", receivedVia = "letter" })).EnsureSuccessStatusCode();
        }

        (await dpo.PostAsJsonAsync($"/api/admin/people/{held}/legal-holds", new { recordKind = "consent_proof", ground = "evidence for a pending claim" })).EnsureSuccessStatusCode();
        (await dpo.PostAsJsonAsync($"/api/admin/people/{erased}/erasure", new { ground = "objection" })).EnsureSuccessStatusCode();

        // R35: one pending notice per processor entry (the relay of the test host's SMTP channel has its own) for the
        // objection, and one for the erasure, tied to it.
        var processors = app.InScope(db => db.Processors.Count());
        Assert.Equal(processors, app.InScope(db => db.ProcessorNotices.Count(n => n.PersonId == objector)));
        var notice = app.InScope(db => db.ProcessorNotices.AsNoTracking().Single(n => n.PersonId == objector && n.ProcessorKey == "relay-purge"));
        Assert.Equal(("relay-purge", "objection", "pending"), (notice.ProcessorKey, notice.Reason, notice.Status));
        var erasureNotice = app.InScope(db => db.ProcessorNotices.AsNoTracking().Single(n => n.PersonId == erased && n.ProcessorKey == "relay-purge"));
        Assert.Equal(("erasure", app.InScope(db => db.Erasures.Single(e => e.PersonId == erased).Id)), (erasureNotice.Reason, erasureNotice.ErasureId!.Value));

        // Four years and eleven months: still kept.
        app.Clock.Advance(TimeSpan.FromDays(365 * 5 - 30));
        Assert.Equal(0, (await RunJobAsync()).Events);

        app.Clock.Advance(TimeSpan.FromDays(32));
        var first = await RunJobAsync();
        var again = await RunJobAsync();

        Assert.Equal((1, 1), (first.People, first.Held));
        Assert.True(first.Events >= 2, first.ToString()); // the confirmed consent and the objection
        Assert.Equal((0, 0), (again.People, again.Events));
        Assert.All(Events(objector), e => Assert.Equal(("erased", null, null), (e.Identifier, e.IpAddress, e.UserAgent)));
        Assert.All(Events(held), e => Assert.True(e.ErasedAt is null && e.Identifier != "erased", e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))); // email and SMS events kept whole
        var audit = Assert.Single(app.InScope(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "consent_proof.purged").ToList()));
        Assert.Equal($"people=1 events={first.Events} held=1 years=5", audit.Detail);
        using (var scope = app.Services.CreateScope())
        {
            var verified = await VerifyLedger.HandleAsync(scope.ServiceProvider.GetRequiredService<Data.MarketingDbContext>(), app.Clock, "test", CancellationToken.None);
            Assert.True(verified.Intact, verified.Summary);
        }

        // The DPO records the processor's acknowledgement; twice is still once.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.MarketingDbContext>();
            await AcknowledgeProcessorNotice.HandleAsync(db, app.Clock, notice.Id, "dpo@example.com", CancellationToken.None);
            await AcknowledgeProcessorNotice.HandleAsync(db, app.Clock, notice.Id, "someone-else", CancellationToken.None);
        }

        var acknowledged = app.InScope(db => db.ProcessorNotices.AsNoTracking().Single(n => n.Id == notice.Id));
        Assert.Equal(("acknowledged", "dpo@example.com"), (acknowledged.Status, acknowledged.AcknowledgedBy));
        Assert.Single(app.InScope(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "processor.notice_acknowledged").ToList()));
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.PostAsync($"/api/admin/processor-notices/{Guid.NewGuid()}/acknowledge", null)).StatusCode);
    }

    private List<ConsentEvent> Events(Guid personId) => app.InScope(db => db.ConsentEvents.AsNoTracking().Where(e => e.PersonId == personId).ToList());

    private async Task<PurgeConsentProof.Report> RunJobAsync()
    {
        using var scope = app.Services.CreateScope();
        return await ActivatorUtilities.CreateInstance<PurgeConsentProofJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}

public sealed class EvidencePurgeFacts_OnSqlite(SqliteNurtureApp app) : EvidencePurgeFacts<SqliteNurtureApp>(app);

public sealed class EvidencePurgeFacts_OnPostgres(PostgresNurtureApp app) : EvidencePurgeFacts<PostgresNurtureApp>(app);
