using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Server.PublicEndpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Playwright;

namespace Marketing.Bench;

/// <summary>
/// Our cookie banner beside the peers of issue 6 (installed from npm by bench/run.sh), each on the same page
/// served by one local server with the same compression, in headless Chromium with a cold cache: bytes
/// transferred, time from navigation to the banner visible, and main-thread script time. Medians of N runs,
/// and each as a ratio to ours.
/// </summary>
public static class BannerBenchmark
{
    private sealed record Widget(string Name, string Slug, string Selector, string Head, string[] Files);

    private sealed record Measure(long Bytes, double VisibleMs, double ScriptMs);

    // Records when the banner first shows (any opacity, a real box) without polling from outside the page,
    // which would add script time of its own; the console message says it happened.
    private const string VisibilityProbe = """
        (selector => {
          const seen = () => {
            const e = document.querySelector(selector);
            if (window.bannerVisibleAt || !e || !e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) || !e.getBoundingClientRect().height) return !!window.bannerVisibleAt;
            window.bannerVisibleAt = performance.now();
            console.debug('banner-visible');
            return true;
          };
          const frame = () => { if (!seen()) requestAnimationFrame(frame); };
          requestAnimationFrame(frame);
          new MutationObserver((_, o) => { if (seen()) o.disconnect(); }).observe(document, { subtree: true, childList: true, attributes: true });
        })
        """;

    public static async Task<int> RunAsync(string? peersDirectory, int runs)
    {
        var data = Directory.CreateTempSubdirectory("marketing-banner-bench-").FullName;
        try
        {
            Environment.SetEnvironmentVariable("Marketing__Database__Provider", "sqlite");
            Environment.SetEnvironmentVariable("Marketing__DataDirectory", data);
            Environment.SetEnvironmentVariable("Marketing__Jobs__RunServer", "false");
            Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
            await using var engine = await MarketingHost.BuildAsync(["--urls", "http://127.0.0.1:0"]);
            await engine.StartAsync();
            var engineAddress = Address(engine);

            var modules = peersDirectory is null ? null : Path.Combine(peersDirectory, "node_modules");
            await using var pages = await StartPageServerAsync(modules, engineAddress);
            var pageOrigin = new UriBuilder(Address(pages)) { Host = "localhost" }.Uri;
            await PublishBannerAsync(engine, engineAddress, pageOrigin);

            var widgets = Widgets(engineAddress).Where(w => w.Files.Length == 0 || (modules is not null && Directory.Exists(Path.Combine(modules, w.Files[0].Split('/')[0])))).ToList();
            if (modules is null)
            {
                Console.WriteLine("peers: not installed (npm could not install them), so only our banner is measured");
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runs} runs each, cold cache, medians; same page, same local server with Brotli/gzip; headless Chromium"));
            Console.WriteLine($"{"banner",-30} {"JS+CSS gzip -9",15} {"transferred",12} {"visible after",14} {"script time",12}   ratios to ours (bytes, visible, script)");
            var baseline = await MeasureAsync(browser, new Uri(pageOrigin, "/page-alone.html"), "main", runs);
            Console.WriteLine($"{"page alone (no banner)",-30} {"",15} {Kb(baseline.Bytes),12} {Ms(baseline.VisibleMs),14} {Ms(baseline.ScriptMs),12}");
            Measure? ours = null;
            foreach (var widget in widgets)
            {
                var result = await MeasureAsync(browser, new Uri(pageOrigin, $"/{widget.Slug}.html"), widget.Selector, runs);
                ours ??= result;
                var size = widget.Name.StartsWith("ours", StringComparison.Ordinal) ? GzipSize(Path.Combine(AppContext.BaseDirectory, "widgets", "consent.js")) : widget.Files.Sum(f => GzipSize(Path.Combine(modules!, f)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{widget.Name,-30} {Kb(size),15} {Kb(result.Bytes),12} {Ms(result.VisibleMs),14} {Ms(result.ScriptMs),12}   {result.Bytes / (double)ours.Bytes,5:0.0}  {result.VisibleMs / ours.VisibleMs,5:0.0}  {result.ScriptMs / ours.ScriptMs,5:0.0}"));
                if (!widget.Name.StartsWith("ours", StringComparison.Ordinal))
                {
                    Summary.Add($"banner bytes transferred, ours vs {widget.Name}", Kb(ours.Bytes).Trim(), Kb(result.Bytes).Trim(), ours.Bytes / (double)result.Bytes, null);
                }
            }

            Console.WriteLine("transferred: every response but the page itself, headers included (ours: public/sites/bench/consent.js, the script with its configuration in one response; the older tag: widgets/consent.js plus its configuration JSON)");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private const string Ours = "ours (one response)";

    private static IEnumerable<Widget> Widgets(Uri engine) =>
    [
        new(Ours, "ours", "dialog.mkt-cc", $"<script src=\"{engine}public/sites/bench/consent.js\" async></script>", []),
        new("ours (script + config)", "ours-two", "dialog.mkt-cc", $"<script src=\"{engine}widgets/consent.js\" data-site=\"bench\" async></script>", []),
        new("vanilla-cookieconsent 3.1.0", "vanilla-cookieconsent", "#cc-main .cm",
            "<link rel=\"stylesheet\" href=\"/peers/vanilla-cookieconsent/dist/cookieconsent.css\"><script src=\"/peers/vanilla-cookieconsent/dist/cookieconsent.umd.js\" defer></script><script src=\"/bench/init-vanilla-cookieconsent.js\" defer></script>",
            ["vanilla-cookieconsent/dist/cookieconsent.umd.js", "vanilla-cookieconsent/dist/cookieconsent.css"]),
        new("orejime 3.2.1", "orejime", ".orejime-Banner",
            "<link rel=\"stylesheet\" href=\"/peers/orejime/dist/orejime-standard.css\"><script src=\"/bench/init-orejime.js\" defer></script><script src=\"/peers/orejime/dist/orejime-standard-en.js\" defer></script>",
            ["orejime/dist/orejime-standard-en.js", "orejime/dist/orejime-standard.css"]),
        new("tarteaucitron 1.34.0", "tarteaucitron", "#tarteaucitronAlertBig",
            "<script src=\"/peers/tarteaucitronjs/tarteaucitron.min.js\" defer></script><script src=\"/bench/init-tarteaucitron.js\" defer></script>",
            ["tarteaucitronjs/tarteaucitron.min.js", "tarteaucitronjs/css/tarteaucitron.min.css", "tarteaucitronjs/lang/tarteaucitron.en.min.js", "tarteaucitronjs/tarteaucitron.services.min.js"]),
        new("klaro 0.7.22", "klaro", ".klaro .cookie-notice",
            "<script src=\"/bench/init-klaro.js\" defer></script><script src=\"/peers/klaro/dist/klaro.js\" defer></script>",
            ["klaro/dist/klaro.js"]),
        new("cookieconsent (Osano) 3.1.1", "cookieconsent", ".cc-window",
            "<link rel=\"stylesheet\" href=\"/peers/cookieconsent/build/cookieconsent.min.css\"><script src=\"/peers/cookieconsent/build/cookieconsent.min.js\" defer></script><script src=\"/bench/init-cookieconsent.js\" defer></script>",
            ["cookieconsent/build/cookieconsent.min.js", "cookieconsent/build/cookieconsent.min.css"]),
    ];

    private static async Task<Measure> MeasureAsync(IBrowser browser, Uri url, string selector, int runs)
    {
        var results = new List<Measure>();
        for (var run = 0; run < runs + 1; run++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
            var page = await context.NewPageAsync();
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Performance.enable");
            await page.AddInitScriptAsync($"{VisibilityProbe}({System.Text.Json.JsonSerializer.Serialize(selector)})");
            var sizes = new List<Task<RequestSizesResult>>();
            page.RequestFinished += (_, request) =>
            {
                if (request.Url != url.ToString() && !request.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
                {
                    sizes.Add(request.SizesAsync());
                }
            };
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") { errors.Add(m.Text); } };
            page.PageError += (_, e) => errors.Add(e);
            page.Response += (_, r) => { if (r.Status >= 400) { errors.Add($"{r.Status} {r.Url}"); } };
            var visible = page.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text == "banner-visible", Timeout = 20_000 });
            await page.GotoAsync(url.ToString());
            try
            {
                await visible;
            }
            catch (TimeoutException)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"banner-bench-{url.Segments[^1]}.png") });
                throw new InvalidOperationException($"{url}: no '{selector}' became visible; the page said: {string.Join(" | ", errors)}");
            }

            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var metrics = await cdp.SendAsync("Performance.getMetrics");
            var script = metrics!.Value.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "ScriptDuration").GetProperty("value").GetDouble();
            var visibleAt = await page.EvaluateAsync<double>("window.bannerVisibleAt");
            long bytes = 0;
            foreach (var size in await Task.WhenAll(sizes))
            {
                bytes += size.ResponseBodySize + size.ResponseHeadersSize;
            }

            // The first run warms the server and the browser process, not the page's cache: it is not counted.
            if (run > 0)
            {
                results.Add(new Measure(bytes, visibleAt, script * 1000));
            }
        }

        return new Measure((long)Median(results.Select(r => (double)r.Bytes)), Median(results.Select(r => r.VisibleMs)), Median(results.Select(r => r.ScriptMs)));
    }

    /// <summary>The customer's site: one page per banner, the peers' files and their set-up, compressed like the engine's.</summary>
    private static async Task<WebApplication> StartPageServerAsync(string? modules, Uri engine)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddPublicCompression();
        var app = builder.Build();
        app.UseResponseCompression();
        if (modules is not null)
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(modules), RequestPath = "/peers" });
        }

        var benchFiles = Path.Combine(AppContext.BaseDirectory, "banner");
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(benchFiles), RequestPath = "/bench" });
        app.MapGet("/{slug}.html", (string slug) =>
        {
            var head = Widgets(engine).SingleOrDefault(w => w.Slug == slug)?.Head ?? "";
            return Results.Content("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A shop</title>" + head +
                "</head><body><main><h1>A shop</h1><p>Products, prices and a basket.</p></main></body></html>", "text/html");
        });
        await app.StartAsync();
        return app;
    }

    private static async Task PublishBannerAsync(WebApplication engine, Uri engineAddress, Uri pageOrigin)
    {
        string key;
        using (var scope = engine.Services.CreateScope())
        {
            key = (await CreateApiKey.HandleAsync(scope.ServiceProvider.GetRequiredService<MarketingDbContext>(), TimeProvider.System, "bench", ApiKeyRole.Admin, "bench", CancellationToken.None)).Key;
        }

        using var admin = new HttpClient { BaseAddress = engineAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        (await admin.PutAsJsonAsync("/api/admin/sites/bench", new { name = "Bench", origins = new[] { pageOrigin.GetLeftPart(UriPartial.Authority) } })).EnsureSuccessStatusCode();
        var en = (string text) => new Dictionary<string, string> { ["en"] = text };
        var definition = new
        {
            locales = new[] { "en" },
            privacyPolicyUrl = $"{pageOrigin}privacy",
            categories = new object[]
            {
                new { key = "essential", required = true, names = en("Essential"), descriptions = en("Needed for the site to work") },
                new { key = "analytics", names = en("Audience measurement"), descriptions = en("Counts visits"), googleConsent = new[] { "analytics_storage" } },
                new { key = "marketing", marketing = true, names = en("Advertising"), descriptions = en("Ads based on your interests"), googleConsent = new[] { "ad_storage" } },
            },
            services = new object[]
            {
                new { key = "matomo", name = "Matomo", category = "analytics", provider = "Acme SAS", purposes = en("Audience measurement"),
                    cookies = new[] { new { name = "_pk_id", lifetimeDays = 395 }, new { name = "_pk_ses", lifetimeDays = 1 } } },
                new { key = "adnet", name = "AdNet", category = "marketing", provider = "AdNet Ltd", purposes = en("Personalised advertising"),
                    cookies = new[] { new { name = "ad_*", lifetimeDays = 90 } } },
            },
        };
        (await admin.PutAsJsonAsync("/api/admin/sites/bench/banner", new { definition })).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/sites/bench/banner/publish", null)).EnsureSuccessStatusCode();
    }

    private static Uri Address(WebApplication app) => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static long GzipSize(string path)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(File.ReadAllBytes(path));
        }

        return compressed.Length;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Kb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB");

    private static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms");
}
