using Marketing.Server.Hosting;

namespace Marketing.Server.Channels.Email;

public sealed class EmailSettings
{
    public const string Section = "Marketing:Email";

    public SmtpSettings Smtp { get; set; } = new();
    /// <summary>From of marketing mail, e.g. <c>Acme &lt;news@acme.example&gt;</c>.</summary>
    public string From { get; set; } = "Marketing <marketing@localhost>";
    /// <summary>From of confirmation and transactional mail: a separate stream from marketing (R60). Defaults to From.</summary>
    public string? TransactionalFrom { get; set; }
    /// <summary>The sender's legal name and postal address, shown in every marketing footer (R61, R70).</summary>
    public string? LegalName { get; set; }
    public string? PostalAddress { get; set; }
    /// <summary>Mailbox offered in List-Unsubscribe beside the HTTPS link.</summary>
    public string? UnsubscribeMailto { get; set; }
    public DkimSettings Dkim { get; set; } = new();
    /// <summary>Mailbox where bounces and abuse reports arrive; read every minute when a host is given.</summary>
    public ImapSettings Imap { get; set; } = new();
    /// <summary>Messages one dispatch pass claims, gates, renders and sends together.</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>Attempts after transient SMTP failures before a message is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 6;
    public int ConfirmationLinkDays { get; set; } = 7;
    /// <summary>
    /// What the open pixel records, for people who consent to <c>open_tracking</c> only (R30): <c>Individual</c> (the first
    /// open of each message, and the day of the last), <c>Deliverability</c> (the day of the last open alone, R32) or <c>Off</c>.
    /// </summary>
    public Marketing.Tracking.OpenTracking OpenTracking { get; set; } = Marketing.Tracking.OpenTracking.Individual;
    /// <summary>Unconfirmed sign-ups are purged after this many days, keeping only counts (R20).</summary>
    public int PurgeUnconfirmedAfterDays { get; set; } = 30;
    /// <summary>Bearer token a bounce or complaint webhook must present. The endpoint is off without it.</summary>
    public string? EventsToken { get; set; }
    public HygieneSettings Hygiene { get; set; } = new();
    public DomainSettings Domain { get; set; } = new();
    public OutboxSettings Outbox { get; set; } = new();

    /// <summary>Stops the start, naming the setting, at the first value the email channel cannot use.</summary>
    public void Validate()
    {
        var email = this;
        Setting.Require(MimeKit.MailboxAddress.TryParse(email.From, out _), $"{Section}:From", "must be an address such as 'Acme <news@acme.example>'");
        Setting.Require(email.TransactionalFrom is null || MimeKit.MailboxAddress.TryParse(email.TransactionalFrom, out _), $"{Section}:TransactionalFrom", "must be an address");
        Setting.Require(email.UnsubscribeMailto is null || Marketing.Leads.Identifiers.TryNormalizeEmail(email.UnsubscribeMailto, out _), $"{Section}:UnsubscribeMailto", "must be an email address");
        Setting.Require(email.Smtp.Port is >= 1 and <= 65535, $"{Section}:Smtp:Port", "must be between 1 and 65535");
        Setting.Require(email.Smtp.Security.ToLowerInvariant() is "auto" or "none" or "starttls" or "ssl", $"{Section}:Smtp:Security", "must be auto, none, starttls or ssl");
        Setting.Require(email.Smtp.Connections is >= 1 and <= 32, $"{Section}:Smtp:Connections", "must be between 1 and 32");
        Setting.Require(email.BatchSize is >= 1 and <= 5000, $"{Section}:BatchSize", "must be between 1 and 5000");
        Setting.Require(email.MaxAttempts is >= 1 and <= 50, $"{Section}:MaxAttempts", "must be between 1 and 50");
        Setting.Require(email.ConfirmationLinkDays is >= 1 and <= 90, $"{Section}:ConfirmationLinkDays", "must be between 1 and 90");
        Setting.Require(email.PurgeUnconfirmedAfterDays is >= 1 and <= 3650, $"{Section}:PurgeUnconfirmedAfterDays", "must be between 1 and 3650");
        Setting.Require(email.Imap.Port is >= 1 and <= 65535, $"{Section}:Imap:Port", "must be between 1 and 65535");
        Setting.Require(email.Imap.Security.ToLowerInvariant() is "auto" or "none" or "starttls" or "ssl", $"{Section}:Imap:Security", "must be auto, none, starttls or ssl");
        Setting.Require(string.IsNullOrWhiteSpace(email.Imap.Host) || !string.IsNullOrWhiteSpace(email.Imap.Username), $"{Section}:Imap:Username", "is required with an IMAP host");
        Setting.Require(Marketing.Compliance.ProcessorRules.IsValidKey(email.Smtp.Processor), $"{Section}:Smtp:Processor", ProcessorKeyProblem);
        Setting.Require(Marketing.Compliance.ProcessorRules.IsValidKey(email.Imap.Processor), $"{Section}:Imap:Processor", ProcessorKeyProblem);
        var hygiene = email.Hygiene;
        Setting.Require(hygiene.WarnRate is > 0 and < 1, $"{Section}:Hygiene:WarnRate", "must be a fraction between 0 and 1, e.g. 0.001 for 0.1 %");
        Setting.Require(hygiene.PauseRate is > 0 and < 1 && hygiene.PauseRate >= hygiene.WarnRate, $"{Section}:Hygiene:PauseRate",
            "must be a fraction between 0 and 1, at least WarnRate, e.g. 0.003 for 0.3 %");
        Setting.Require(hygiene.MinimumVolume >= 1, $"{Section}:Hygiene:MinimumVolume", "must be 1 or more");
        Setting.Require(hygiene.SoftBounceLimit is >= 1 and <= 100, $"{Section}:Hygiene:SoftBounceLimit", "must be between 1 and 100");
        Setting.Require(hygiene.SoftBounceWindowDays is >= 1 and <= 365, $"{Section}:Hygiene:SoftBounceWindowDays", "must be between 1 and 365");
        var domain = email.Domain;
        Setting.Require(domain.BulkThreshold >= 0, $"{Section}:Domain:BulkThreshold", "must be 0 or more");
        Setting.Require(string.IsNullOrWhiteSpace(domain.DnsServer) || DnsEndPoint(domain.DnsServer) is not null, $"{Section}:Domain:DnsServer",
            "must be a resolver's IP address, optionally with a port: 9.9.9.9 or 127.0.0.1:5353 (empty: the system's resolvers)");
        for (var i = 0; i < domain.SendingIps.Count; i++)
        {
            Setting.Require(System.Net.IPAddress.TryParse(domain.SendingIps[i], out _), $"{Section}:Domain:SendingIps:{i}", "must be an IP address");
        }

        var dkim = email.Dkim;
        var dkimParts = new[] { dkim.Domain, dkim.Selector, dkim.PrivateKeyPath }.Count(v => !string.IsNullOrWhiteSpace(v));
        Setting.Require(dkimParts is 0 or 3, $"{Section}:Dkim", "needs Domain, Selector and PrivateKeyPath together");
        Setting.Require(dkim.PrivateKeyPath is null || File.Exists(dkim.PrivateKeyPath), $"{Section}:Dkim:PrivateKeyPath", $"no such file '{dkim.PrivateKeyPath}'");
    }

    public const string ProcessorKeyProblem = "must be a processor key: 2 to 64 lowercase letters, digits, '-' or '_'";

    /// <summary><c>9.9.9.9</c>, <c>127.0.0.1:5353</c> or <c>[::1]:5353</c>; null when it is none of these.</summary>
    public static System.Net.IPEndPoint? DnsEndPoint(string value) =>
        System.Net.IPEndPoint.TryParse(value, out var endpoint) ? new System.Net.IPEndPoint(endpoint.Address, endpoint.Port == 0 ? 53 : endpoint.Port) : null;
}

/// <summary>Mail written to a directory instead of delivered, when no SMTP relay is configured (a first start, a laptop).</summary>
public sealed class OutboxSettings
{
    /// <summary>Defaults to on with SQLite (the embedded default) and off with PostgreSQL, where mail without a relay stays queued.</summary>
    public bool? Enabled { get; set; }
    /// <summary>Defaults to <c>outbox</c> in the data directory.</summary>
    public string? Directory { get; set; }
}

/// <summary>What the sending domain's DNS is checked against (R67), and what an unverified domain may send.</summary>
public sealed class DomainSettings
{
    /// <summary>The resolver to ask, an IP address with an optional port (<c>9.9.9.9</c>, <c>127.0.0.1:5353</c>); the system's resolvers when empty.</summary>
    public string? DnsServer { get; set; }
    /// <summary>The relay's outgoing addresses, which the domain's SPF must pass.</summary>
    public List<string> SendingIps { get; set; } = [];
    /// <summary>Domains the SPF record must include (a provider's, e.g. <c>_spf.provider.example</c>).</summary>
    public List<string> SpfIncludes { get; set; } = [];
    /// <summary>Marketing emails in 24 hours that a domain which has not passed its check may still send.</summary>
    public int BulkThreshold { get; set; } = 5000;
}

/// <summary>The complaint-rate guard and the soft-bounce rule (R69).</summary>
public sealed class HygieneSettings
{
    /// <summary>Complaints over messages sent in 24 hours, per sending domain, at which an audit entry warns.</summary>
    public double WarnRate { get; set; } = 0.001;
    /// <summary>The rate at which new marketing mail from the domain waits until an admin acknowledges.</summary>
    public double PauseRate { get; set; } = 0.003;
    /// <summary>Messages sent in the window below which the rate is not acted on.</summary>
    public int MinimumVolume { get; set; } = 1000;
    /// <summary>Soft bounces of one address within the window that suppress it.</summary>
    public int SoftBounceLimit { get; set; } = 3;
    public int SoftBounceWindowDays { get; set; } = 30;
}

public sealed class SmtpSettings
{
    /// <summary>SMTP relay. Without it mail goes to the outbox directory (SQLite), or waits, queued (PostgreSQL).</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary><c>auto</c>, <c>none</c>, <c>starttls</c> or <c>ssl</c>.</summary>
    public string Security { get; set; } = "auto";
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>Connections kept open and used side by side.</summary>
    public int Connections { get; set; } = 4;
    /// <summary>Key of the relay's processor entry (R43): required before the relay is used.</summary>
    public string Processor { get; set; } = "smtp";
}

public sealed class ImapSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 993;
    /// <summary><c>auto</c>, <c>none</c>, <c>starttls</c> or <c>ssl</c>.</summary>
    public string Security { get; set; } = "auto";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string Folder { get; set; } = "INBOX";
    /// <summary>Key of the mailbox provider's processor entry (R43): required before the mailbox is read.</summary>
    public string Processor { get; set; } = "mailbox";
}

public sealed class DkimSettings
{
    public string? Domain { get; set; }
    public string? Selector { get; set; }
    /// <summary>PEM file of the RSA private key.</summary>
    public string? PrivateKeyPath { get; set; }
}
