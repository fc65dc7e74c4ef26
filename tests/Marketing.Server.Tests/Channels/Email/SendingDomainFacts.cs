using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Marketing.Access;
using Marketing.Channels.Email;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Channels.Email;

/// <summary>The email engine resolving its sending domain through a DNS server the test controls, with a small daily volume for unverified domains.</summary>
public abstract class DomainApp(Data.DatabaseProvider provider) : EmailApp(provider)
{
    public const string RelayAddress = "192.0.2.10";

    public DnsZone Dns { get; } = new();

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Marketing__Email__Domain__DnsServer"] = $"127.0.0.1:{Dns.Port}",
        ["Marketing__Email__Domain__SendingIps__0"] = RelayAddress,
        ["Marketing__Email__Domain__BulkThreshold"] = "2",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Dns.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteDomainApp() : DomainApp(Data.DatabaseProvider.Sqlite);

public sealed class PostgresDomainApp() : DomainApp(Data.DatabaseProvider.Postgres);

public abstract class SendingDomainFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : DomainApp
{
    private const string Domain = EmailApp.DkimDomain;

    [Fact]
    public async Task UnverifiedDomain_SendsOnlyASmallDailyVolume_AVerifiedOneSendsAll_AndARegressionHoldsMarketing()
    {
        var journey = await EmailJourney.StartAsync(app);
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var people = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            people.Add(await journey.SubscribedAsync(EmailJourney.NewAddress($"domain{i}")));
        }

        // Wrong on every count: SPF leaves the relay out, the DKIM record holds another key, no DMARC.
        using var otherKey = RSA.Create(2048);
        app.Dns.Set(Domain, "v=spf1 ip4:203.0.113.0/24 -all");
        app.Dns.Set($"{EmailApp.DkimSelector}._domainkey.{Domain}", $"v=DKIM1; k=rsa; p={Convert.ToBase64String(otherKey.ExportSubjectPublicKeyInfo())}");
        var failing = await CheckAsync(admin);
        var byMarketer = await journey.Marketer.PostAsync("/api/admin/email/domains/check", null);

        var first = await journey.SettledAsync(await journey.QueueAsync(people[0]));
        var second = await journey.SettledAsync(await journey.QueueAsync(people[1]));
        var third = await journey.QueueAsync(people[2]);
        var held = await DeferredAsync(journey, third);

        app.Dns.Set(Domain, "v=spf1 ip4:192.0.2.0/24 -all");
        app.Dns.Set($"{EmailApp.DkimSelector}._domainkey.{Domain}", app.DkimDnsRecord);
        app.Dns.Set($"_dmarc.{Domain}", "v=DMARC1; p=none; rua=mailto:dmarc@acme.example");
        var verified = await CheckAsync(admin);
        var released = await journey.SettledAsync(third);

        app.Dns.Set($"{EmailApp.DkimSelector}._domainkey.{Domain}");
        var regressed = await CheckAsync(admin);
        var fourth = await DeferredAsync(journey, await journey.QueueAsync(people[3]));
        app.Dns.Fail($"_dmarc.{Domain}");
        var unanswered = await CheckAsync(admin);
        app.Dns.Fail($"_dmarc.{Domain}", failing: false);
        var listed = await journey.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/email/domains");

        Assert.Equal("failing", failing.GetProperty("state").GetString());
        var items = failing.GetProperty("lastCheck").GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.False(items["spf"].GetProperty("passed").GetBoolean());
        Assert.Contains($"fail for the relay's address {DomainApp.RelayAddress}", items["spf"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not verify", items["dkim"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no DMARC record", items["dmarc"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(items["alignment"].GetProperty("passed").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, byMarketer.StatusCode);
        Assert.Equal("sent", first.GetProperty("status").GetString());
        Assert.Equal("sent", second.GetProperty("status").GetString());
        Assert.StartsWith($"{SendingDomains.HoldReasonPrefix} on {Domain}: over 2 marketing emails", held.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("verified", verified.GetProperty("state").GetString());
        Assert.All(verified.GetProperty("lastCheck").GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("passed").GetBoolean(), i.ToString()));
        Assert.Equal("sent", released.GetProperty("status").GetString());
        Assert.Equal("regressed", regressed.GetProperty("state").GetString());
        Assert.Contains("regressed", fourth.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("inconclusive", unanswered.GetProperty("state").GetString());
        Assert.Contains($"_dmarc.{Domain}", unanswered.GetProperty("inconclusive").GetString(), StringComparison.Ordinal);
        Assert.Equal("regressed", listed.EnumerateArray().Single().GetProperty("state").GetString());
        Assert.Equal(regressed.GetProperty("lastCheck").GetProperty("id").GetString(), listed.EnumerateArray().Single().GetProperty("lastCheck").GetProperty("id").GetString());
        var audit = app.InScope(db => db.AuditEntries.Where(a => a.Target == Domain).Select(a => a.Action).ToList());
        Assert.Contains(SendingDomains.VerifiedAction, audit);
        Assert.Contains(SendingDomains.RegressedAction, audit);
    }

    private static async Task<JsonElement> CheckAsync(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/admin/email/domains/check", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(d => d.GetProperty("domain").GetString() == Domain);
    }

    private async Task<JsonElement> DeferredAsync(EmailJourney journey, JsonElement queued)
    {
        await app.DispatchEmailAsync();
        return await Eventually.ReturnsAsync(
            async () => await journey.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/sends/{queued.GetProperty("id").GetString()}"),
            r => r.GetProperty("decision").GetString() == "deferred", TimeSpan.FromSeconds(30));
    }
}

public sealed class SendingDomainFacts_OnSqlite(SqliteDomainApp app) : SendingDomainFacts<SqliteDomainApp>(app);

public sealed class SendingDomainFacts_OnPostgres(PostgresDomainApp app) : SendingDomainFacts<PostgresDomainApp>(app);
