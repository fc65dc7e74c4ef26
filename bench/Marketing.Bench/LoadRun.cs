using System.Diagnostics;
using System.Net;

namespace Marketing.Bench;

/// <summary>A closed-loop load: N workers each send a request as soon as the previous answered, for a fixed time.</summary>
public sealed record LoadResult(string Name, long Ok, long Failed, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Ok / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{Name,-28} {PerSecond,9:N0} req/s   p50 {P50Ms,6:N1} ms   p99 {P99Ms,6:N1} ms   max {MaxMs,6:N1} ms   ok {Ok:N0}   failed {Failed:N0}";
}

public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string name, HttpClient client, Func<long, HttpRequestMessage> request,
        HttpStatusCode expected, TimeSpan duration, int concurrency)
    {
        long counter = 0, ok = 0, failed = 0;
        var latencies = new List<double>[concurrency];
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(100_000);
            while (stop.Elapsed < duration)
            {
                using var message = request(Interlocked.Increment(ref counter));
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(message);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode == expected)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var elapsed = stop.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, ok, failed, elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1]);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
