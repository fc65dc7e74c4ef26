using Hangfire;
using Marketing.Data;
using Marketing.Server.Jobs;
using Marketing.Channels.Sms;

namespace Marketing.Server.Channels.Sms;

/// <summary>A pass of the SMS dispatcher: claims due messages, asks the gate about each, hands what it allows to Twilio.</summary>
public sealed class DispatchSmsJob(MarketingDbContext db, SmsDispatcher dispatcher, SmsDispatchSignal signal)
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
