using Hangfire;
using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Marketing.Sms;

namespace Marketing.Server.Sms;

public static class SmsSetup
{
    public const string DispatchJobId = "sms-dispatch";
    public const string StatusPath = "/api/sms/status";
    public const string InboundPath = "/api/sms/inbound";

    public static IServiceCollection AddSms(this IServiceCollection services, ResolvedSettings settings)
    {
        var sms = settings.Raw.Sms;
        services.AddSingleton(new SmsDispatchOptions(sms.AccountSid, sms.AuthToken, sms.From, sms.MessagingServiceSid, sms.BatchSize, sms.MaxAttempts,
            sms.ApiBaseUrl is null ? null : new Uri(sms.ApiBaseUrl), PublicUrl(settings, StatusPath), SenderName(settings)));
        services.AddSingleton<SmsDispatcher>();
        services.AddSingleton<SmsDispatchSignal>();
        services.AddSingleton(new SmsKeywords(sms.StopKeywords, sms.StartKeywords, sms.YesKeywords));
        services.AddHostedService<SmsJobsRegistration>();
        return services;
    }

    public static string SenderName(ResolvedSettings settings) => settings.Raw.Sms.SenderName ?? settings.Raw.Email.LegalName ?? "";

    /// <summary>The address Twilio calls, as Twilio signs it: behind a proxy it is the public one, never the one this process sees.</summary>
    public static Uri PublicUrl(ResolvedSettings settings, string path) => new($"{settings.Raw.PublicBaseUrl.TrimEnd('/')}{path}");
}

/// <summary>
/// Enqueues an SMS dispatch pass when messages were queued, at most one waiting at a time per node. The nurture
/// engine calls <see cref="Notify"/> after queueing <c>sms</c> send records; the minutely pass catches the rest.
/// </summary>
public sealed class SmsDispatchSignal(IBackgroundJobClient jobs) : DispatchSignal
{
    protected override void Enqueue() => jobs.Enqueue<SmsDispatchJob>(job => job.RunAsync(CancellationToken.None));

    protected override void Schedule(DateTimeOffset at) => jobs.Schedule<SmsDispatchJob>(job => job.RunAsync(CancellationToken.None), at);
}

public sealed class SmsDispatchJob(MarketingDbContext db, SmsDispatcher dispatcher, SmsDispatchSignal signal)
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

internal sealed class SmsJobsRegistration(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<SmsDispatchJob>(SmsSetup.DispatchJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
