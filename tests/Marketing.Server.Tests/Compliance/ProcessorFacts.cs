using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Compliance;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Compliance;

/// <summary>Processor entries through the admin API (R43, R44), their E6 export and the DPF reminder, on both providers.</summary>
public abstract class ProcessorFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    private static object Entry(string legalName, string storage = "IE", string? mechanism = null, string? document = null) => new
    {
        legalName, role = "processor", service = "Email relay", dataCategories = new[] { "email address", "message content" },
        storageCountries = new[] { storage }, accessCountries = new[] { storage }, transferMechanism = mechanism, transferDocument = document,
        dpaDate = "2025-04-01", dpaReference = "DPA-42", subProcessorsUrl = "https://relay.example/subprocessors",
    };

    [Fact]
    public async Task BareInstallation_StartsWithNoEntry()
    {
        // The quickstart: no relay, no Twilio, no mailbox, the outbox needs no processor (R43 concerns data that leaves).
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var listed = await compliance.GetFromJsonAsync<JsonElement>("/api/admin/processors");

        Assert.Equal(JsonValueKind.Array, listed.ValueKind);
    }

    [Fact]
    public async Task Put_RefusesAnIncompleteEntry_NamingEachField_AndStoresNothing()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var response = await admin.PutAsJsonAsync("/api/admin/processors/half-done", new
        {
            legalName = "Relay SAS", role = "vendor", storageCountries = new[] { "France" }, accessCountries = new[] { "FR" },
            transferMechanism = "scc", subProcessorsUrl = "not a url",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["dataCategories", "dpaDate", "role", "service", "storageCountries[0]", "subProcessorsUrl", "transferDocument"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.False(await app.InScopeAsync(db => db.Processors.AnyAsync(p => p.Key == "half-done")));
        Assert.False(await app.InScopeAsync(db => db.ProcessorChanges.AnyAsync(c => c.ProcessorKey == "half-done")));
    }

    [Fact]
    public async Task Entries_AreKeptByAdminAndDpo_ReadByCompliance_AndHiddenFromMarketers()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        using var dpo = await app.ClientAsAsync(ApiKeyRole.Dpo);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);

        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/admin/processors/relay-roles", Entry("Relay SAS"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dpo.PutAsJsonAsync("/api/admin/processors/relay-roles", Entry("Relay SAS (renamed)"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.PutAsJsonAsync("/api/admin/processors/relay-roles", Entry("Compliance"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.PutAsJsonAsync("/api/admin/processors/relay-roles", Entry("Marketer"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/api/admin/processors")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync("/api/admin/compliance/processors")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await compliance.DeleteAsync("/api/admin/processors/relay-roles")).StatusCode);

        var read = await compliance.GetFromJsonAsync<JsonElement>("/api/admin/processors/relay-roles");
        Assert.Equal("Relay SAS (renamed)", read.GetProperty("legalName").GetString());
    }

    [Fact]
    public async Task E6_ListsEachEntryWithItsTransfers_AndTheDatedHistoryOfChanges()
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/admin/processors/relay-e6", Entry("Relay Inc.", "IN"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/processors/relay-e6", Entry("Relay Inc.", "IN", "scc", "SCC 2021/914 of 2025-04-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/admin/processors/gone-e6", Entry("Gone SA"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/admin/processors/gone-e6")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/admin/processors/gone-e6")).StatusCode);
        using var compliance = await app.ClientAsAsync(ApiKeyRole.Compliance);

        var export = await Exports.DownloadAsync(compliance, "/api/admin/compliance/processors?format=csv");

        var relay = Exports.ReadCsv(export.Files["processors.csv"]).Single(r => r["Key"] == "relay-e6");
        Assert.Equal("Relay Inc.", relay["LegalName"]);
        Assert.Equal("IN", relay["StorageCountries"]);
        Assert.Equal("IN:thirdcountry:covered", relay["Transfers"]);
        Assert.Equal("scc", relay["TransferMechanism"]);
        Assert.Equal("SCC 2021/914 of 2025-04-01", relay["TransferDocument"]);
        Assert.Equal("2025-04-01", relay["DpaDate"]);
        Assert.DoesNotContain(Exports.ReadCsv(export.Files["processors.csv"]), r => r["Key"] == "gone-e6");
        var changes = Exports.ReadCsv(export.Files["processor-changes.csv"]).Where(r => r["ProcessorKey"] is "relay-e6" or "gone-e6").ToList();
        Assert.Equal(["relay-e6:added", "relay-e6:changed", "gone-e6:added", "gone-e6:removed"], changes.Select(c => $"{c["ProcessorKey"]}:{c["Change"]}"));
        Assert.Contains("mechanism=none", changes[0]["Summary"], StringComparison.Ordinal);
        Assert.Contains("mechanism=scc", changes[1]["Summary"], StringComparison.Ordinal);
        Assert.Equal("E6 processors and data locations", export.Manifest.GetProperty("export").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await compliance.GetAsync("/api/admin/compliance/processors?format=xml")).StatusCode);
    }

    [Fact]
    public async Task DpfReminder_WarnsOnceADay_TwelveMonthsAfterTheLastCheck()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 6, 1, 5, 0, 0, TimeSpan.Zero));
        await app.InScopeAsync(async db =>
        {
            foreach (var (key, verified) in new[] { ("dpf-due", new DateOnly(2025, 6, 1)), ("dpf-fresh", new DateOnly(2025, 6, 2)) })
            {
                var input = TestProcessors.InEu("US recipient") with { StorageCountries = ["US"], AccessCountries = ["US"], DpfCertified = true, DpfVerifiedOn = verified, TransferMechanism = "dpf" };
                Assert.Null((await SaveProcessor.HandleAsync(db, clock, ChannelProcessors.None, key, input, "test", CancellationToken.None)).Refusal);
            }
        });

        var first = await app.InScopeAsync(db => RemindDpfReviews.HandleAsync(db, clock, CancellationToken.None));
        var again = await app.InScopeAsync(db => RemindDpfReviews.HandleAsync(db, clock, CancellationToken.None));
        clock.Now = clock.Now.AddDays(1);
        var nextDay = await app.InScopeAsync(db => RemindDpfReviews.HandleAsync(db, clock, CancellationToken.None));

        var warned = await app.InScopeAsync(db => db.AuditEntries.Where(a => a.Action == RemindDpfReviews.WarningAction).Select(a => a.Target).ToListAsync());
        Assert.Equal((1, 0), (first, again));
        Assert.Equal(2, nextDay);
        Assert.Equal(["dpf-due", "dpf-due", "dpf-fresh"], warned.Order(StringComparer.Ordinal));
    }
}

public sealed class ProcessorFacts_OnSqlite(SqliteApp app) : ProcessorFacts<SqliteApp>(app);

public sealed class ProcessorFacts_OnPostgres(PostgresApp app) : ProcessorFacts<PostgresApp>(app);
