using System.Globalization;
using Marketing.Bench;

// Usage (bench/run.sh starts a durable throwaway PostgreSQL and sets MARKETING_BENCH_POSTGRES):
//   capture [seconds] [connections]   durable submissions/s as a ratio to a bare one-INSERT endpoint and to the obvious EF Core endpoint
//   export [events]                   proof export over a large ledger: peak memory as a ratio to before
//   banner [runs]                     our cookie banner beside its peers in headless Chromium (MARKETING_BENCH_PEERS: their npm folder)
//   email [messages] [connections…]   marketing emails through gate, render, DKIM and SMTP, as a ratio to MailKit signing and sending (1 and 4 connections unless given)
//   nurture [enrolments]              enrolments due at once, worked off by two engine processes, as a ratio to the raw send rate
//   web [people]                      the web app's budgets over that many people: page and search p95 against /health/live, first-visit bytes
//   segments [people]                 a typical segment's count over that many people (1,000,000) as a ratio to SELECT count(*) FROM people
//   all                               every one of them at smaller sizes, then one table of every figure against its baseline and target
var mode = args.Length > 0 && !char.IsAsciiDigit(args[0][0]) ? args[0] : "capture";
var numbers = args.SkipWhile(a => !char.IsAsciiDigit(a[0])).Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToArray();
var peers = Environment.GetEnvironmentVariable("MARKETING_BENCH_PEERS") is { Length: > 0 } p ? p : null;
var connectionString = Environment.GetEnvironmentVariable("MARKETING_BENCH_POSTGRES");
string Postgres() => connectionString ?? throw new InvalidOperationException("Set MARKETING_BENCH_POSTGRES (bench/run.sh starts a durable throwaway cluster).");
long Number(int index, long otherwise) => numbers.ElementAtOrDefault(index) is > 0 and var n ? n : otherwise;

async Task<int> EmailAsync(int messages, IEnumerable<int> connections)
{
    var exit = 0;
    foreach (var c in connections)
    {
        exit |= await EmailBenchmark.RunAsync(Postgres(), messages, c);
    }

    return exit;
}

var result = mode switch
{
    "banner" => await BannerBenchmark.RunAsync(peers, (int)Number(0, 7)),
    "export" => await ExportBenchmark.RunAsync(Postgres(), Number(0, 1_000_000)),
    "capture" => await CaptureBenchmark.RunAsync(Postgres(), TimeSpan.FromSeconds(Number(0, 10)), (int)Number(1, 64)),
    "email" => await EmailAsync((int)Number(0, 10_000), numbers.Length > 1 ? numbers.Skip(1).Select(n => (int)n) : [1, 4]),
    "nurture" => await NurtureBenchmark.RunAsync(Postgres(), (int)Number(0, 100_000)),
    "web" => await WebBenchmark.RunAsync(Postgres(), Number(0, 1_000_000)),
    "segments" => await SegmentBenchmark.RunAsync(Postgres(), Number(0, 1_000_000)),
    "all" => await AllAsync(),
    _ => throw new ArgumentException($"unknown benchmark '{mode}': use capture, export, email, nurture, banner, web, segments or all"),
};
Summary.Print(Console.Out);
return result;

// Sizes that keep a whole run within about a quarter of an hour on these machines; each benchmark alone takes larger ones.
async Task<int> AllAsync()
{
    var exit = 0;
    foreach (var (name, run) in new (string, Func<Task<int>>)[]
    {
        // The export first: its figure is memory against memory before it, which the others would have raised.
        ("export", () => ExportBenchmark.RunAsync(Postgres(), 100_000)),
        ("banner", () => BannerBenchmark.RunAsync(peers, 5)),
        ("capture", () => CaptureBenchmark.RunAsync(Postgres(), TimeSpan.FromSeconds(8), 64)),
        ("email", () => EmailAsync(4_000, [1, 4])),
        ("nurture", () => NurtureBenchmark.RunAsync(Postgres(), 10_000)),
        ("web", () => WebBenchmark.RunAsync(Postgres(), 100_000)),
    })
    {
        Console.WriteLine($"== {name} (load average {LoadAverage.Now})");
        try
        {
            exit |= await run();
        }
#pragma warning disable CA1031 // reported, and the run goes on: the table still shows what the others measured
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.WriteLine($"{name} failed: {e}");
            Summary.Add(new SummaryRow($"{name}: failed ({e.GetType().Name})", "-", "-", null, "-", false));
            exit = 1;
        }

        Console.WriteLine();
    }

    return exit;
}
