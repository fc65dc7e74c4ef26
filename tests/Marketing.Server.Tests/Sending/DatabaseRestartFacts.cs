using System.Globalization;
using System.Net;
using Marketing.Consent;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Marketing.Server.Tests.Sending;


/// <summary>
/// PostgreSQL restarted (<c>pg_ctl restart -m fast</c>) while two engine processes dispatch: readiness goes 503 while it
/// is away and 200 again after, and once the system is idle every message is at the relay exactly once. The cluster is
/// the test's own: the shared one is never restarted.
/// </summary>
public sealed class DatabaseRestartFacts(ITestOutputHelper output)
{
    private const int People = 1_500;
    private const int ConnectionsPerNode = 2;

    [Fact]
    public async Task PostgresRestartedMidDispatch_ReadinessDropsAndReturns_AndEveryMessageLeavesOnce()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        await using var sink = new SmtpSink();
        await using var database = await TestDatabase.CreateOnAsync(postgres.ConnectionString);
        var settings = EngineNodes.Settings(database, sink);
        settings["Marketing:Email:Smtp:Connections"] = ConnectionsPerNode.ToString(CultureInfo.InvariantCulture);
        settings["Marketing:Email:BatchSize"] = "100";
        settings["Marketing:Sending:LeaseSeconds"] = "10";
        var key = await EngineProcess.CreateAdminKeyAsync(database.Directory, settings);
        await using var engines = await EngineGroup.StartAsync(database, settings, 2);
        using var admin = engines[0].CreateClient(key, TimeSpan.FromSeconds(60));
        await EngineNodes.EnrolAsync(database, admin, People, EngineNodes.OneEmail);
        await Eventually.ReturnsAsync(() => Task.FromResult(sink.Messages.Count), count => count >= People / 10, TimeSpan.FromMinutes(3));

        using var probe = engines[0].CreateClient();
        probe.Timeout = TimeSpan.FromSeconds(5);
        using var watching = new CancellationTokenSource();
        var readiness = WatchReadinessAsync(probe, watching.Token);
        var atRestart = sink.Messages.Count;
        await postgres.RestartAsync();
        var back = await Eventually.ReturnsAsync(async () => await ReadyAsync(probe), ready => ready == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        await watching.CancelAsync();
        var seen = await readiness;

        var idle = await EngineNodes.WaitUntilIdleAsync(database, () => sink.Messages.Count, TimeSpan.FromMinutes(5));

        var described = await EngineNodes.DescribeAsync(database);
        output.WriteLine($"readiness during the restart: {string.Join(" ", seen.Select(s => (int)s).Where((s, i) => i == 0 || s != (int)seen[i - 1]))}; "
            + $"{atRestart} had arrived at the restart, {sink.Messages.Count} at the end; {described}");
        foreach (var line in engines.OutputLines.Where(l => l.Contains("claims of node", StringComparison.Ordinal)))
        {
            output.WriteLine(line);
        }

        Assert.True(atRestart < People, $"everything was sent before the restart ({atRestart})");
        Assert.Contains(HttpStatusCode.ServiceUnavailable, seen);
        Assert.Equal(HttpStatusCode.OK, back);
        Assert.True(idle, $"not idle: {sink.Messages.Count} at the relay; {described}");
        await using var db = database.OpenContext();
        var records = await db.SendRecords.AsNoTracking().Where(r => r.Channel == ChannelKeys.Email).ToListAsync();
        var received = sink.Messages.SelectMany(m => m.Recipients).ToList();
        Assert.Equal(received.Count, received.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        // A message being handed over when the database went (at most one per connection) is written off, never sent twice;
        // the relay was up, so it arrived all the same.
        var interrupted = records.Count(r => r.Status == SendStatuses.Interrupted);
        Assert.True(interrupted <= 2 * ConnectionsPerNode, described);
        Assert.True(records.Count(r => r.Status == SendStatuses.Sent) + interrupted == People, described);
        Assert.Equal(People, received.Count);
    }

    /// <summary>Every answer of /health/ready until cancelled (0 for a request that got none).</summary>
    private static async Task<List<HttpStatusCode>> WatchReadinessAsync(HttpClient probe, CancellationToken ct)
    {
        var seen = new List<HttpStatusCode>();
        while (!ct.IsCancellationRequested)
        {
            seen.Add(await ReadyAsync(probe));
            await Task.Delay(20, CancellationToken.None);
        }

        return seen;
    }

    private static async Task<HttpStatusCode> ReadyAsync(HttpClient probe)
    {
        try
        {
            return (await probe.GetAsync("/health/ready")).StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }
}
