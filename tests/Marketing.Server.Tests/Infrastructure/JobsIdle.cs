using Hangfire;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Microsoft.Extensions.Configuration;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// Waits until Hangfire holds no job that could still run: none scheduled, enqueued or processing. A job seen to have run
/// once has then run for the last time, however late a duplicate would have come; a fixed wait would miss a late one.
/// </summary>
public static class JobsIdle
{
    public static async Task<bool> WaitAsync(JobStorage storage, TimeSpan timeout)
    {
        var monitoring = storage.GetMonitoringApi();
        return await Eventually.ReturnsAsync(() => Task.FromResult(monitoring.GetStatistics()),
            s => s.Scheduled == 0 && s.Enqueued == 0 && s.Processing == 0, timeout) is { Scheduled: 0, Enqueued: 0, Processing: 0 };
    }

    /// <summary>The job storage of engine processes started with <paramref name="settings"/>, read from the test.</summary>
    public static JobStorage StorageOf(string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var resolved = ResolvedSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(settings!).Build(), workingDirectory);
        try
        {
            return JobsSetup.CreateStorage(resolved, prepareSchema: false);
        }
        catch (ObjectDisposedException)
        {
            // Hangfire's static log provider still names the logger factory of an in-process host this test run has disposed.
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
            return JobsSetup.CreateStorage(resolved, prepareSchema: false);
        }
    }
}
