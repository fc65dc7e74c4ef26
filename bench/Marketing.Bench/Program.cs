using System.Globalization;
using Marketing.Bench;

// Usage (for capture and export, bench/run.sh starts a durable throwaway PostgreSQL and sets MARKETING_BENCH_POSTGRES):
//   capture [seconds] [connections]   durable submissions/s as a ratio to a bare one-INSERT endpoint
//   export [events]                   proof export over a large ledger: peak memory as a ratio to before
//   banner [runs]                     our cookie banner beside its peers in headless Chromium (MARKETING_BENCH_PEERS: their npm folder)
//   email [messages] [connections]    marketing emails through gate, render, DKIM and SMTP, as a ratio to MailKit alone
//   nurture [enrolments]              enrolments due at once, worked off by two engine processes, as a ratio to the raw send rate
var mode = args.Length > 0 && !char.IsAsciiDigit(args[0][0]) ? args[0] : "capture";
var numbers = args.SkipWhile(a => !char.IsAsciiDigit(a[0])).Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToArray();
if (mode == "banner")
{
    return await BannerBenchmark.RunAsync(Environment.GetEnvironmentVariable("MARKETING_BENCH_PEERS") is { Length: > 0 } peers ? peers : null,
        (int)(numbers.ElementAtOrDefault(0) is > 0 and var runs ? runs : 7));
}

var connectionString = Environment.GetEnvironmentVariable("MARKETING_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("Set MARKETING_BENCH_POSTGRES (bench/run.sh starts a durable throwaway cluster).");
return mode switch
{
    "export" => await ExportBenchmark.RunAsync(connectionString, numbers.ElementAtOrDefault(0) is > 0 and var n ? n : 1_000_000),
    "capture" => await CaptureBenchmark.RunAsync(connectionString, TimeSpan.FromSeconds(numbers.ElementAtOrDefault(0) is > 0 and var s ? s : 10),
        (int)(numbers.ElementAtOrDefault(1) is > 0 and var c ? c : 64)),
    "email" => await EmailBenchmark.RunAsync(connectionString, (int)(numbers.ElementAtOrDefault(0) is > 0 and var m ? m : 20_000),
        (int)(numbers.ElementAtOrDefault(1) is > 0 and var k ? k : 4)),
    "nurture" => await NurtureBenchmark.RunAsync(connectionString, (int)(numbers.ElementAtOrDefault(0) is > 0 and var e ? e : 100_000)),
    _ => throw new ArgumentException($"unknown benchmark '{mode}': use capture, export, email, nurture or banner"),
};
