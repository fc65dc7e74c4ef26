using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Marketing.Access;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Bench;

/// <summary>
/// The web app's budgets (issue 16) over a lead store of <c>people</c> people on PostgreSQL: server time p95 of every
/// page the navigation lists, of the people search in each of its forms, and of a person's timeline; and what each page
/// costs a first visit over the wire (the page, its stylesheet and every script it loads, compressed as served). The
/// baseline is the engine's own floor, <c>/health/live</c> through the same host and client in the same run.
/// </summary>
public static partial class WebBenchmark
{
    private const double PageBudgetMs = 100, SearchBudgetMs = 150, PageBytesBudget = 150 * 1024, ScriptBytesBudget = 50 * 1024;
    private const int Requests = 200;

    public static Task<int> RunAsync(string serverConnectionString, long people) =>
        BenchDatabase.WithThrowawayAsync(serverConnectionString, 20, connectionString => RunOnAsync(connectionString, people));

    private static async Task<int> RunOnAsync(string connectionString, long people)
    {
        BenchDatabase.UseForEngine(connectionString);
        await using var app = await MarketingHost.BuildAsync(["--urls", "http://127.0.0.1:0", "--applicationName", "Marketing.Server"]);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var seeding = Stopwatch.StartNew();
        // The person the searches look for: the middle of the store, with an email address and a number.
        var middle = people / 2 / 2 * 2;
        var person = await SeedAsync(app.Services, connectionString, people, middle);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"web benchmark: {people:N0} people seeded in {seeding.Elapsed.TotalSeconds:0} s; load average {LoadAverage.Now}"));

        var admin = await AdminAsync(app.Services);
        using var browser = new Browser(address);
        await browser.SignInAsync(admin.Email, admin.Password, admin.Key);

        var floor = await P95Async(browser, [Live]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"floor: GET {Live} p95 {floor:0.00} ms"));
        var ok = true;

        var pages = Navigation.Items.Select(i => i.Path)
            // The dashboard and the API reference are others' static pages (Hangfire's, Scalar's), not ours to budget.
            .Where(p => p is not JobsSetup.DashboardPath and not WebSetup.EnrolPath and not Marketing.Server.ApiDescription.ApiDescriptionSetup.ReferencePath)
            .Append($"/people/{person}")
            .ToList();
        foreach (var page in pages)
        {
            var p95 = await P95Async(browser, [page]);
            ok &= Row($"page {Shorten(page)} p95", p95, floor, PageBudgetMs);
        }

        // Each kind of search the page offers, over people the seed made: an address, a number, a name's beginning,
        // a name with a purpose's state, a source, and a consent state alone (the widest index range).
        string[] searches =
        [
            $"/people?q=p{middle}%40example.com", $"/people?q=%2B336{10_000_000 + middle}", "/people?q=camille+du",
            "/people?q=camille&purpose=newsletter&status=confirmed", "/people?source=form%3Anewsletter", "/people?purpose=newsletter&status=confirmed&regime=fr",
        ];
        var search = await P95Async(browser, searches);
        ok &= Row("people search p95 (6 kinds)", search, floor, SearchBudgetMs);
        foreach (var kind in searches)
        {
            var p95 = await P95Async(browser, [kind], 50);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-60} p95 {p95:0.0} ms"));
        }

        foreach (var page in pages)
        {
            var (total, script) = await browser.FirstVisitBytesAsync(page);
            ok &= BytesRow($"page {Shorten(page)} bytes", total, PageBytesBudget);
            ok &= BytesRow($"page {Shorten(page)} script", script, ScriptBytesBudget);
        }

        return ok ? 0 : 1;
    }

    private const string Live = "/health/live";

    private static string Shorten(string path) => path.StartsWith("/people/", StringComparison.Ordinal) ? "/people/{id}" : path;

    private static bool Row(string name, double p95, double floor, double budget)
    {
        var met = p95 < budget;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {p95,8:0.0} ms   {p95 / floor,7:0.0}x the floor   budget < {budget} ms   {(met ? "met" : "NOT MET")}"));
        Summary.Add(new SummaryRow($"web: {name}", string.Create(CultureInfo.InvariantCulture, $"{p95:0.0} ms"),
            string.Create(CultureInfo.InvariantCulture, $"floor {floor:0.00} ms"), p95 / floor, string.Create(CultureInfo.InvariantCulture, $"< {budget} ms"), met));
        return met;
    }

    private static bool BytesRow(string name, long bytes, double budget)
    {
        var met = bytes <= budget;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {bytes / 1024.0,8:0.0} KB   budget <= {budget / 1024} KB   {(met ? "met" : "NOT MET")}"));
        Summary.Add(new SummaryRow($"web: {name}", string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
            string.Create(CultureInfo.InvariantCulture, $"budget {budget / 1024} KB"), bytes / budget, string.Create(CultureInfo.InvariantCulture, $"<= {budget / 1024} KB"), met));
        return met;
    }

    /// <summary>Warm-up, then <see cref="Requests"/> requests one after another (a person clicks; pages are not a load test).</summary>
    private static async Task<double> P95Async(Browser browser, string[] paths, int requests = Requests)
    {
        for (var i = 0; i < Math.Min(20, requests); i++)
        {
            await browser.GetOkAsync(paths[i % paths.Length]);
        }

        var times = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await browser.GetOkAsync(paths[i % paths.Length]);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[(int)(0.95 * requests)];
    }

    /// <summary>
    /// People as forms leave them, written by PostgreSQL itself (a million through the capture path would take the whole
    /// run): email, a French mobile number for every other one, a name from a small list so that name searches find many,
    /// five form sources, and a consent state for the newsletter for every other person. Returns person <paramref name="middle"/>, given
    /// a timeline of 100 sends.
    /// </summary>
    private static async Task<Guid> SeedAsync(IServiceProvider services, string connectionString, long people, long middle)
    {
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            db.Purposes.Add(new Purpose
            {
                Id = Guid.CreateVersion7(), Key = "newsletter", Names = new() { ["en"] = "Newsletter", ["fr"] = "Lettre" }, Channels = ["email"],
                Bases = new() { ["fr"] = new PurposeBasis("consent") }, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        await BenchDatabase.ExecuteAsync(connectionString, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO people (id, email, phone, attributes, name_key, locale, time_zone, country, business, regime, source, created_at, updated_at, ledger_sequence, row_version)
            SELECT gen_random_uuid(), 'p' || g || '@example.com',
                   CASE WHEN g % 2 = 0 THEN '+336' || lpad((10000000 + g)::text, 8, '0') END,
                   json_build_object('first_name', f.name, 'last_name', l.name)::text, lower(f.name || ' ' || l.name),
                   'fr', 'Europe/Paris', 'FR', false, CASE WHEN g % 3 = 0 THEN 'eu' ELSE 'fr' END, 'form:newsletter@' || (g % 5 + 1),
                   now() - g * interval '1 second', now(), 0, 0
            FROM generate_series(1, {people}) g
            CROSS JOIN LATERAL (SELECT (ARRAY['Camille','Louis','Emma','Jules','Léa','Hugo','Chloé','Arthur'])[1 + g % 8] AS name) f
            CROSS JOIN LATERAL (SELECT (ARRAY['Dupont','Martin','Durand','Bernard','Petit','Moreau','Laurent','Simon','Michel','Leroy'])[1 + (g / 8) % 10] AS name) l;
            INSERT INTO consent_states (person_id, purpose_id, channel, last_event_id, status, updated_at, name_key)
            SELECT p.id, u.id, 'email', gen_random_uuid(), CASE WHEN row_number() OVER () % 4 = 0 THEN 'withdrawn' ELSE 'confirmed' END, now(), p.name_key
            FROM people p CROSS JOIN purposes u WHERE u.key = 'newsletter' AND p.phone IS NOT NULL;
            ANALYZE;
            """));

        using var again = services.CreateScope();
        var store = again.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var person = store.People.Single(p => p.Email == $"p{middle}@example.com");
        var at = DateTimeOffset.UtcNow.AddDays(-30);
        for (var i = 0; i < 100; i++)
        {
            store.SendRecords.Add(new SendRecord
            {
                Id = Guid.CreateVersion7(), Key = $"bench:{i}", PersonId = person.Id, Channel = "email", MessageType = MessageTypes.Marketing, TemplateKey = "weekly",
                Status = i % 10 == 0 ? SendStatuses.Blocked : SendStatuses.Sent, CreatedAt = at.AddHours(i), DueAt = at.AddHours(i), DecidedAt = at.AddHours(i),
                Decision = i % 10 == 0 ? GateDecision.BlockedDecision : GateDecision.AllowedDecision,
                DecisionReason = i % 10 == 0 ? "quiet hours in the person's time zone" : "consent confirmed",
            });
        }

        await store.SaveChangesAsync();
        return person.Id;
    }

    /// <summary>An admin reaches every page; the role needs a second factor, so it has an authenticator app like a real one.</summary>
    private static async Task<(string Email, string Password, string Key)> AdminAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { Id = Guid.CreateVersion7(), UserName = "bench@acme.example", Email = "bench@acme.example", Role = ApiKeyRole.Admin, CreatedAt = DateTimeOffset.UtcNow, InvitedBy = "bench" };
        const string Password = "benchmark password of some length";
        Check(await users.CreateAsync(user, Password));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return (user.Email, Password, (await users.GetAuthenticatorKeyAsync(user))!);

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
    }

    /// <summary>
    /// A browser's session over plain HTTP on loopback: the app's cookies are <c>Secure</c>, which HttpClient would not send
    /// back over http, so this one keeps them itself. Nothing is decompressed: bytes are counted as they travel.
    /// </summary>
    private sealed partial class Browser(Uri address) : IDisposable
    {
        private readonly HttpClient _client = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = address,
        };

        private readonly Dictionary<string, string> _cookies = [];

        public async Task SignInAsync(string email, string password, string key)
        {
            var answer = await PostFormAsync("/account/sign-in", "password", new() { ["Input.Email"] = email, ["Input.Password"] = password });
            Expect(answer, "/account/sign-in/code");
            answer = await PostFormAsync("/account/sign-in/code", "code", new() { ["Code"] = Totp.Code(key) });
            Expect(answer, "/");

            static void Expect(HttpResponseMessage answer, string path)
            {
                if (answer.StatusCode != HttpStatusCode.Redirect || PathOf(answer.Headers.Location) != path)
                {
                    throw new InvalidOperationException($"sign-in answered {(int)answer.StatusCode} {answer.Headers.Location}, not a redirect to {path}");
                }
            }
        }

        private static string? PathOf(Uri? location) => location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

        public async Task GetOkAsync(string path)
        {
            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
            await response.Content.LoadIntoBufferAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        /// <summary>
        /// What a first visit downloads: the page, then each stylesheet and script it names and each module those import
        /// statically (a dynamic <c>import()</c>, such as blazor.web.js's of the WebAssembly runtime, is not fetched by
        /// server-rendered pages).
        /// </summary>
        public async Task<(long Total, long Script)> FirstVisitBytesAsync(string path)
        {
            var (html, htmlBytes) = await ReadAsync(path);
            long total = htmlBytes, script = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<(string Url, bool IsScript)>(Linked(html, path));
            while (queue.TryDequeue(out var item))
            {
                if (!seen.Add(item.Url))
                {
                    continue;
                }

                var (text, bytes) = await ReadAsync(item.Url);
                total += bytes;
                if (item.IsScript)
                {
                    script += bytes;
                    // app.js imports its section's module on the pages of that section (its sectionModules table).
                    foreach (Match section in SectionModule().Matches(text))
                    {
                        var prefix = section.Groups[1].Value;
                        if (path == prefix || path.StartsWith($"{prefix}/", StringComparison.Ordinal))
                        {
                            queue.Enqueue((section.Groups[2].Value, true));
                        }
                    }

                    foreach (Match import in Import().Matches(text))
                    {
                        queue.Enqueue((new Uri(new Uri(_client.BaseAddress!, item.Url), import.Groups[1].Value).PathAndQuery, true));
                    }
                }
            }

            return (total, script);
        }

        private static IEnumerable<(string, bool)> Linked(string html, string page)
        {
            var baseUri = new Uri(new Uri("http://page"), page);
            foreach (Match m in ScriptSource().Matches(html))
            {
                yield return (new Uri(baseUri, WebUtility.HtmlDecode(m.Groups[1].Value)).PathAndQuery, true);
            }

            foreach (Match m in Stylesheet().Matches(html))
            {
                var href = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                yield return (new Uri(baseUri, WebUtility.HtmlDecode(href)).PathAndQuery, false);
            }
        }

        private async Task<(string Text, long Bytes)> ReadAsync(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var response = await SendAsync(request);
            var raw = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
            }

            var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
            using var body = encoding switch
            {
                "br" => (Stream)new System.IO.Compression.BrotliStream(new MemoryStream(raw), System.IO.Compression.CompressionMode.Decompress),
                "gzip" => new System.IO.Compression.GZipStream(new MemoryStream(raw), System.IO.Compression.CompressionMode.Decompress),
                _ => new MemoryStream(raw),
            };
            using var reader = new StreamReader(body);
            return (await reader.ReadToEndAsync(), raw.Length);
        }

        private async Task<HttpResponseMessage> PostFormAsync(string path, string handler, Dictionary<string, string> fields)
        {
            var (html, _) = await ReadAsync(path);
            var token = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
            var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = handler };
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) };
            return await SendAsync(request);
        }

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await _client.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var pair in set.Select(c => c.Split(';')[0].Split('=', 2)))
                {
                    _cookies[pair[0]] = pair[1];
                }
            }

            return response;
        }

        public void Dispose() => _client.Dispose();

        [GeneratedRegex("\\['(/[a-z/-]+)', '(/[A-Za-z/.]+\\.js)'\\]")]
        private static partial Regex SectionModule();

        [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
        private static partial Regex Token();

        [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
        private static partial Regex ScriptSource();

        [GeneratedRegex("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"|<link[^>]*href=\"([^\"]+)\"[^>]*rel=\"stylesheet\"")]
        private static partial Regex Stylesheet();

        [GeneratedRegex("(?:^|[;}\\s])(?:import|from)\\s*[\"'](\\.{1,2}/[^\"']+|/[^\"']+)[\"']", RegexOptions.Multiline)]
        private static partial Regex Import();
    }
}
