using System.Reflection;
using Hangfire;
using Marketing.Nurture;
using Marketing.Sending;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Marketing.Server.Nurture;
using Marketing.Server.Sending;
using Marketing.Server.Channels.Sms;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Channels.Sms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Hosting;

/// <summary>A feature wires itself: SMS and nurture need no other channel registered, and every recurring job is declared in one list.</summary>
public sealed class FeatureWiringFacts : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("marketing-wiring-").FullName;

    [Fact]
    public void Sms_WiresItselfWithoutTheEmailChannel()
    {
        using var provider = Provider(services => services.AddSms(Settings()));

        Assert.NotNull(provider.GetRequiredService<SmsDispatcher>());
        Assert.NotNull(provider.GetRequiredService<SendGate>());
        Assert.Equal(["sms"], provider.GetServices<DispatchSignal>().Select(s => s.Channel));
    }

    [Fact]
    public void Nurture_WiresItselfWithoutAnyChannel()
    {
        using var provider = Provider(services => services.AddNurture(Settings()));

        Assert.NotNull(provider.GetRequiredService<NurtureEngine>());
        Assert.Empty(provider.GetServices<DispatchSignal>());
        // With no channel on this node, a queued message waits for one: asking for a pass is not an error.
        provider.GetRequiredService<DispatchSignals>().Notify("email");
    }

    [Fact]
    public void EveryJob_IsAFileNamedForItsAction_AndEveryRecurringOneIsInTheList()
    {
        var jobs = typeof(RecurringJobs).Assembly.GetTypes().Where(t => t.Name.EndsWith("Job", StringComparison.Ordinal) && t.IsClass).ToList();
        var listed = File.ReadAllText(Path.Combine(Repository.Root, "src/Marketing.Server/Jobs/RecurringJobs.cs"));
        var ids = typeof(RecurringJobs).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        Assert.All(jobs, t => Assert.True(File.Exists(SourceFileOf(t)), $"{t.Name} is not in a file of its own name"));
        // A probe is scheduled by an admin, on demand; every other job also runs on a schedule.
        Assert.All(jobs.Where(t => t.Name != "ScheduledProbeJob"), t => Assert.Contains($"AddOrUpdate<{t.Name}>", listed, StringComparison.Ordinal));
        // Issue 17 added the DSR deadline check, the daily ledger verification, the audit log's purge, the DPF review reminder
        // the retention rule and the purge of consent proof past its period; issue 18 the webhook delivery, the imports' run and
        // the art. 14 notices, the webhook outbox's purge, the broadcasts' materialising and the fill of missing address hashes.
        Assert.Equal(20, jobs.Count);
        Assert.Equal(19, ids.Distinct().Count());
    }

    private ResolvedSettings Settings() =>
        ResolvedSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Marketing:DataDirectory"] = _data }).Build(), _data);

    private static ServiceProvider Provider(Action<IServiceCollection> add)
    {
        var services = new ServiceCollection();
        // The job client is the jobs feature's (AddJobs), which every host has; these features only hand it work.
        services.AddLogging().AddMetrics().AddSingleton(TimeProvider.System).AddSingleton<IBackgroundJobClient, NoJobs>();
        add(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private sealed class NoJobs : IBackgroundJobClient
    {
        public string Create(Hangfire.Common.Job job, Hangfire.States.IState state) => throw new NotSupportedException("no jobs in a wiring test");

        public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => throw new NotSupportedException("no jobs in a wiring test");
    }

    private static string SourceFileOf(Type type) =>
        Directory.EnumerateFiles(Path.Combine(Repository.Root, "src/Marketing.Server"), $"{type.Name}.cs", SearchOption.AllDirectories).FirstOrDefault() ?? "";
}
