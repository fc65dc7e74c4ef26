using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Data;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Hosting;

/// <summary>The program as an operator runs it: separate processes, restarts and crashes, on each provider.</summary>
public abstract class EngineProcessFacts(DatabaseProvider provider)
{
    [Fact]
    public async Task ScheduledJob_SurvivesACrash_AndRunsExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        var key = await EngineProcess.CreateAdminKeyAsync(database.Directory, settings);

        string probeUrl;
        await using (var first = await EngineProcess.StartAsync(database.Directory, settings))
        {
            using var client = first.CreateClient(key);
            var scheduled = await client.PostAsJsonAsync("/api/admin/diagnostics/probes", new { delaySeconds = 5 });
            Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
            probeUrl = scheduled.Headers.Location!.ToString();
            await first.KillAsync();
        }

        await using var second = await EngineProcess.StartAsync(database.Directory, settings);
        using var again = second.CreateClient(key);
        var runs = await Eventually.ReturnsAsync(async () => await RunCountAsync(again, probeUrl), count => count > 0, TimeSpan.FromSeconds(90));
        var idle = await JobsIdle.WaitAsync(JobsIdle.StorageOf(database.Directory, settings), TimeSpan.FromSeconds(90));
        Assert.Equal(1, runs);
        Assert.True(idle, "Hangfire still held scheduled, enqueued or running jobs");
        Assert.Equal(1, await RunCountAsync(again, probeUrl));
    }

    [Fact]
    public async Task KeyCreatedByTheCli_OpensTheAdminApi_AndOutlivesARestart()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        var key = await EngineProcess.CreateAdminKeyAsync(database.Directory, settings);

        await using (var first = await EngineProcess.StartAsync(database.Directory, settings))
        {
            using var client = first.CreateClient(key);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/keys")).StatusCode);
            await first.StopAsync();
        }

        await using var second = await EngineProcess.StartAsync(database.Directory, settings);
        using var again = second.CreateClient(key);
        var keys = await again.GetFromJsonAsync<JsonElement>("/api/admin/keys");
        Assert.Equal(1, keys.GetArrayLength());
    }

    [Fact]
    public async Task LedgerVerifyVerb_NamesTheEventAlteredWithSql()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings();
        var key = await EngineProcess.CreateAdminKeyAsync(database.Directory, settings);
        var email = $"cli.{Guid.NewGuid():N}@example.com";
        await using (var engine = await EngineProcess.StartAsync(database.Directory, settings))
        {
            using var admin = engine.CreateClient(key);
            var scenario = await Capture.CaptureScenario.CreateAsync(admin);
            using var browser = engine.CreateClient();
            await scenario.SubmitAsync(browser, email, [scenario.Newsletter]);
            await engine.StopAsync();
        }

        var intact = await EngineProcess.RunAsync(database.Directory, settings, "ledger", "verify");
        await using (var db = database.OpenContext())
        {
            var victim = db.ConsentEvents.Single(e => e.Identifier == email);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE consent_events SET page_url = {"https://forged.example/"} WHERE id = {victim.Id}");
            var broken = await EngineProcess.RunAsync(database.Directory, settings, "ledger", "verify");

            Assert.Equal(0, intact.ExitCode);
            Assert.Contains("intact: 1 events", intact.StdOut, StringComparison.Ordinal);
            Assert.Equal(4, broken.ExitCode);
            Assert.Contains(victim.Id.ToString(), broken.StdOut, StringComparison.Ordinal);
        }
    }

    private static async Task<int> RunCountAsync(HttpClient client, string probeUrl) =>
        (await client.GetFromJsonAsync<JsonElement>(probeUrl)).GetProperty("runCount").GetInt32();
}

public sealed class EngineProcessFacts_OnSqlite() : EngineProcessFacts(DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task BareStart_ServesReady_WithNothingConfigured_AndKeepsItsDataUnderDotData()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var nothing = new Dictionary<string, string>();

        string output;
        await using (var engine = await EngineProcess.StartAsync(database.Directory, nothing))
        {
            await engine.StopAsync();
            output = engine.Output;
        }

        // Each channel's state, said once at start: mail goes to the outbox, SMS wait.
        var outbox = Path.Combine(database.Directory, "data", "outbox");
        Assert.Single(output.Split('\n'), line => line.Contains($"mail is written to {outbox}", StringComparison.Ordinal));
        Assert.Single(output.Split('\n'), line => line.Contains("SMS: off", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(database.Directory, "data", "marketing.db")));
        Assert.True(File.Exists(Path.Combine(database.Directory, "data", "jobs.db")));
        var (_, key, _) = await EngineProcess.RunAsync(database.Directory, nothing, "keys", "create", "--role", "admin");
        await using var again = await EngineProcess.StartAsync(database.Directory, nothing);
        using var client = again.CreateClient(key.Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/keys")).StatusCode);
    }

    [Theory]
    [InlineData("Marketing:Database:Provider", "mysql", "Marketing:Database:Provider")]
    [InlineData("Marketing:Jobs:WorkerCount", "many", "Marketing:Jobs:WorkerCount")]
    [InlineData("Marketing:Public:MaxBodyBytes", "10", "Marketing:Public:MaxBodyBytes")]
    [InlineData("Marketing:Http:TrustedProxies:0", "the-proxy", "Marketing:Http:TrustedProxies:0")]
    [InlineData("Marketing:CookieConsent:IpPrefixV6", "200", "Marketing:CookieConsent:IpPrefixV6")]
    [InlineData("Marketing:Email:Smtp:Security", "tls13", "Marketing:Email:Smtp:Security")]
    [InlineData("Marketing:Email:Dkim:Domain", "acme.example", "Marketing:Email:Dkim")]
    [InlineData("Marketing:Suppression:Secret", "too-short", "Marketing:Suppression:Secret")]
    [InlineData("Marketing:PublicBaseUrl", "engine.acme.example", "Marketing:PublicBaseUrl")]
    [InlineData("Marketing:Observability:Prometheus:AllowedNetworks:0", "the-scraper", "Marketing:Observability:Prometheus:AllowedNetworks:0")]
    [InlineData("Marketing:Observability:Prometheus:Path", "metrics", "Marketing:Observability:Prometheus:Path")]
    public async Task Start_ExitsNonZeroWithOneLineNamingTheSetting_WhenASettingIsWrong(string key, string value, string named)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (exitCode, stdout, stderr) = await EngineProcess.RunAsync(database.Directory, new Dictionary<string, string> { [key] = value });

        Assert.Equal(2, exitCode);
        var line = Assert.Single((stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ExitsNonZeroWithOneLine_WhenPostgresIsUnreachable()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var unreachable = new Dictionary<string, string>
        {
            ["Marketing:Database:Provider"] = "postgres",
            ["Marketing:Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=marketing;Username=marketing;Password=x",
            ["Marketing:Suppression:Secret"] = "process-test-suppression-secret-0123456789",
            ["Marketing:DataProtection:Key"] = TestDatabase.KeyEncryptionKey,
        };

        var (exitCode, stdout, stderr) = await EngineProcess.RunAsync(database.Directory, unreachable);

        Assert.Equal(3, exitCode);
        var line = Assert.Single((stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Marketing:Database:ConnectionString", line, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCreate_RefusesAnUnknownRole()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (exitCode, stdout, _) = await EngineProcess.RunAsync(database.Directory, database.Settings(), "keys", "create", "--role", "owner");

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("mk_", stdout, StringComparison.Ordinal);
    }
}

public sealed class EngineProcessFacts_OnPostgres() : EngineProcessFacts(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task Start_RefusesAnUnmigratedDatabase_UntilMigrateRuns()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = database.Settings(autoMigrate: false);

        var refused = await EngineProcess.RunAsync(database.Directory, settings);
        var migrated = await EngineProcess.RunAsync(database.Directory, settings, "migrate");
        var again = await EngineProcess.RunAsync(database.Directory, settings, "migrate");

        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("marketing migrate", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, migrated.ExitCode);
        Assert.Contains("Foundation", migrated.StdOut, StringComparison.Ordinal);
        Assert.Contains("up to date", again.StdOut, StringComparison.Ordinal);
        await using var engine = await EngineProcess.StartAsync(database.Directory, settings);
        using var client = engine.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
