using CsCheck;
using Marketing.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Marketing.Server.Tests.PublicEndpoints.Properties;

/// <summary>
/// Runs one endpoint's property: whatever the request, never a 5xx; a 4xx changes the row count of no table
/// (the engine's and Hangfire's); a 2xx or 3xx changes only the tables the endpoint documents. A fixed seed by
/// default, so that CI runs the same cases every time; MARKETING_PROPERTY_SEED and MARKETING_PROPERTY_ITERATIONS
/// change it (a failure prints the seed that reproduces it).
/// </summary>
public static class PropertyRun
{
    public const string SeedVariable = "MARKETING_PROPERTY_SEED";
    public const string IterationsVariable = "MARKETING_PROPERTY_ITERATIONS";

    public static string Seed { get; } = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } seed ? seed : new PCG(1, 20_261_129).ToString();

    public static long Iterations { get; } = long.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), out var n) && n > 0 ? n : 150;

    public static Task CheckAsync(HostileApp app, ITestOutputHelper output, string endpoint, Func<Random, HostileRequest> make, params string[] mayChange) =>
        CheckAsync(app, output, endpoint, make, namesTheField: false, mayChange);

    /// <param name="namesTheField">Whether every 400 must be a problem whose <c>errors</c> name a field (JSON APIs).</param>
    public static async Task CheckAsync(HostileApp app, ITestOutputHelper output, string endpoint, Func<Random, HostileRequest> make, bool namesTheField, params string[] mayChange)
    {
        output.WriteLine($"{endpoint}: seed {Seed}, {Iterations} cases ({SeedVariable}, {IterationsVariable} to change)");
        var allowed = mayChange.ToHashSet(StringComparer.OrdinalIgnoreCase);
        using var client = app.Client();
        var statuses = new Dictionary<int, int>();
        try
        {
            await Gen.Int.Select(seed => make(new Random(seed))).SampleAsync(async request =>
            {
                var before = await app.CountsAsync();
                var answer = await request.SendAsync(client, app.EngineAddress);
                var changes = TableCounts.Changes(before, await app.CountsAsync());
                statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
                if (answer.Status >= 500)
                {
                    throw new InvalidOperationException($"answered {answer.Status}: {answer.Body}");
                }

                // A bodiless 400 is Kestrel's, refusing the request line (a NUL in the path) before the engine sees it.
                if (namesTheField && answer.Status == 400 && answer.Body.Length > 0 && !answer.Body.Contains("\"errors\":{\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"answered 400 without naming a field: {answer.Body}");
                }

                if ((answer.Status >= 400 || answer.Status == 0) && changes.Count > 0)
                {
                    throw new InvalidOperationException($"answered {answer.Status} but changed {Describe(changes)}: {answer.Body}");
                }

                if (answer.Status is >= 200 and < 400 && changes.Keys.FirstOrDefault(t => !allowed.Contains(Bare(t))) is { } table)
                {
                    throw new InvalidOperationException($"answered {answer.Status} and changed {Describe(changes)}, which it does not document ({table}): {answer.Body}");
                }
            }, seed: Seed, iter: Iterations, threads: 1, print: r => r.ToString());
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException(
                $"{endpoint}, run with {SeedVariable}={Seed} {IterationsVariable}={Iterations}:\n{e.InnerException?.Message}\n{e.Message}");
        }
        finally
        {
            output.WriteLine($"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        }
    }

    /// <summary>"marketing.db:people", "public.people", "hangfire.job" → "people", "job".</summary>
    private static string Bare(string table) => table[(table.LastIndexOfAny([':', '.']) + 1)..].Trim('"').ToLowerInvariant();

    private static string Describe(IReadOnlyDictionary<string, string> changes) => string.Join(", ", changes.Select(c => $"{c.Key} {c.Value}"));
}
