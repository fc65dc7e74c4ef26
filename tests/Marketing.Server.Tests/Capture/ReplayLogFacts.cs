using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Capture;

/// <summary>
/// A widget retrying a submission is normal traffic, not a fault: the engine answers it from what it stored and
/// its logs stay quiet (no error, no stack trace) for an operator to read.
/// </summary>
public abstract class ReplayLogFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : ObservedApp
{
    [Fact]
    public async Task Replay_OfASubmission_LogsNoWarningAndNoError()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var body = await scenario.WidgetBodyAsync(browser, new { email = $"quiet.{Guid.NewGuid():N}@example.com" }, [scenario.Newsletter]);
        var first = await PostAsync(browser, scenario, body);
        app.Logs.Clear();

        var replay = await PostAsync(browser, scenario, body);

        Assert.Equal(first, replay);
        Assert.Empty(Warnings());
    }

    /// <summary>Replays among new submissions, posted at once so that they share the writer's batches.</summary>
    [Fact]
    public async Task Replays_InABatchOfNewSubmissions_LogNoWarningAndNoError()
    {
        var scenario = await CaptureScenario.CreateAsync(app);
        using var browser = app.CreateClient();
        var earlier = new List<object>();
        for (var i = 0; i < 5; i++)
        {
            var body = await scenario.WidgetBodyAsync(browser, new { email = $"earlier.{i}.{Guid.NewGuid():N}@example.com" }, [scenario.Newsletter]);
            await PostAsync(browser, scenario, body);
            earlier.Add(body);
        }

        var fresh = new List<object>();
        for (var i = 0; i < 20; i++)
        {
            fresh.Add(await scenario.WidgetBodyAsync(browser, new { email = $"fresh.{i}.{Guid.NewGuid():N}@example.com" }, [scenario.Newsletter]));
        }

        app.Logs.Clear();

        await Task.WhenAll(fresh.Concat(earlier).Select(body => PostAsync(browser, scenario, body)));

        Assert.Empty(Warnings());
        Assert.Equal(25, app.InScope(db => db.Submissions.Count(s => s.FormId == scenario.Form)));
    }

    private static async Task<string> PostAsync(HttpClient browser, CaptureScenario scenario, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.SubmitPath) { Content = JsonContent.Create(body) };
        // Each from its own address: the rate limit counts per address.
        request.Headers.Add(TestEndpoints.ClientAddressHeader, $"198.18.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        var response = await browser.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Warnings and errors of the engine. The test host cannot cap a body's size as Kestrel does, and routing says so for every
    /// request to an endpoint with a size limit: that line is about the test host, not the engine.
    /// </summary>
    private List<string> Warnings() => [.. app.Logs.Entries
        .Where(e => e.Level >= LogLevel.Warning && !e.Message.StartsWith("A request body size limit could not be applied", StringComparison.Ordinal))
        .Select(e => e.ToString())];
}

public sealed class ReplayLogFacts_OnSqlite(SqliteObservedApp app) : ReplayLogFacts<SqliteObservedApp>(app);

public sealed class ReplayLogFacts_OnPostgres(PostgresObservedApp app) : ReplayLogFacts<PostgresObservedApp>(app);
