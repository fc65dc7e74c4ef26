using System.Diagnostics.Metrics;
using Marketing.Channels.Email;
using Marketing.Channels.Sms;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Marketing.Server.Channels.Email;
using Marketing.Server.Channels.Sms;
using Marketing.Server.Hosting;
using Marketing.Suppression;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Sending;

public static class SendingSetup
{
    /// <summary>
    /// What every channel needs, registered by the first channel or feature that asks: the gate and what it weighs (the
    /// suppression hashes, the sender's identity, the prospecting rules), the templates, windows and caps, claims and
    /// their leases, the sending metrics and the channels' dispatch signals.
    /// </summary>
    public static IServiceCollection AddSending(this IServiceCollection services, ResolvedSettings settings)
    {
        if (services.Any(s => s.ServiceType == typeof(SendGate)))
        {
            return services;
        }

        services.AddSingleton(new AddressHasher(SuppressionSecret(settings)));
        services.AddSingleton(Sender(settings));
        services.AddSingleton(new ProspectingRules(settings.Raw.Sending.GenericMailboxPattern));
        services.AddSingleton(provider => new SendGate(provider.GetRequiredService<AddressHasher>(), provider.GetRequiredService<SenderIdentity>(),
            provider.GetRequiredService<ProspectingRules>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new TemplateStore(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<DispatchSignals>();
        services.AddSingleton(new SendPacing(settings.SendPolicy));
        services.AddSingleton(provider => new SendingMetrics(provider.GetRequiredService<IMeterFactory>().Create(SendingMetrics.MeterName)));
        services.AddSingleton(provider => new SendClaims(TimeSpan.FromSeconds(settings.Raw.Sending.LeaseSeconds),
            provider.GetRequiredService<SendingMetrics>(), provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<ChannelsReport>();
        if (settings.Raw.Jobs.RunServer)
        {
            services.AddHostedService<ClaimWatch>();
        }

        return services;
    }

    /// <summary>The sender's legal name and postal address, which every marketing message carries (R61, R70).</summary>
    public static SenderIdentity Sender(ResolvedSettings settings) => new(settings.Raw.Email.LegalName, settings.Raw.Email.PostalAddress);

    /// <summary>
    /// The key of the suppression hashes never lives in the database (R34). PostgreSQL deployments must give it;
    /// the embedded SQLite default makes one beside its data on first start, readable by the owner only.
    /// </summary>
    internal static string SuppressionSecret(ResolvedSettings settings)
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

/// <summary>Says once, at start, where each channel's messages go, or why they wait.</summary>
internal sealed partial class ChannelsReport(EmailDispatcher email, SmsDispatcher sms, ResolvedSettings settings, ILogger<ChannelsReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.OutboxDirectory is { } outbox)
        {
            EmailToOutbox(logger, outbox);
        }
        else if (email.Destination is { } relay)
        {
            EmailOn(logger, relay);
        }
        else
        {
            EmailOff(logger);
        }

        if (sms.Destination is { } gateway)
        {
            SmsOn(logger, gateway);
        }
        else
        {
            SmsOff(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email: no SMTP relay configured (Marketing:Email:Smtp:Host): mail is written to {Outbox} as .eml files, not delivered")]
    private static partial void EmailToOutbox(ILogger logger, string outbox);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email: on, through the {Relay}")]
    private static partial void EmailOn(ILogger logger, string relay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email: off: no SMTP relay configured (Marketing:Email:Smtp:Host); mail stays queued until one is "
        + "(or set Marketing:Email:Outbox:Enabled=true to write it to a directory)")]
    private static partial void EmailOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS: on, through the {Gateway}")]
    private static partial void SmsOn(ILogger logger, string gateway);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS: off: Marketing:Sms:AccountSid and Marketing:Sms:AuthToken are not set; SMS stay queued until they are")]
    private static partial void SmsOff(ILogger logger);
}

/// <summary>
/// Asks for a dispatch pass as soon as a claim's lease has run out (its node stopped), instead of waiting for the minutely
/// pass: a stopped node's messages go out again within about a lease and a half.
/// </summary>
internal sealed partial class ClaimWatch(IServiceScopeFactory scopes, SendClaims claims, EmailDispatchSignal email, SmsDispatchSignal sms, TimeProvider clock,
    ILogger<ClaimWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(claims.Lease / 2);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
                var now = clock.GetUtcNow();
                var expired = await db.SendRecords.AsNoTracking()
                    .Where(r => (r.Status == SendStatuses.Sending || r.Status == SendStatuses.HandingOver) && r.LeaseUntil < now)
                    .Select(r => r.Channel).Distinct().ToListAsync(stoppingToken);
                if (expired.Contains(ChannelKeys.Email))
                {
                    email.Notify();
                }

                if (expired.Contains(ChannelKeys.Sms))
                {
                    sms.Notify();
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // The database is away: the health check says so; the next tick looks again.
                Unreadable(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The claim watch could not read the send records; it looks again at its next tick")]
    private static partial void Unreadable(ILogger logger, Exception e);
}
