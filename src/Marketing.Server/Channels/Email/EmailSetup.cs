using Hangfire;
using MailKit.Security;
using Marketing.Data;
using Marketing.Channels.Email;
using Marketing.Sending;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Marketing.Server.Sending;
using Marketing.Suppression;
using Marketing.Templates;
using MimeKit;

namespace Marketing.Server.Channels.Email;

public static class EmailSetup
{
    public static IServiceCollection AddEmail(this IServiceCollection services, ResolvedSettings settings)
    {
        services.AddSending(settings);
        var email = settings.Raw.Email;
        var sender = SendingSetup.Sender(settings);
        services.AddSingleton<EmailLinks>();
        services.AddSingleton<IEmailLinks>(provider => provider.GetRequiredService<EmailLinks>());
        // Read once: the composer signs with the key, the domain checks look its selector up.
        var identity = Identity(email);
        var dkim = Dkim(email.Dkim);
        services.AddSingleton(new EmailComposer(identity, dkim));
        services.AddSingleton(_ => new EmailDispatchOptions(Smtp(email.Smtp), settings.OutboxDirectory, email.BatchSize, email.MaxAttempts, email.ConfirmationLinkDays,
            MailboxAddress.Parse(email.From).Name is { Length: > 0 } name ? name : email.LegalName ?? "", sender, email.OpenTracking));
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
        services.AddSingleton<DispatchSignal>(provider => provider.GetRequiredService<EmailDispatchSignal>());
        services.AddSingleton(new ReportMailboxSettings(Imap(email.Imap)));
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
        if (string.IsNullOrWhiteSpace(server) || EmailSettings.DnsEndPoint(server) is not { } endpoint)
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
}
