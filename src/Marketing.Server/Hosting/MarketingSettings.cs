using Marketing.Server.Capture;
using Marketing.Server.Consent;
using Marketing.Server.Channels.Email;
using Marketing.Server.Jobs;
using Marketing.Server.Nurture;
using Marketing.Server.PublicEndpoints;
using Marketing.Server.Sending;
using Marketing.Server.Channels.Sms;
using Marketing.Server.Suppression;

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
    public Compliance.DpoSettings Dpo { get; set; } = new();
    public Compliance.RetentionSettings Retention { get; set; } = new();
    public Diagnostics.ObservabilitySettings Observability { get; set; } = new();
    public Webhooks.WebhooksSettings Webhooks { get; set; } = new();
    public Leads.ImportsSettings Imports { get; set; } = new();

    /// <summary>R44: <c>eu-only</c>, or none. With eu-only, a channel whose processor has an uncovered transfer outside the EEA stays off.</summary>
    public string? DataRegion { get; set; }

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

    /// <summary>Stops the start, naming the setting, at a key it cannot read.</summary>
    public void Validate()
    {
        var protection = this;
        const string Key = KeyEncryptionKeys.Section;
        const string Format = "must be 32 random bytes in base64 (e.g. 'openssl rand -base64 32')";
        Setting.Require(string.IsNullOrWhiteSpace(protection.Key) || string.IsNullOrWhiteSpace(protection.KeyFile), $"{Key}:Key", "give Key or KeyFile, not both");
        Setting.Require(string.IsNullOrWhiteSpace(protection.Key) || KeyEncryptionKeys.TryDecode(protection.Key) is not null, $"{Key}:Key", Format);
        Setting.Require(string.IsNullOrWhiteSpace(protection.KeyFile) || File.Exists(protection.KeyFile), $"{Key}:KeyFile", $"no such file '{protection.KeyFile}'");
        for (var i = 0; i < protection.PreviousKeys.Count; i++)
        {
            Setting.Require(KeyEncryptionKeys.TryDecode(protection.PreviousKeys[i]) is not null, $"{Key}:PreviousKeys:{i}", Format);
        }
    }
}

public sealed class HttpSettings
{
    public const string Section = "Marketing:Http";

    /// <summary>
    /// Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For and X-Forwarded-Proto are believed.
    /// Without them the client address recorded as consent evidence would be the proxy's.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Wrong admin keys (API or jobs dashboard) one client may present per minute before it is answered 429.</summary>
    public int FailedKeysPerMinute { get; set; } = 20;

    /// <summary>Unknown tokens one client may try on the email pages (unsubscribe, preferences, confirm, click) per minute.</summary>
    public int FailedTokensPerMinute { get; set; } = 20;

    /// <summary>Stops the start, naming the setting, at the first value it cannot use.</summary>
    public void Validate()
    {
        for (var i = 0; i < TrustedProxies.Count; i++)
        {
            Setting.Require(System.Net.IPNetwork.TryParse(TrustedProxies[i], out _) || System.Net.IPAddress.TryParse(TrustedProxies[i], out _),
                $"{Section}:TrustedProxies:{i}", "must be an IP address or a CIDR network such as 10.0.0.0/8");
        }

        Setting.Require(FailedKeysPerMinute is >= 1 and <= 10000, $"{Section}:FailedKeysPerMinute", "must be between 1 and 10000");
        Setting.Require(FailedTokensPerMinute is >= 1 and <= 10000, $"{Section}:FailedTokensPerMinute", "must be between 1 and 10000");
    }
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
