using System.Diagnostics;
using System.Globalization;
using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketing.Bench;

/// <summary>
/// Proof export over a large ledger: seeds N consent events in PostgreSQL, streams the CSV export through
/// HTTP and discards it, sampling the process's memory. Prints peak memory as a ratio to memory before the
/// export: a flat export stays near 1 whatever N is.
/// </summary>
public static class ExportBenchmark
{
    public static Task<int> RunAsync(string serverConnectionString, long rows) =>
        BenchDatabase.WithThrowawayAsync(serverConnectionString, 100, connectionString => RunOnAsync(connectionString, rows));

    private static async Task<int> RunOnAsync(string connectionString, long rows)
    {
        BenchDatabase.UseForEngine(connectionString);
        await using var app = await MarketingHost.BuildAsync(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var seeding = Stopwatch.StartNew();
        // Ten events per person, in chain order; the content is filler, the volume is the point.
        await BenchDatabase.ExecuteAsync(connectionString, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO consent_events (id, person_id, sequence, identifier, identifier_type, purpose_id, purpose_key, channel, regime,
                status, method, occurred_at, locale, form_id, form_version, page_url, referrer, ip_address, user_agent, hash)
            SELECT gen_random_uuid(), md5((i / 10)::text)::uuid, i % 10 + 1, 'person' || (i / 10) || '@bench.example', 'email',
                '00000000-0000-0000-0000-000000000001', 'newsletter', 'email', 'fr', 'granted', 'checkbox', now(), 'en', 'signup', 1,
                'https://bench.example/signup?utm_source=bench', 'https://search.example/', '203.0.113.7',
                'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36', md5(i::text) || md5(i::text)
            FROM generate_series(0, {rows - 1}) AS i
            """));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {rows:N0} consent events in {seeding.Elapsed.TotalSeconds:0.0} s"));

        string key;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            key = (await CreateApiKey.HandleAsync(db, TimeProvider.System, "bench", ApiKeyRole.Compliance, "bench", CancellationToken.None)).Key;
        }

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var failed = await MeasureAsync(client, "/api/admin/compliance/consent-proof?format=csv", "E1", rows, "events") ? 0 : 1;

        // The DPO's large exports (issue 17: every export streamed with flat memory): E5 over as many suppression
        // entries, E9 over as many audit entries; each measured against memory just before it.
        seeding.Restart();
        await BenchDatabase.ExecuteAsync(connectionString, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO suppressions (id, address_hash, channel, scope, reason, source, created_at)
            SELECT gen_random_uuid(), md5(i::text), 'email', '*', 'unsubscribe', 'bench import', now() - (i || ' seconds')::interval
            FROM generate_series(0, {rows - 1}) AS i;
            INSERT INTO audit_log (id, at, actor, role, action, object_type, target, detail, source)
            SELECT gen_random_uuid(), now() - (i || ' seconds')::interval, 'bench', 'admin', 'suppression.added', 'suppression',
                md5(i::text), 'channel=email reason=unsubscribe', '203.0.113.7'
            FROM generate_series(0, {rows - 1}) AS i;
            """));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {rows:N0} suppression and {rows:N0} audit entries in {seeding.Elapsed.TotalSeconds:0.0} s"));
        failed += await MeasureAsync(client, "/api/admin/compliance/suppression-list?format=csv", "E5", rows, "suppression entries") ? 0 : 1;
        failed += await MeasureAsync(client, "/api/admin/audit/export?format=csv", "E9", rows, "audit entries") ? 0 : 1;
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Streams one export and discards it, sampling the working set: its peak as a ratio to before.</summary>
    private static async Task<bool> MeasureAsync(HttpClient client, string path, string export, long rows, string what)
    {
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        long peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
                await Task.Delay(50);
            }
        });

        var exporting = Stopwatch.StartNew();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var bytes = 0L;
        var buffer = new byte[81920];
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
        {
            bytes += read;
        }

        await sampling.CancelAsync();
        await sampler;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{export}: exported {rows:N0} {what}: {bytes / 1048576.0:N1} MiB zipped in {exporting.Elapsed.TotalSeconds:0.0} s ({rows / exporting.Elapsed.TotalSeconds:N0} rows/s), status {(int)response.StatusCode}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{export}: working set {before / 1048576.0:N0} MiB before, {peak / 1048576.0:N0} MiB at peak: ratio {(double)peak / before:0.00} (flat means near 1)"));
        Summary.Add($"{export} export of {rows:N0} {what}, peak working set", $"{peak / 1048576.0:N0} MiB", $"{before / 1048576.0:N0} MiB before", (double)peak / before, null);
        return response.IsSuccessStatusCode;
    }
}
