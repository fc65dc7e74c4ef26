namespace Marketing.Server.Hosting;

/// <summary>
/// Everything the engine reads from appsettings and the environment, under the <c>Marketing</c> section
/// (environment: <c>Marketing__Database__Provider</c>). Defaults make a bare start run on SQLite.
/// </summary>
public sealed class MarketingSettings
{
    public const string Section = "Marketing";

    /// <summary>Where the embedded SQLite files live, relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public DatabaseSettings Database { get; set; } = new();
    public JobsSettings Jobs { get; set; } = new();
    public PublicSettings Public { get; set; } = new();
    public CaptureSettings Capture { get; set; } = new();
    public CookieConsentSettings CookieConsent { get; set; } = new();
    public HttpSettings Http { get; set; } = new();
    public EmailSettings Email { get; set; } = new();
    public SuppressionSettings Suppression { get; set; } = new();
    public NurtureSettings Nurture { get; set; } = new();
    public SmsSettings Sms { get; set; } = new();
    public SendingSettings Sending { get; set; } = new();
    public DataProtectionSettings DataProtection { get; set; } = new();
    public Web.WebSettings Web { get; set; } = new();

    /// <summary>
    /// The address people reach the engine at: confirmation, unsubscribe and preference links start with it. It must
    /// be https, except for this machine's own address (a local trial) or with <see cref="Development"/>.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Declares a development or test installation: PublicBaseUrl may then be plain http on any host.</summary>
    public bool Development { get; set; }
}

/// <summary>
/// The key-encryption key (KEK) of the data-protection key ring, which signs and encrypts unsubscribe, preference,
/// click and form tokens: 32 random bytes in base64, kept out of the database. Required on PostgreSQL; on SQLite one
/// is made into the data directory on first start (dataprotection.key, 0600).
/// </summary>
public sealed class DataProtectionSettings
{
    /// <summary>A file holding the KEK, e.g. a mounted secret (made with <c>openssl rand -base64 32</c>).</summary>
    public string? KeyFile { get; set; }
    /// <summary>The KEK itself, for deployments that pass secrets as environment variables. Give Key or KeyFile, not both.</summary>
    public string? Key { get; set; }
    /// <summary>Earlier KEKs during a rotation: keys wrapped with them are read, and wrapped again with the current KEK at start.</summary>
    public List<string> PreviousKeys { get; set; } = [];
}

public sealed class NurtureSettings
{
    /// <summary>Enrolments one pass claims and advances together.</summary>
    public int BatchSize { get; set; } = 500;
    /// <summary>Passes that run at once, across all nodes, when much is due: a pass that finds a full batch starts this many helpers.</summary>
    public int Parallelism { get; set; } = 2;
    /// <summary>How long a pass holds its enrolments; a pass that dies releases them when this runs out.</summary>
    public int LeaseSeconds { get; set; } = 120;
}

public sealed class SuppressionSettings
{
    /// <summary>
    /// Key of the address hashes (R34), at least 32 characters, kept out of the database. Required on
    /// PostgreSQL; on SQLite one is generated into the data directory on first start.
    /// </summary>
    public string? Secret { get; set; }
}

public sealed class EmailSettings
{
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
    /// <summary>Unconfirmed sign-ups are purged after this many days, keeping only counts (R20).</summary>
    public int PurgeUnconfirmedAfterDays { get; set; } = 30;
    /// <summary>Bearer token a bounce or complaint webhook must present. The endpoint is off without it.</summary>
    public string? EventsToken { get; set; }
    public HygieneSettings Hygiene { get; set; } = new();
    public DomainSettings Domain { get; set; } = new();
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

public sealed class SmsSettings
{
    /// <summary>Twilio account (AC…). Without it the SMS channel is off: messages wait, queued.</summary>
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }
    /// <summary>The sending number (E.164) or alphanumeric sender id; or give MessagingServiceSid instead.</summary>
    public string? From { get; set; }
    /// <summary>A Twilio Messaging Service (MG…) that picks the sender itself.</summary>
    public string? MessagingServiceSid { get; set; }
    /// <summary>Messages one dispatch pass claims, gates, renders and sends together.</summary>
    public int BatchSize { get; set; } = 100;
    /// <summary>Attempts after 429, 5xx or network errors before a message is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 6;
    /// <summary>Reach Twilio's API at this address instead of https://api.twilio.com (a stand-in for tests or a proxy).</summary>
    public string? ApiBaseUrl { get; set; }
    /// <summary>Who the messages are from, as French marketing SMS must say (R58). Defaults to Marketing:Email:LegalName.</summary>
    public string? SenderName { get; set; }
    /// <summary>Key of webhook signatures when Twilio signs with a shared key instead of the Auth Token.</summary>
    public string? WebhookSecret { get; set; }
    /// <summary>Words read as STOP, START or YES beyond the built-in ones (e.g. Spanish "BAJA", R64).</summary>
    public List<string> StopKeywords { get; set; } = [];
    public List<string> StartKeywords { get; set; } = [];
    public List<string> YesKeywords { get; set; } = [];
}

/// <summary>When messages may leave: windows in the recipient's local time, and caps per person and channel (R59, R63).</summary>
public sealed class SendingSettings
{
    /// <summary>The zone of a person without a known time zone, per regime (its B2B variant included).</summary>
    public Dictionary<string, string> DefaultTimeZones { get; set; } = new()
    {
        ["fr"] = "Europe/Paris", ["us"] = "America/New_York", ["de"] = "Europe/Berlin", ["uk"] = "Europe/London",
        ["eu"] = "Europe/Brussels", ["ca"] = "America/Toronto",
    };

    /// <summary>Named windows; an operator changes one by its name, or switches it off with Enabled=false.</summary>
    public Dictionary<string, WindowSettings> Windows { get; set; } = new()
    {
        // Operators' and industry rule for France (R59): Monday to Saturday 08:00–20:00, never on a public holiday.
        ["fr-sms-marketing"] = new() { Regime = "fr", Channel = "sms", Days = "Mon-Sat", From = "08:00", To = "20:00", Holidays = "fr" },
        // TCPA quiet hours (R63): 08:00–21:00 at the called party's location.
        ["us-sms-marketing"] = new() { Regime = "us", Channel = "sms", Days = "Mon-Sun", From = "08:00", To = "21:00" },
    };

    /// <summary>Holiday calendars by name; <c>fr</c> always holds France's eleven days, Extra adds more (MM-dd, yyyy-MM-dd, easter+N).</summary>
    public Dictionary<string, HolidaySettings> Holidays { get; set; } = new() { ["fr"] = new() };

    /// <summary>Per channel, e.g. <c>sms = "3/7d"</c>; empty for none.</summary>
    public Dictionary<string, string> Caps { get; set; } = new() { ["sms"] = "3/7d" };

    /// <summary>Addresses that are a company's mailbox, not a person's (R4): a regular expression over the whole address.</summary>
    public string GenericMailboxPattern { get; set; } = Marketing.Sending.ProspectingRules.DefaultGenericMailboxPattern;
}

public sealed class WindowSettings
{
    public bool Enabled { get; set; } = true;
    public string Regime { get; set; } = "";
    public string Channel { get; set; } = "";
    /// <summary>Comma-separated; transactional and confirmation messages are not held unless listed (R60).</summary>
    public string MessageTypes { get; set; } = "marketing";
    public string Days { get; set; } = "Mon-Sun";
    public string From { get; set; } = "00:00";
    public string To { get; set; } = "24:00";
    /// <summary>A calendar of Marketing:Sending:Holidays whose days are closed.</summary>
    public string? Holidays { get; set; }
}

public sealed class HolidaySettings
{
    /// <summary>E.g. Alsace-Moselle: <c>easter-2</c> (Good Friday) and <c>12-26</c>.</summary>
    public List<string> Extra { get; set; } = [];
}

public sealed class SmtpSettings
{
    /// <summary>SMTP relay. Without it the email channel is off: messages wait, queued.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary><c>auto</c>, <c>none</c>, <c>starttls</c> or <c>ssl</c>.</summary>
    public string Security { get; set; } = "auto";
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>Connections kept open and used side by side.</summary>
    public int Connections { get; set; } = 4;
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
}

public sealed class DkimSettings
{
    public string? Domain { get; set; }
    public string? Selector { get; set; }
    /// <summary>PEM file of the RSA private key.</summary>
    public string? PrivateKeyPath { get; set; }
}

public sealed class HttpSettings
{
    /// <summary>
    /// Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For and X-Forwarded-Proto are believed.
    /// Without them the client address recorded as consent evidence would be the proxy's.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Wrong admin keys (API or jobs dashboard) one client may present per minute before it is answered 429.</summary>
    public int FailedKeysPerMinute { get; set; } = 20;

    /// <summary>Unknown tokens one client may try on the email pages (unsubscribe, preferences, confirm, click) per minute.</summary>
    public int FailedTokensPerMinute { get; set; } = 20;
}

public sealed class CaptureSettings
{
    /// <summary>Bits of an IPv4 address kept as evidence: 32 keeps it whole, 24 drops the last octet.</summary>
    public int IpPrefixV4 { get; set; } = 32;
    /// <summary>Bits of an IPv6 address kept as evidence: 128 keeps it whole, 48 keeps the site prefix.</summary>
    public int IpPrefixV6 { get; set; } = 128;
    /// <summary>Form submissions one IP address may make per minute, on top of the public limit.</summary>
    public int SubmissionsPerMinute { get; set; } = 30;
    /// <summary>Most submissions written in one transaction; a larger batch means fewer commits under load.</summary>
    public int MaxBatchSize { get; set; } = 256;
    /// <summary>Writers committing batches side by side. Defaults to 1 on SQLite (one writer at a time anyway) and 2 on PostgreSQL.</summary>
    public int? Writers { get; set; }
    /// <summary>
    /// Hours during which a second sign-up for an address and purpose sends no second confirmation email while the first
    /// still waits: its link confirms both, and the repeat is recorded on its submission (no confirmation bombing).
    /// </summary>
    public int ConfirmationWindowHours { get; set; } = 24;
}

public sealed class CookieConsentSettings
{
    /// <summary>
    /// Bits of an IPv4 address kept with a cookie choice. Truncated by default (R29): the record proves a choice
    /// made on a banner, and the consent id, not the address, ties it to the browser.
    /// </summary>
    public int IpPrefixV4 { get; set; } = 24;
    /// <summary>Bits of an IPv6 address kept with a cookie choice; 48 keeps the site prefix only.</summary>
    public int IpPrefixV6 { get; set; } = 48;
}

public sealed class DatabaseSettings
{
    /// <summary><c>sqlite</c> (embedded, one node) or <c>postgres</c> (production, many nodes).</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>Required for postgres; for sqlite it defaults to a file in the data directory.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>Apply migrations at start. Defaults to true on SQLite and false on PostgreSQL.</summary>
    public bool? AutoMigrate { get; set; }
    public int ConnectTimeoutSeconds { get; set; } = 10;
}

public sealed class JobsSettings
{
    /// <summary>Run the Hangfire server in this process. A node may serve HTTP only.</summary>
    public bool RunServer { get; set; } = true;
    public int WorkerCount { get; set; } = 10;
    /// <summary>How often idle workers look for queued and scheduled work. Hangfire's own default is 15 s.</summary>
    public double PollIntervalSeconds { get; set; } = 1;
    /// <summary>Hangfire's tables live in this PostgreSQL schema.</summary>
    public string Schema { get; set; } = "hangfire";
    /// <summary>
    /// The job queues this node's workers serve: <c>nurture</c> (advancing sequences), <c>send</c> (the email and SMS
    /// dispatchers) and <c>default</c> (everything else). A deployment may split senders from workflow nodes.
    /// </summary>
    public List<string> Queues { get; set; } = [];
}

public sealed class PublicSettings
{
    /// <summary>Largest request body the public endpoints read.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
    /// <summary>Requests one IP address may make to the public endpoints per window.</summary>
    public int RateLimitPermits { get; set; } = 120;
    public int RateLimitWindowSeconds { get; set; } = 60;
    /// <summary>How long a site's CORS allow-list is cached on each node.</summary>
    public int SiteCacheSeconds { get; set; } = 30;
}
