using Hangfire;
using Marketing.Data;
using Marketing.Channels.Email;
using Marketing.Server.Jobs;

namespace Marketing.Server.Channels.Email;

/// <summary>A pass of the email dispatcher: claims due messages, asks the gate about each, sends what it allows.</summary>
public sealed class DispatchEmailJob(MarketingDbContext db, EmailDispatcher dispatcher, EmailDispatchSignal signal)
{
    /// <summary>Retries are the send records' business (with their own backoff); Hangfire must not re-run a pass.</summary>
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Send)]
    public async Task RunAsync(CancellationToken ct)
    {
        signal.PassStarted();
        await dispatcher.DispatchDueAsync(db, $"{Environment.MachineName}:{Environment.ProcessId}", ct);
    }
}
