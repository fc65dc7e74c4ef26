using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketing.Bench;

public static class CaptureBenchmark
{
    private const string Json = "application/json";

    public static Task<int> RunAsync(string serverConnectionString, TimeSpan duration, int concurrency) =>
        BenchDatabase.WithThrowawayAsync(serverConnectionString, 100, connectionString => RunOnAsync(connectionString, duration, concurrency));

    private static async Task<int> RunOnAsync(string connectionString, TimeSpan duration, int concurrency)
    {
        BenchDatabase.UseForEngine(connectionString, new Dictionary<string, string>
        {
            ["Marketing__Public__RateLimitPermits"] = "100000000",
            ["Marketing__Capture__SubmissionsPerMinute"] = "100000000",
        });

        await using var app = await MarketingHost.BuildAsync(["--urls", "http://127.0.0.1:0"]);
        await using var bare = NpgsqlDataSource.Create(connectionString);
        await using (var create = bare.CreateCommand("CREATE TABLE bench_bare (id uuid PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        // The baseline: read the same body, one INSERT, its own commit, then answer.
        app.MapPost("/bench/bare", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var payload = await reader.ReadToEndAsync();
            await using var insert = bare.CreateCommand("INSERT INTO bench_bare (id, payload, at) VALUES ($1, $2, now())");
            insert.Parameters.AddWithValue(Guid.CreateVersion7());
            insert.Parameters.AddWithValue(payload);
            await insert.ExecuteNonQueryAsync();
            return Results.StatusCode(StatusCodes.Status201Created);
        }).Accepts<JsonElement>(Json);
        ObviousCapture.Map(app, "/bench/ef");
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = address };

        var (submitPath, body, template) = await SetUpFormAsync(app, address);
        // One real sign-up: the obvious endpoint copies the shape of its rows.
        await Ok(client.PostAsync(submitPath, new StringContent(body(0), Encoding.UTF8, Json)));
        await ObviousCapture.ReadModelAsync(app.Services);
        HttpRequestMessage Bare(long n) => new(HttpMethod.Post, "/bench/bare") { Content = new StringContent(body(n), Encoding.UTF8, Json) };
        HttpRequestMessage Capture(long n) => new(HttpMethod.Post, submitPath) { Content = new StringContent(body(n), Encoding.UTF8, Json) };
        var useWrk = WrkRun.Available && Environment.GetEnvironmentVariable("MARKETING_BENCH_CLIENT") != "inprocess";
        Task<LoadResult> RunBare(string name, TimeSpan time) => useWrk
            ? WrkRun.RunAsync(name, new Uri(address, "/bench/bare"), template, time, concurrency)
            : LoadRun.RunAsync(name, client, Bare, HttpStatusCode.Created, time, concurrency);
        var round = 0;
        Task<LoadResult> RunObvious(string name, TimeSpan time) => useWrk
            ? WrkRun.RunAsync(name, new Uri(address, "/bench/ef"), template, time, concurrency)
            : LoadRun.RunAsync(name, client, n => new(HttpMethod.Post, "/bench/ef") { Content = new StringContent(body(n + (++round * 1_000_000_000L)), Encoding.UTF8, Json) },
                HttpStatusCode.Created, time, concurrency);
        Task<LoadResult> RunCapture(string name, TimeSpan time) => useWrk
            ? WrkRun.RunAsync(name, new Uri(address, submitPath), template, time, concurrency)
            : LoadRun.RunAsync(name, client, n => Capture(n + (++round * 1_000_000_000L)), HttpStatusCode.Created, time, concurrency);

        Console.WriteLine($"PostgreSQL capture benchmark: {concurrency} concurrent connections from {(useWrk ? "wrk" : "an in-process client")}, {duration.TotalSeconds:0} s per round, 2 rounds each, alternating; load average {LoadAverage.Now}");
        // Long enough for the JIT to finish tiering up the capture path: with 6 s, a quarter of the CPU of the first
        // measured capture round went to compiling, and that round read a third lower than the next.
        var warmup = TimeSpan.FromSeconds(15);
        await RunBare("warm-up bare", warmup);
        await RunObvious("warm-up EF Core", warmup);
        await RunCapture("warm-up capture", warmup);

        var bareRuns = new List<LoadResult>();
        var obviousRuns = new List<LoadResult>();
        var captureRuns = new List<LoadResult>();
        for (var r = 1; r <= 2; r++)
        {
            bareRuns.Add(await RunBare($"bare INSERT, round {r}", duration));
            Console.WriteLine(bareRuns[^1]);
            obviousRuns.Add(await RunObvious($"EF Core, round {r}", duration));
            Console.WriteLine(obviousRuns[^1]);
            captureRuns.Add(await RunCapture($"capture, round {r}", duration));
            Console.WriteLine(captureRuns[^1]);
        }

        static double Rate(List<LoadResult> runs) => runs.Sum(r => r.Ok) / runs.Sum(r => r.Elapsed.TotalSeconds);
        var bareRate = Rate(bareRuns);
        var obviousRate = Rate(obviousRuns);
        var captureRate = Rate(captureRuns);
        var p99 = captureRuns.Max(r => r.P99Ms);
        // Requests the load generator gave up on at the end of a round may still be committing: let them land.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var obviousStored = await CountAsync(connectionString, $"SELECT count(*) FROM submissions WHERE client_submission_id LIKE '{ObviousCapture.Prefix}%'");
        var stored = await CountAsync(connectionString, "SELECT count(*) FROM submissions") - obviousStored;
        var events = await CountAsync(connectionString,
            $"SELECT count(*) FROM consent_events e JOIN submissions s ON s.id = e.submission_id WHERE s.client_submission_id NOT LIKE '{ObviousCapture.Prefix}%'");
        var answered = captureRuns.Sum(r => r.Ok);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"durability: {stored:N0} submissions and {events:N0} ledger events stored by capture; {answered:N0} answered 201 in the measured rounds (plus warm-up); EF Core endpoint: {obviousStored:N0} stored, {obviousRuns.Sum(r => r.Ok):N0} answered 201 in the measured rounds"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare INSERT baseline: {bareRate:N0} req/s; EF Core baseline (same six rows, a transaction a request): {obviousRate:N0} req/s; capture: {captureRate:N0} submissions/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio capture/EF Core: {captureRate / obviousRate:0.00} (target >= 1.5)   capture p99: {p99:0.0} ms (target < 100 ms)   EF Core p99: {obviousRuns.Max(r => r.P99Ms):0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio capture/bare INSERT: {captureRate / bareRate:0.00} (was held to >= 1.5 against this baseline, which writes one row of six)"));
        Summary.Add($"capture vs EF Core, {concurrency} connections", $"{captureRate:N0} req/s", $"{obviousRate:N0} req/s", captureRate / obviousRate, 1.5);
        Summary.Add(new SummaryRow($"capture p99, {concurrency} connections", string.Create(CultureInfo.InvariantCulture, $"{p99:0.0} ms"),
            string.Create(CultureInfo.InvariantCulture, $"EF {obviousRuns.Max(r => r.P99Ms):0.0} ms"), null, "< 100 ms", p99 < 100));
        Summary.Add($"capture vs bare INSERT, {concurrency} connections", $"{captureRate:N0} req/s", $"{bareRate:N0} req/s", captureRate / bareRate, null);
        return captureRuns.Sum(r => r.Failed) + bareRuns.Sum(r => r.Failed) + obviousRuns.Sum(r => r.Failed) == 0 && stored >= answered ? 0 : 1;
    }

    /// <summary>Through the admin API, with a client of its own: the load clients carry no key, like a browser.</summary>
    private static async Task<(string SubmitPath, Func<long, string> Body, string Template)> SetUpFormAsync(WebApplication app, Uri address)
    {
        using var client = new HttpClient { BaseAddress = address };
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            var key = await CreateApiKey.HandleAsync(db, TimeProvider.System, "bench", ApiKeyRole.Admin, "bench", CancellationToken.None);
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Key);
        }

        await Ok(client.PutAsJsonAsync("/api/admin/sites/bench", new { name = "Bench", origins = new[] { "https://bench.example" } }));
        await Ok(client.PutAsJsonAsync("/api/admin/purposes/newsletter", new
        {
            names = new { en = "Newsletter" }, channels = new[] { "email" },
            bases = new Dictionary<string, object> { ["fr"] = new { basis = "consent" } }, retentionDays = 1095,
        }));
        await Ok(client.PutAsJsonAsync("/api/admin/notices/newsletter_wording", new { kind = "consent" }));
        await Ok(client.PostAsJsonAsync("/api/admin/notices/newsletter_wording/versions", new { locale = "en", text = "Yes, email me the newsletter." }));
        await Ok(client.PutAsJsonAsync("/api/admin/notices/privacy", new { kind = "privacy" }));
        await Ok(client.PostAsJsonAsync("/api/admin/notices/privacy/versions", new { locale = "en", text = "Privacy notice.", url = "https://bench.example/privacy" }));
        await Ok(client.PutAsJsonAsync("/api/admin/forms/signup", new
        {
            siteId = "bench",
            definition = new
            {
                locales = new[] { "en" }, defaultRegion = "FR",
                fields = new object[]
                {
                    new { name = "email", type = "email", label = new { en = "Email" }, required = true },
                    new { name = "first_name", type = "text", label = new { en = "First name" } },
                },
                consents = new object[] { new { purpose = "newsletter", notice = "newsletter_wording", doubleOptIn = true } },
                privacyNotice = "privacy", success = new { message = new { en = "Thanks" } }, minFillSeconds = 0,
            },
        }));
        await Ok(client.PostAsync("/api/admin/forms/signup/publish", null));
        var form = await client.GetFromJsonAsync<JsonElement>("/public/sites/bench/forms/signup");
        var token = form.GetProperty("token").GetString();
        // One body for both endpoints; %s is a unique id (the submission id and the email's local part).
        var template = $$$"""{"formVersion":1,"submissionId":"bench-%s","token":"{{{token}}}","fields":{"email":"person-%s@bench.example","first_name":"Bench"},"consents":["newsletter"],"context":{"pageUrl":"https://bench.example/signup?utm_source=bench","timeZone":"Europe/Paris","locale":"en"}}""";
        return ("/public/sites/bench/forms/signup/submissions",
            n => template.Replace("%s", n.ToString("D12", CultureInfo.InvariantCulture), StringComparison.Ordinal), template);
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
