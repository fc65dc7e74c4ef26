using Marketing.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketing.Server.Hosting;

/// <summary>Settings after validation: every value is present, typed and usable.</summary>
public sealed record ResolvedSettings(
    MarketingSettings Raw,
    DatabaseProvider Provider,
    string ConnectionString,
    bool AutoMigrate,
    string DataDirectory)
{
    /// <summary>Send windows, caps and fallback time zones, parsed from Marketing:Sending.</summary>
    public Marketing.Sending.SendPolicy SendPolicy { get; init; } = Marketing.Sending.SendPolicy.None;

    private const string DatabaseKey = "Marketing:Database";

    /// <summary>Binds and checks the settings; the first problem is thrown as one line naming the setting.</summary>
    public static ResolvedSettings Load(IConfiguration configuration, string workingDirectory)
    {
        var raw = new MarketingSettings();
        try
        {
            configuration.GetSection(MarketingSettings.Section).Bind(raw);
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the expected type, e.g. "...value at 'Marketing:Jobs:WorkerCount' to type 'System.Int32'".
            throw new StartupException($"invalid setting: {e.Message}");
        }

        // Each feature checks its own settings; the first problem stops the start.
        raw.Jobs.Validate();
        raw.Public.Validate();
        raw.Capture.Validate();
        raw.CookieConsent.Validate();
        raw.Http.Validate();
        raw.Email.Validate();
        raw.Nurture.Validate();
        raw.Sms.Validate();
        raw.Web.Validate();
        raw.Dpo.Validate();
        raw.Retention.Validate();
        raw.Observability.Validate();
        raw.Webhooks.Validate();
        raw.Imports.Validate();
        Compliance.DataRegions.Validate(raw.DataRegion);
        var policy = raw.Sending.ToPolicy();
        Require(Uri.TryCreate(raw.PublicBaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.Scheme is "http" or "https",
            "Marketing:PublicBaseUrl", "must be an absolute http(s) URL, e.g. https://engine.acme.example");
        // RFC 8058: one-click unsubscribe needs an https link. Plain http is a local trial's (nobody else can follow
        // links to this machine) or a declared development installation's; mail then goes without List-Unsubscribe-Post.
        Require(baseUrl!.Scheme == "https" || baseUrl.IsLoopback || raw.Development, "Marketing:PublicBaseUrl",
            $"must be https (one-click unsubscribe links must be, RFC 8058), not '{raw.PublicBaseUrl}'; plain http is accepted for localhost only, or with Marketing:Development=true");
        raw.Suppression.Validate();
        raw.DataProtection.Validate();
        Require(raw.Database.ConnectTimeoutSeconds is >= 1 and <= 300, $"{DatabaseKey}:ConnectTimeoutSeconds", "must be between 1 and 300");
        Require(!string.IsNullOrWhiteSpace(raw.DataDirectory), "Marketing:DataDirectory", "must not be empty");

        var dataDirectory = Path.GetFullPath(raw.DataDirectory, workingDirectory);
        return (raw.Database.Provider ?? "").Trim().ToLowerInvariant() switch
        {
            "sqlite" => ForSqlite(raw, dataDirectory),
            "postgres" or "postgresql" => ForPostgres(raw, dataDirectory),
            var other => throw new StartupException(
                $"invalid setting {DatabaseKey}:Provider: '{other}' is not a provider; use 'sqlite' or 'postgres'"),
        } with { SendPolicy = policy };
    }

    /// <summary>
    /// Where mail goes with no SMTP relay: the outbox, on by default with SQLite only; a production deployment on PostgreSQL
    /// keeps mail queued until a relay is configured, unless told otherwise. Null when mail is relayed, or waits.
    /// </summary>
    public string? OutboxDirectory => !string.IsNullOrWhiteSpace(Raw.Email.Smtp.Host) || !(Raw.Email.Outbox.Enabled ?? Provider == DatabaseProvider.Sqlite)
        ? null
        : Path.GetFullPath(Raw.Email.Outbox.Directory ?? "outbox", DataDirectory);

    /// <summary>
    /// R43: each channel that sends personal data to a processor, with the entry it names and whether it is on. The
    /// outbox keeps mail on this machine and names none, so a bare start needs no entry.
    /// </summary>
    public Marketing.Compliance.ChannelProcessors ChannelProcessors => new(
    [
        new("smtp", Raw.Email.Smtp.Processor, "Marketing:Email:Smtp:Processor", !string.IsNullOrWhiteSpace(Raw.Email.Smtp.Host)),
        new("twilio", Raw.Sms.Processor, "Marketing:Sms:Processor", Raw.Sms.AccountSid is not null),
        new("mailbox", Raw.Email.Imap.Processor, "Marketing:Email:Imap:Processor", !string.IsNullOrWhiteSpace(Raw.Email.Imap.Host)),
    ], Compliance.DataRegions.IsEuOnly(Raw.DataRegion));

    public int CaptureWriters => Raw.Capture.Writers ?? (Provider == DatabaseProvider.Sqlite ? 1 : 2);

    /// <summary>Hangfire keeps its own SQLite file beside the engine's, so the two never contend for one write lock.</summary>
    public string JobsSqlitePath => Path.Combine(DataDirectory, "jobs.db");

    private static ResolvedSettings ForSqlite(MarketingSettings raw, string dataDirectory)
    {
        var connectionString = string.IsNullOrWhiteSpace(raw.Database.ConnectionString)
            ? $"Data Source={Path.Combine(dataDirectory, "marketing.db")}"
            : raw.Database.ConnectionString;
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"invalid setting {DatabaseKey}:ConnectionString: {e.Message}");
        }

        Require(!string.IsNullOrWhiteSpace(builder.DataSource), $"{DatabaseKey}:ConnectionString", "names no Data Source file");
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return new ResolvedSettings(raw, DatabaseProvider.Sqlite, builder.ConnectionString, raw.Database.AutoMigrate ?? true, dataDirectory);
    }

    private static ResolvedSettings ForPostgres(MarketingSettings raw, string dataDirectory)
    {
        Require(!string.IsNullOrWhiteSpace(raw.Database.ConnectionString), $"{DatabaseKey}:ConnectionString",
            "is required when the provider is postgres (e.g. Host=db;Database=marketing;Username=marketing;Password=...)");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(raw.Database.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"invalid setting {DatabaseKey}:ConnectionString: {e.Message}");
        }

        Require(!string.IsNullOrWhiteSpace(builder.Host), $"{DatabaseKey}:ConnectionString", "names no Host");
        Require(raw.Suppression.Secret is not null, "Marketing:Suppression:Secret",
            "is required on PostgreSQL: 32 characters or more, kept out of the database (the key of the suppression list's address hashes)");
        // Like the suppression secret: several nodes must share one KEK, so none may make its own.
        if (string.IsNullOrWhiteSpace(raw.DataProtection.Key) && string.IsNullOrWhiteSpace(raw.DataProtection.KeyFile))
        {
            throw new StartupException(KeyEncryptionKeys.RequiredMessage);
        }

        builder.Timeout = raw.Database.ConnectTimeoutSeconds;
        return new ResolvedSettings(raw, DatabaseProvider.Postgres, builder.ConnectionString, raw.Database.AutoMigrate ?? false, dataDirectory);
    }

    private static void Require(bool condition, string key, string problem) => Setting.Require(condition, key, problem);
}
