using Marketing.Bench;

// Durable submissions per second against PostgreSQL, as a ratio to a bare one-INSERT endpoint run beside
// it in the same process: both answer only after COMMIT. Usage: dotnet run -c Release -- [seconds] [concurrency]
var connectionString = Environment.GetEnvironmentVariable("MARKETING_BENCH_POSTGRES")
    ?? throw new InvalidOperationException("Set MARKETING_BENCH_POSTGRES (bench/run.sh starts a durable throwaway cluster).");
var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 64;
return await CaptureBenchmark.RunAsync(connectionString, TimeSpan.FromSeconds(seconds), concurrency);
