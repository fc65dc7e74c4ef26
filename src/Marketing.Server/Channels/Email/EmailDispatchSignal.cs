using Hangfire;
using Marketing.Consent;
using Marketing.Server.Jobs;

namespace Marketing.Server.Channels.Email;

/// <summary>
/// Enqueues a dispatch pass when messages were queued, at most one waiting at a time per node: a burst of
/// sign-ups costs one Hangfire job, not one each. The minutely recurring pass catches anything else
/// (retries, scheduled sends, a node that stopped).
/// </summary>
public sealed class EmailDispatchSignal(IBackgroundJobClient jobs) : DispatchSignal
{
    public override string Channel => ChannelKeys.Email;

    protected override void Enqueue() => jobs.Enqueue<DispatchEmailJob>(job => job.RunAsync(CancellationToken.None));

    protected override void Schedule(DateTimeOffset at) => jobs.Schedule<DispatchEmailJob>(job => job.RunAsync(CancellationToken.None), at);
}
