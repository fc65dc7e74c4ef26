using Hangfire;
using Marketing.Server.Jobs;

namespace Marketing.Server.Nurture;

/// <summary>Starts a leading pass when people were enrolled, at most one waiting per node; the minutely pass catches the rest.</summary>
public sealed class NurtureSignal(IBackgroundJobClient jobs) : PassSignal
{
    protected override void Enqueue() => jobs.Enqueue<RunNurturePassJob>(job => job.RunAsync(true, CancellationToken.None));
}
