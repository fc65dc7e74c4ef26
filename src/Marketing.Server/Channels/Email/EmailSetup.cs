using Hangfire;
using MailKit.Security;
using Marketing.Data;
using Marketing.Email;
using Marketing.Sending;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Marketing.Suppression;
using Marketing.Templates;
using MimeKit;

namespace Marketing.Server.Email;

public static class EmailSetup
{
    public const string DispatchJobId = "email-dispatch";
    public const string PurgeJobId = "doi-purge-unconfirmed";
    public const string ReportMailboxJobId = "email-report-mailbox";
    public const string DomainCheckJobId = "email-domain-check";
    public const string FeedbackPurgeJobId = "email-feedback-purge";

    public static IServiceCollection AddEmail(this IServiceCollection services, ResolvedSettings settings)
    {
        var email = settings.Raw.Email;
        services.AddSingleton(new AddressHasher(SuppressionSecret(settings)));
        var sender = new SenderIdentity(email.LegalName, email.PostalAddress);
        services.AddSingleton(sender);
        services.AddSingleton(new ProspectingRules(settings.Raw.Sending.GenericMailboxPattern));
        services.AddSingleton<SendGate>();
        services.AddSingleton(new TemplateStore(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<EmailLinks>();
        services.AddSingleton<IEmailLinks>(provider => provider.GetRequiredService<EmailLinks>());
        // Read once: the composer signs with the key, the domain checks look its selector up.
        var identity = Identity(email);
        var dkim = Dkim(email.Dkim);
        services.AddSingleton(new EmailComposer(identity, dkim));
        services.AddSingleton(_ => new EmailDispatchOptions(Smtp(email.Smtp), settings.OutboxDirectory, email.BatchSize, email.MaxAttempts, email.ConfirmationLinkDays,
            MailboxAddress.Parse(email.From).Name is { Length: > 0 } name ? name : email.LegalName ?? "", sender));
        var hygiene = email.Hygiene;
        services.AddSingleton(new ListHygiene(
            new HygieneRules(hygiene.WarnRate, hygiene.PauseRate, hygiene.MinimumVolume, hygiene.SoftBounceLimit, TimeSpan.FromDays(hygiene.SoftBounceWindowDays)),
            identity.MarketingFrom.Domain.ToLowerInvariant(), identity.TransactionalFrom.Domain.ToLowerInvariant()));
        services.AddSingleton(new SendingDomainSetup(
            [.. email.Domain.SendingIps.Select(System.Net.IPAddress.Parse)], email.Domain.SpfIncludes, dkim, email.Domain.BulkThreshold));
        services.AddSingleton(new Lazy<ARSoft.Tools.Net.Dns.IDnsResolver>(() => Resolver(email.Domain.DnsServer)));
        services.AddSingleton<SendingDomains>();
        services.AddSingleton<EmailDispatcher>();
        services.AddSingleton<EmailDispatchSignal>();
        services.AddSingleton(new ReportMailboxSettings(Imap(email.Imap)));
        services.AddHostedService<EmailJobsRegistration>();
        return services;
    }

    private static EmailIdentity Identity(EmailSettings email)
    {
        var from = MailboxAddress.Parse(email.From);
        return new EmailIdentity(from, email.TransactionalFrom is null ? from : MailboxAddress.Parse(email.TransactionalFrom),
            email.UnsubscribeMailto, from.Domain);
    }

    /// <summary>The resolver the domain checks ask: the configured one (any port), else the system's.</summary>
    private static ARSoft.Tools.Net.Dns.DnsStubResolver Resolver(string? server)
    {
        if (string.IsNullOrWhiteSpace(server) || ResolvedSettings.DnsEndPoint(server) is not { } endpoint)
        {
            return new ARSoft.Tools.Net.Dns.DnsStubResolver();
        }

        var client = new ARSoft.Tools.Net.Dns.DnsClient([endpoint.Address],
            [new ARSoft.Tools.Net.Dns.UdpClientTransport(endpoint.Port), new ARSoft.Tools.Net.Dns.TcpClientTransport(endpoint.Port)], true, 5000);
        return new ARSoft.Tools.Net.Dns.DnsStubResolver(client);
    }

    private static ImapEndpoint? Imap(ImapSettings imap) => string.IsNullOrWhiteSpace(imap.Host) ? null
        : new ImapEndpoint(imap.Host, imap.Port, Security(imap.Security), imap.Username!, imap.Password ?? "", imap.Folder);

    private static SecureSocketOptions Security(string setting) => setting.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private static DkimKey? Dkim(DkimSettings dkim) =>
        dkim.PrivateKeyPath is null ? null : new DkimKey(dkim.Domain!, dkim.Selector!, File.ReadAllText(dkim.PrivateKeyPath));

    private static SmtpEndpoint? Smtp(SmtpSettings smtp) => string.IsNullOrWhiteSpace(smtp.Host) ? null : new SmtpEndpoint(
        smtp.Host, smtp.Port, Security(smtp.Security),
        string.IsNullOrEmpty(smtp.Username) ? null : smtp.Username, smtp.Password, smtp.Connections);

    /// <summary>
    /// The key of the suppression hashes never lives in the database (R34). PostgreSQL deployments must give it;
    /// the embedded SQLite default makes one beside its data on first start, readable by the owner only.
    /// </summary>
    private static string SuppressionSecret(ResolvedSettings settings)
    {
        if (settings.Raw.Suppression.Secret is { } configured)
        {
            return configured;
        }

        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            throw new StartupException("invalid setting Marketing:Suppression:Secret: is required on PostgreSQL (32 characters or more, kept out of the database)");
        }

        return SecretFiles.ReadOrCreate(Path.Combine(settings.DataDirectory, "suppression.secret"), 32);
    }
}

/// <summary>
/// Enqueues a dispatch pass when messages were queued, at most one waiting at a time per node: a burst of
/// sign-ups costs one Hangfire job, not one each. The minutely recurring pass catches anything else
/// (retries, scheduled sends, a node that stopped).
/// </summary>
public sealed class EmailDispatchSignal(IBackgroundJobClient jobs) : DispatchSignal
{
    protected override void Enqueue() => jobs.Enqueue<EmailDispatchJob>(job => job.RunAsync(CancellationToken.None));

    protected override void Schedule(DateTimeOffset at) => jobs.Schedule<EmailDispatchJob>(job => job.RunAsync(CancellationToken.None), at);
}

public sealed class EmailDispatchJob(MarketingDbContext db, EmailDispatcher dispatcher, EmailDispatchSignal signal)
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

public sealed class PurgeUnconfirmedJob(MarketingDbContext db, TimeProvider clock, ResolvedSettings settings)
{
    public Task RunAsync(CancellationToken ct) =>
        Marketing.Consent.PurgeUnconfirmed.HandleAsync(db, clock, TimeSpan.FromDays(settings.Raw.Email.PurgeUnconfirmedAfterDays), ct);
}

public sealed record ReportMailboxSettings(ImapEndpoint? Endpoint);

/// <summary>Deletes bounce and complaint reports past their retention, every day.</summary>
public sealed class FeedbackPurgeJob(MarketingDbContext db, ListHygiene hygiene, TimeProvider clock)
{
    public Task<int> RunAsync(CancellationToken ct) => hygiene.PurgeAsync(db, clock.GetUtcNow(), ct);
}

/// <summary>Re-verifies the sending domains' DNS every day (R67): a regression holds marketing until a check passes.</summary>
public sealed class DomainCheckJob(MarketingDbContext db, SendingDomains domains, TimeProvider clock, EmailDispatchSignal signal)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        if ((await domains.VerifyAsync(db, clock, "domain-check", ct)).Any(v => v.Check is { Passed: true }))
        {
            signal.Notify();
        }
    }
}

/// <summary>Reads the bounce and complaint mailbox, when one is configured.</summary>
public sealed class ReportMailboxJob(MarketingDbContext db, AddressHasher hasher, ListHygiene hygiene, TimeProvider clock, ReportMailboxSettings settings)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<ReportMailbox.Outcome?> RunAsync(CancellationToken ct) =>
        settings.Endpoint is { } endpoint ? await ReportMailbox.ReadAsync(endpoint, db, hasher, hygiene, clock, ct) : null;
}

/// <summary>Declares the recurring jobs once the host runs; every node declares the same ids, so there is one of each.</summary>
internal sealed class EmailJobsRegistration(IRecurringJobManager recurring, ReportMailboxSettings mailbox) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<EmailDispatchJob>(EmailSetup.DispatchJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<PurgeUnconfirmedJob>(EmailSetup.PurgeJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        recurring.AddOrUpdate<DomainCheckJob>(EmailSetup.DomainCheckJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(4));
        recurring.AddOrUpdate<FeedbackPurgeJob>(EmailSetup.FeedbackPurgeJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3, 30));
        if (mailbox.Endpoint is not null)
        {
            recurring.AddOrUpdate<ReportMailboxJob>(EmailSetup.ReportMailboxJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        }
        else
        {
            recurring.RemoveIfExists(EmailSetup.ReportMailboxJobId);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
