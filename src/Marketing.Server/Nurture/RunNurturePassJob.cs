using Hangfire;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Nurture;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Marketing.Server.Sending;

namespace Marketing.Server.Nurture;

/// <summary>Steps the engine could not run; thrown after everything else was saved, so the pass shows as failed in the job dashboard.</summary>
public sealed class NurtureStepsFailedException(IReadOnlyList<string> failures)
    : Exception($"{failures.Count} enrolment(s) failed permanently: {string.Join("; ", failures.Take(20))}");

/// <summary>
/// One Hangfire job advances many enrolments (one job per step would cap the engine near Hangfire's own rate).
/// A leading pass first enrols whoever a trigger fired for; when it finds a full batch it starts helper passes,
/// which any node's workers may pick up, so a large wave is worked on by every node at once.
/// </summary>
public sealed class RunNurturePassJob(MarketingDbContext db, NurtureEngine engine, NurtureSignal signal, DispatchSignals dispatch,
    IBackgroundJobClient jobs, ResolvedSettings settings, TimeProvider clock, ILogger<RunNurturePassJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Nurture)]
    public async Task RunAsync(bool leading, CancellationToken ct)
    {
        if (leading)
        {
            signal.PassStarted();
            await EnrolTriggeredAsync(ct);
        }

        var helpersStarted = !leading;
        var report = await engine.RunDueAsync(db, $"{Environment.MachineName}:{Environment.ProcessId}", ct, batch =>
        {
            if (batch.Report.QueuedEmail > 0)
            {
                dispatch.Notify(ChannelKeys.Email);
            }

            if (batch.Report.QueuedSms > 0)
            {
                dispatch.Notify(ChannelKeys.Sms);
            }

            if (!helpersStarted && batch.Claimed == engine.Options.BatchSize)
            {
                helpersStarted = true;
                for (var i = 1; i < settings.Raw.Nurture.Parallelism; i++)
                {
                    jobs.Enqueue<RunNurturePassJob>(job => job.RunAsync(false, CancellationToken.None));
                }
            }
        });

        if (report.Failures.Count > 0)
        {
            throw new NurtureStepsFailedException(report.Failures);
        }
    }

    private async Task EnrolTriggeredAsync(CancellationToken ct)
    {
        try
        {
            await Enrol.TriggeredAsync(db, clock.GetUtcNow(), ct);
        }
        catch (Exception e) when (BulkInsert.IsDuplicate(e))
        {
            // Another node's scan enrolled the same people a moment earlier; the next scan reads the same rows again.
            logger.LogInformation(e, "trigger scan collided with another node's; it will be redone");
            db.ChangeTracker.Clear();
        }
    }
}
