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

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var exporting = Stopwatch.StartNew();
        using var response = await client.GetAsync("/api/admin/compliance/consent-proof?format=csv", HttpCompletionOption.ResponseHeadersRead);
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
            $"exported {rows:N0} events: {bytes / 1048576.0:N1} MiB zipped in {exporting.Elapsed.TotalSeconds:0.0} s ({rows / exporting.Elapsed.TotalSeconds:N0} rows/s), status {(int)response.StatusCode}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"working set: {before / 1048576.0:N0} MiB before, {peak / 1048576.0:N0} MiB at peak: ratio {(double)peak / before:0.00} (flat means near 1)"));
        Summary.Add($"export of {rows:N0} events, peak working set", $"{peak / 1048576.0:N0} MiB", $"{before / 1048576.0:N0} MiB before", (double)peak / before, null);
        return response.IsSuccessStatusCode ? 0 : 1;
    }
}
