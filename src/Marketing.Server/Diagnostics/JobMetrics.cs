using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Marketing.Diagnostics;
using Marketing.Server.Jobs;

namespace Marketing.Server.Diagnostics;

/// <summary>
/// Times every job this node's server runs, named by class and method (arguments may name a person, so they are never
/// read), and opens a span for it. A filter of this host's server only: a global filter would count each job once per
/// host when several share a process (the tests).
/// </summary>
public sealed class JobDurationFilter : JobFilterAttribute, IServerFilter
{
    private const string StartedKey = "marketing.started";
    private const string ActivityKey = "marketing.activity";

    public void OnPerforming(PerformingContext context)
    {
        context.Items[StartedKey] = Stopwatch.GetTimestamp();
        if (MarketingMetrics.ActivitySource.StartActivity($"job {Name(context.BackgroundJob.Job)}") is { } activity)
        {
            context.Items[ActivityKey] = activity;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        var succeeded = context.Exception is null || context.ExceptionHandled;
        if (context.Items.TryGetValue(StartedKey, out var started) && started is long timestamp)
        {
            MarketingMetrics.JobRan(Name(context.BackgroundJob.Job), succeeded, Stopwatch.GetElapsedTime(timestamp));
        }

        if (context.Items.TryGetValue(ActivityKey, out var value) && value is Activity activity)
        {
            activity.SetStatus(succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            activity.Dispose();
        }
    }

    private static string Name(Job? job) => job is null ? MarketingMetrics.Other : $"{job.Type.Name}.{job.Method.Name}";

    /// <summary>The filters Hangfire would use, and this one: handed to this host's server and client through the container.</summary>
    public static IJobFilterProvider Provider() => new JobFilterProviderCollection(JobFilterProviders.Providers, new OneFilter(new JobDurationFilter()));

    private sealed class OneFilter(object instance) : IJobFilterProvider
    {
        private readonly JobFilter[] _filters = [new(instance, JobFilterScope.Global, null)];

        public IEnumerable<JobFilter> GetFilters(Job job) => _filters;
    }
}

/// <summary>
/// Observable gauges read from Hangfire's monitoring API at each collection: how many jobs wait in each queue and how
/// long the oldest of them has waited. A storage that cannot be read reports nothing (the ready check says why).
/// </summary>
internal sealed partial class JobQueueGauges : IHostedService
{
    private readonly JobStorage _storage;
    private readonly TimeProvider _clock;
    private readonly ILogger<JobQueueGauges> _logger;

    public JobQueueGauges(JobStorage storage, IMeterFactory meters, TimeProvider clock, ILogger<JobQueueGauges> logger)
    {
        _storage = storage;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(MarketingMetrics.MeterName);
        meter.CreateObservableGauge("marketing.jobs.queue.depth", () => Read().Select(q => new Measurement<long>(q.Depth, Queue(q.Name))),
            "{job}", "Jobs waiting in each Hangfire queue.");
        meter.CreateObservableGauge("marketing.jobs.queue.oldest_age", () => Read().Select(q => new Measurement<double>(q.OldestAge, Queue(q.Name))),
            "s", "How long the oldest job waiting in each Hangfire queue has waited (0 when none waits).");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static KeyValuePair<string, object?> Queue(string name) => new("queue", MarketingMetrics.Label(name));

    private List<(string Name, long Depth, double OldestAge)> Read()
    {
        try
        {
            var queues = _storage.GetMonitoringApi().Queues().ToDictionary(q => q.Name, StringComparer.Ordinal);
            var now = _clock.GetUtcNow().UtcDateTime;
            return [.. JobQueues.All.Select(name => queues.TryGetValue(name, out var queue)
                ? (name, queue.Length, queue.FirstJobs.Select(j => j.Value?.EnqueuedAt).OfType<DateTime>()
                    .Select(at => Math.Max(0, (now - at).TotalSeconds)).DefaultIfEmpty(0).Max())
                : (name, 0L, 0d))];
        }
#pragma warning disable CA1031 // a storage that cannot be read reports no gauge; the ready check says why
        catch (Exception e)
#pragma warning restore CA1031
        {
            Unreadable(_logger, e);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The job queues could not be read for the metrics")]
    private static partial void Unreadable(ILogger logger, Exception e);
}
