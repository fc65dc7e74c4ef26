using Hangfire;
using Marketing.Consent;
using Marketing.Server.Jobs;

namespace Marketing.Server.Channels.Sms;

/// <summary>
/// Enqueues an SMS dispatch pass when messages were queued, at most one waiting at a time per node; the minutely pass
/// catches the rest.
/// </summary>
public sealed class SmsDispatchSignal(IBackgroundJobClient jobs) : DispatchSignal
{
    public override string Channel => ChannelKeys.Sms;

    protected override void Enqueue() => jobs.Enqueue<DispatchSmsJob>(job => job.RunAsync(CancellationToken.None));

    protected override void Schedule(DateTimeOffset at) => jobs.Schedule<DispatchSmsJob>(job => job.RunAsync(CancellationToken.None), at);
}
