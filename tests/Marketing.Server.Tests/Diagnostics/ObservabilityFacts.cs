using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Channels.Email;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Diagnostics;

/// <summary>
/// The Prometheus endpoint as an operator's scraper sees it: after a real capture, confirmation and marketing send, the
/// product's series are there with their labels, and no label names a person (no address, number, id or client address).
/// </summary>
public abstract partial class ObservabilityFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : ObservedEmailApp
{
    [Fact]
    public async Task Scrape_ListsCaptureGateSendAndJobSeries_AndNoLabelNamesAPerson()
    {
        var journey = await EmailJourney.StartAsync(app);
        var email = EmailJourney.NewAddress("otel");
        var personId = await journey.SubscribedAsync(email);
        var sent = await journey.SettledAsync(await journey.QueueAsync(personId));
        var phone = "0612345678";
        using var browser = app.CreateClient();
        var invalid = await browser.PostAsJsonAsync(journey.Scenario.SubmitPath,
            await journey.Scenario.WidgetBodyAsync(browser, new { email = "not an address", phone }));
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var (body, series) = await Eventually.ReturnsAsync(async () => Parse(await admin.GetStringAsync("/metrics")),
            s => s.Series.Any(x => x.Name == "marketing_job_duration_seconds_count" && x.Labels.GetValueOrDefault("job") == "DispatchEmailJob.RunAsync"),
            TimeSpan.FromSeconds(30));

        Assert.Equal("sent", sent.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var site = journey.Scenario.Site;
        var form = journey.Scenario.Form;
        AssertSeries(series, "marketing_submissions_total", ("site", site), ("form", form), ("outcome", "accepted"));
        AssertSeries(series, "marketing_submissions_total", ("site", site), ("form", form), ("outcome", "invalid"));
        AssertSeries(series, "marketing_gate_decisions_total", ("outcome", "allowed"), ("reason", "consent_event"));
        AssertSeries(series, "marketing_gate_decisions_total", ("outcome", "allowed"), ("reason", "message_type"));
        AssertSeries(series, "marketing_sends_total", ("channel", "email"), ("outcome", "sent"));
        AssertSeries(series, "marketing_sending_sent_total", ("channel", "email"));
        AssertSeries(series, "marketing_job_duration_seconds_count", ("job", "DispatchEmailJob.RunAsync"), ("outcome", "succeeded"));
        AssertSeries(series, "marketing_jobs_queue_depth", ("queue", "send"));
        AssertSeries(series, "marketing_jobs_queue_depth", ("queue", "nurture"));
        AssertSeries(series, "marketing_jobs_queue_oldest_age_seconds", ("queue", "default"));
        AssertSeries(series, "http_server_request_duration_seconds_count", ("http_route", "/public/sites/{siteId}/forms/{formId}/submissions"));

        // Nothing of the test's person anywhere in the answer, and no label value shaped like an address, a number or an id.
        foreach (var personal in new[] { email, personId.ToString(), personId.ToString("N"), phone, "+33612345678", "203.0.113.7", EmailJourney.ConfirmingAddress })
        {
            Assert.DoesNotContain(personal, body, StringComparison.OrdinalIgnoreCase);
        }

        var suspicious = series.SelectMany(s => s.Labels.Select(l => $"{s.Name}{{{l.Key}=\"{l.Value}\"}}"))
            .Where(l => EmailShape().IsMatch(l) || PhoneShape().IsMatch(l) || GuidShape().IsMatch(l) || Ipv4Shape().IsMatch(l))
            .Distinct().ToList();
        Assert.True(suspicious.Count == 0, "Labels that look personal:\n" + string.Join('\n', suspicious));
    }

    [Fact]
    public async Task Scrape_AnswersAnAdminKeyOrAnAllowedNetworkOnly()
    {
        using var anonymous = app.CreateClient();
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        using var captureOnly = await ScopedAdminAsync(admin, "capture");
        using var diagnosticsOnly = await ScopedAdminAsync(admin, "diagnostics");

        var outsider = await ScrapeFromAsync(anonymous, "203.0.113.9");
        var scraper = await ScrapeFromAsync(anonymous, "198.51.100.7");
        var byMarketer = await marketer.GetAsync("/metrics");
        var byCaptureOnly = await captureOnly.GetAsync("/metrics");
        var byDiagnosticsOnly = await diagnosticsOnly.GetAsync("/metrics");
        var byAdmin = await admin.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, outsider.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraper.StatusCode);
        Assert.StartsWith("text/plain", scraper.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byMarketer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCaptureOnly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byDiagnosticsOnly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.DoesNotContain("marketing_", await outsider.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> ScopedAdminAsync(HttpClient admin, string scope)
    {
        var created = await admin.PostAsJsonAsync("/api/admin/keys", new { name = $"{scope}-only-{Guid.NewGuid():N}", role = "admin", scopes = new[] { scope } });
        created.EnsureSuccessStatusCode();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        return client;
    }

    private static async Task<HttpResponseMessage> ScrapeFromAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(TestEndpoints.ClientAddressHeader, address);
        return await client.SendAsync(request);
    }

    private static void AssertSeries(List<Sample> series, string name, params (string Key, string Value)[] labels) =>
        Assert.True(series.Any(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)),
            $"no series {name}{{{string.Join(',', labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} among:\n"
            + string.Join('\n', series.Where(s => s.Name == name).Select(s => string.Join(',', s.Labels.Select(l => $"{l.Key}=\"{l.Value}\"")))));

    private sealed record Sample(string Name, Dictionary<string, string> Labels);

    /// <summary>The samples of the Prometheus text format: name, labels (unescaped) and value; comments skipped.</summary>
    private static (string Body, List<Sample> Series) Parse(string body) => (body, [.. body.Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => SampleLine().Match(line))
        .Where(m => m.Success)
        .Select(m => new Sample(m.Groups["name"].Value, LabelPair().Matches(m.Groups["labels"].Value)
            .ToDictionary(l => l.Groups["key"].Value, l => Regex.Unescape(l.Groups["value"].Value), StringComparer.Ordinal)))]);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+\S+")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    [GeneratedRegex(@"=""[^""]*@[^""]*\.[^""]*""")]
    private static partial Regex EmailShape();

    // Eight digits or more, with the separators people type: a phone number (bucket bounds and versions are shorter).
    [GeneratedRegex(@"=""\+?(?:\d[\s.()-]?){8,}""")]
    private static partial Regex PhoneShape();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex GuidShape();

    [GeneratedRegex(@"=""\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}""")]
    private static partial Regex Ipv4Shape();
}

/// <summary>The email engine with a scraper's network allowed to read the metrics without a key.</summary>
public abstract class ObservedEmailApp(Data.DatabaseProvider provider) : EmailApp(provider)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings =>
        new Dictionary<string, string>(base.ExtraSettings) { ["Marketing__Observability__Prometheus__AllowedNetworks__0"] = "198.51.100.0/24" };
}

public sealed class SqliteObservedEmailApp() : ObservedEmailApp(Data.DatabaseProvider.Sqlite);

public sealed class PostgresObservedEmailApp() : ObservedEmailApp(Data.DatabaseProvider.Postgres);

public sealed class ObservabilityFacts_OnSqlite(SqliteObservedEmailApp app) : ObservabilityFacts<SqliteObservedEmailApp>(app);

public sealed class ObservabilityFacts_OnPostgres(PostgresObservedEmailApp app) : ObservabilityFacts<PostgresObservedEmailApp>(app);
