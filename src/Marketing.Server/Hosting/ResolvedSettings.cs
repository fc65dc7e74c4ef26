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

        Require(raw.Jobs.WorkerCount is >= 1 and <= 200, "Marketing:Jobs:WorkerCount", "must be between 1 and 200");
        Require(raw.Jobs.PollIntervalSeconds is >= 0.1 and <= 60, "Marketing:Jobs:PollIntervalSeconds", "must be between 0.1 and 60");
        Require(IsSqlIdentifier(raw.Jobs.Schema), "Marketing:Jobs:Schema", "must be a plain identifier (letters, digits, underscore)");
        for (var i = 0; i < raw.Jobs.Queues.Count; i++)
        {
            Require(Marketing.Server.Jobs.JobQueues.All.Contains(raw.Jobs.Queues[i]), $"Marketing:Jobs:Queues:{i}", $"must be one of: {string.Join(", ", Marketing.Server.Jobs.JobQueues.All)}");
        }
        Require(raw.Public.MaxBodyBytes is >= 1024 and <= 10 * 1024 * 1024, "Marketing:Public:MaxBodyBytes", "must be between 1024 and 10485760");
        Require(raw.Public.RateLimitPermits >= 1, "Marketing:Public:RateLimitPermits", "must be at least 1");
        Require(raw.Public.RateLimitWindowSeconds is >= 1 and <= 3600, "Marketing:Public:RateLimitWindowSeconds", "must be between 1 and 3600");
        Require(raw.Public.SiteCacheSeconds is >= 1 and <= 3600, "Marketing:Public:SiteCacheSeconds", "must be between 1 and 3600");
        Require(raw.Capture.IpPrefixV4 is >= 0 and <= 32, "Marketing:Capture:IpPrefixV4", "must be between 0 and 32");
        Require(raw.Capture.IpPrefixV6 is >= 0 and <= 128, "Marketing:Capture:IpPrefixV6", "must be between 0 and 128");
        Require(raw.CookieConsent.IpPrefixV4 is >= 0 and <= 32, "Marketing:CookieConsent:IpPrefixV4", "must be between 0 and 32");
        Require(raw.CookieConsent.IpPrefixV6 is >= 0 and <= 128, "Marketing:CookieConsent:IpPrefixV6", "must be between 0 and 128");
        Require(raw.Capture.SubmissionsPerMinute >= 1, "Marketing:Capture:SubmissionsPerMinute", "must be at least 1");
        Require(raw.Capture.Writers is null or (>= 1 and <= 32), "Marketing:Capture:Writers", "must be between 1 and 32");
        Require(raw.Capture.MaxBatchSize is >= 1 and <= 4096, "Marketing:Capture:MaxBatchSize", "must be between 1 and 4096");
        Require(raw.Capture.ConfirmationWindowHours is >= 1 and <= 720, "Marketing:Capture:ConfirmationWindowHours", "must be between 1 and 720 (30 days)");
        for (var i = 0; i < raw.Http.TrustedProxies.Count; i++)
        {
            Require(System.Net.IPNetwork.TryParse(raw.Http.TrustedProxies[i], out _) || System.Net.IPAddress.TryParse(raw.Http.TrustedProxies[i], out _),
                $"Marketing:Http:TrustedProxies:{i}", "must be an IP address or a CIDR network such as 10.0.0.0/8");
        }

        Require(raw.Http.FailedKeysPerMinute is >= 1 and <= 10000, "Marketing:Http:FailedKeysPerMinute", "must be between 1 and 10000");
        Require(raw.Http.FailedTokensPerMinute is >= 1 and <= 10000, "Marketing:Http:FailedTokensPerMinute", "must be between 1 and 10000");
        ValidateEmail(raw.Email);
        Require(raw.Nurture.BatchSize is >= 1 and <= 5000, "Marketing:Nurture:BatchSize", "must be between 1 and 5000");
        Require(raw.Nurture.Parallelism is >= 1 and <= 32, "Marketing:Nurture:Parallelism", "must be between 1 and 32");
        Require(raw.Nurture.LeaseSeconds is >= 30 and <= 3600, "Marketing:Nurture:LeaseSeconds", "must be between 30 and 3600");
        ValidateSms(raw.Sms);
        raw.Web.Validate();
        var policy = SendingPolicy(raw.Sending);
        Require(Uri.TryCreate(raw.PublicBaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.Scheme is "http" or "https",
            "Marketing:PublicBaseUrl", "must be an absolute http(s) URL, e.g. https://engine.acme.example");
        // RFC 8058: one-click unsubscribe needs an https link. Plain http is a local trial's (nobody else can follow
        // links to this machine) or a declared development installation's; mail then goes without List-Unsubscribe-Post.
        Require(baseUrl!.Scheme == "https" || baseUrl.IsLoopback || raw.Development, "Marketing:PublicBaseUrl",
            $"must be https (one-click unsubscribe links must be, RFC 8058), not '{raw.PublicBaseUrl}'; plain http is accepted for localhost only, or with Marketing:Development=true");
        Require(raw.Suppression.Secret is null || raw.Suppression.Secret.Length >= 32, "Marketing:Suppression:Secret", "must be at least 32 characters");
        ValidateDataProtection(raw.DataProtection);
        Require(raw.Database.ConnectTimeoutSeconds is >= 1 and <= 300, $"{DatabaseKey}:ConnectTimeoutSeconds", "must be between 1 and 300");
        Require(!string.IsNullOrWhiteSpace(raw.DataDirectory), "Marketing:DataDirectory", "must not be empty");

        var dataDirectory = Path.GetFullPath(raw.DataDirectory, workingDirectory);
        return (raw.Database.Provider ?? "").Trim().ToLowerInvariant() switch
        {
            "sqlite" => ForSqlite(raw, dataDirectory),
            "postgres" or "postgresql" => ForPostgres(raw),
            var other => throw new StartupException(
                $"invalid setting {DatabaseKey}:Provider: '{other}' is not a provider; use 'sqlite' or 'postgres'"),
        } with { SendPolicy = policy };
    }

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

    private static ResolvedSettings ForPostgres(MarketingSettings raw)
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
        return new ResolvedSettings(raw, DatabaseProvider.Postgres, builder.ConnectionString, raw.Database.AutoMigrate ?? false, "");
    }

    /// <summary><c>9.9.9.9</c>, <c>127.0.0.1:5353</c> or <c>[::1]:5353</c>; null when it is none of these.</summary>
    public static System.Net.IPEndPoint? DnsEndPoint(string value) =>
        System.Net.IPEndPoint.TryParse(value, out var endpoint) ? new System.Net.IPEndPoint(endpoint.Address, endpoint.Port == 0 ? 53 : endpoint.Port) : null;

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern);
            return !string.IsNullOrEmpty(pattern);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void ValidateEmail(EmailSettings email)
    {
        const string Key = "Marketing:Email";
        Require(MimeKit.MailboxAddress.TryParse(email.From, out _), $"{Key}:From", "must be an address such as 'Acme <news@acme.example>'");
        Require(email.TransactionalFrom is null || MimeKit.MailboxAddress.TryParse(email.TransactionalFrom, out _), $"{Key}:TransactionalFrom", "must be an address");
        Require(email.UnsubscribeMailto is null || Marketing.Leads.Identifiers.TryNormalizeEmail(email.UnsubscribeMailto, out _), $"{Key}:UnsubscribeMailto", "must be an email address");
        Require(email.Smtp.Port is >= 1 and <= 65535, $"{Key}:Smtp:Port", "must be between 1 and 65535");
        Require(email.Smtp.Security.ToLowerInvariant() is "auto" or "none" or "starttls" or "ssl", $"{Key}:Smtp:Security", "must be auto, none, starttls or ssl");
        Require(email.Smtp.Connections is >= 1 and <= 32, $"{Key}:Smtp:Connections", "must be between 1 and 32");
        Require(email.BatchSize is >= 1 and <= 5000, $"{Key}:BatchSize", "must be between 1 and 5000");
        Require(email.MaxAttempts is >= 1 and <= 50, $"{Key}:MaxAttempts", "must be between 1 and 50");
        Require(email.ConfirmationLinkDays is >= 1 and <= 90, $"{Key}:ConfirmationLinkDays", "must be between 1 and 90");
        Require(email.PurgeUnconfirmedAfterDays is >= 1 and <= 3650, $"{Key}:PurgeUnconfirmedAfterDays", "must be between 1 and 3650");
        Require(email.Imap.Port is >= 1 and <= 65535, $"{Key}:Imap:Port", "must be between 1 and 65535");
        Require(email.Imap.Security.ToLowerInvariant() is "auto" or "none" or "starttls" or "ssl", $"{Key}:Imap:Security", "must be auto, none, starttls or ssl");
        Require(string.IsNullOrWhiteSpace(email.Imap.Host) || !string.IsNullOrWhiteSpace(email.Imap.Username), $"{Key}:Imap:Username", "is required with an IMAP host");
        var hygiene = email.Hygiene;
        Require(hygiene.WarnRate is > 0 and < 1, $"{Key}:Hygiene:WarnRate", "must be a fraction between 0 and 1, e.g. 0.001 for 0.1 %");
        Require(hygiene.PauseRate is > 0 and < 1 && hygiene.PauseRate >= hygiene.WarnRate, $"{Key}:Hygiene:PauseRate",
            "must be a fraction between 0 and 1, at least WarnRate, e.g. 0.003 for 0.3 %");
        Require(hygiene.MinimumVolume >= 1, $"{Key}:Hygiene:MinimumVolume", "must be 1 or more");
        Require(hygiene.SoftBounceLimit is >= 1 and <= 100, $"{Key}:Hygiene:SoftBounceLimit", "must be between 1 and 100");
        Require(hygiene.SoftBounceWindowDays is >= 1 and <= 365, $"{Key}:Hygiene:SoftBounceWindowDays", "must be between 1 and 365");
        var domain = email.Domain;
        Require(domain.BulkThreshold >= 0, $"{Key}:Domain:BulkThreshold", "must be 0 or more");
        Require(string.IsNullOrWhiteSpace(domain.DnsServer) || DnsEndPoint(domain.DnsServer) is not null, $"{Key}:Domain:DnsServer",
            "must be a resolver's IP address, optionally with a port: 9.9.9.9 or 127.0.0.1:5353 (empty: the system's resolvers)");
        for (var i = 0; i < domain.SendingIps.Count; i++)
        {
            Require(System.Net.IPAddress.TryParse(domain.SendingIps[i], out _), $"{Key}:Domain:SendingIps:{i}", "must be an IP address");
        }

        var dkim = email.Dkim;
        var dkimParts = new[] { dkim.Domain, dkim.Selector, dkim.PrivateKeyPath }.Count(v => !string.IsNullOrWhiteSpace(v));
        Require(dkimParts is 0 or 3, $"{Key}:Dkim", "needs Domain, Selector and PrivateKeyPath together");
        Require(dkim.PrivateKeyPath is null || File.Exists(dkim.PrivateKeyPath), $"{Key}:Dkim:PrivateKeyPath", $"no such file '{dkim.PrivateKeyPath}'");
    }

    private static void ValidateDataProtection(DataProtectionSettings protection)
    {
        const string Key = KeyEncryptionKeys.Section;
        const string Format = "must be 32 random bytes in base64 (e.g. 'openssl rand -base64 32')";
        Require(string.IsNullOrWhiteSpace(protection.Key) || string.IsNullOrWhiteSpace(protection.KeyFile), $"{Key}:Key", "give Key or KeyFile, not both");
        Require(string.IsNullOrWhiteSpace(protection.Key) || KeyEncryptionKeys.TryDecode(protection.Key) is not null, $"{Key}:Key", Format);
        Require(string.IsNullOrWhiteSpace(protection.KeyFile) || File.Exists(protection.KeyFile), $"{Key}:KeyFile", $"no such file '{protection.KeyFile}'");
        for (var i = 0; i < protection.PreviousKeys.Count; i++)
        {
            Require(KeyEncryptionKeys.TryDecode(protection.PreviousKeys[i]) is not null, $"{Key}:PreviousKeys:{i}", Format);
        }
    }

    private static void ValidateSms(SmsSettings sms)
    {
        const string Key = "Marketing:Sms";
        var hex32 = new System.Text.RegularExpressions.Regex("^[0-9a-fA-F]{32}$");
        Require(sms.AccountSid is null || (sms.AccountSid.StartsWith("AC", StringComparison.Ordinal) && hex32.IsMatch(sms.AccountSid[2..])),
            $"{Key}:AccountSid", "must be a Twilio account SID: AC followed by 32 hexadecimal digits");
        Require(sms.BatchSize is >= 1 and <= 1000, $"{Key}:BatchSize", "must be between 1 and 1000");
        Require(sms.MaxAttempts is >= 1 and <= 50, $"{Key}:MaxAttempts", "must be between 1 and 50");
        Require(sms.ApiBaseUrl is null || (Uri.TryCreate(sms.ApiBaseUrl, UriKind.Absolute, out var api) && api.Scheme is "http" or "https"),
            $"{Key}:ApiBaseUrl", "must be an absolute http(s) URL, e.g. http://127.0.0.1:8089");
        Require(sms.MessagingServiceSid is null || (sms.MessagingServiceSid.StartsWith("MG", StringComparison.Ordinal) && hex32.IsMatch(sms.MessagingServiceSid[2..])),
            $"{Key}:MessagingServiceSid", "must be a Messaging Service SID: MG followed by 32 hexadecimal digits");
        Require(sms.From is null || System.Text.RegularExpressions.Regex.IsMatch(sms.From, @"^(\+[1-9][0-9]{6,14}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$"),
            $"{Key}:From", "must be a number in E.164 form (+33612345678) or an alphanumeric sender id of at most 11 characters");
        if (sms.AccountSid is null)
        {
            return;
        }

        Require(!string.IsNullOrWhiteSpace(sms.AuthToken), $"{Key}:AuthToken", "is required with an AccountSid");
        Require(string.IsNullOrWhiteSpace(sms.From) != string.IsNullOrWhiteSpace(sms.MessagingServiceSid), $"{Key}:From",
            "give either From or MessagingServiceSid (exactly one) with an AccountSid");
    }

    private static Marketing.Sending.SendPolicy SendingPolicy(SendingSettings sending)
    {
        const string Key = "Marketing:Sending";
        Require(IsRegex(sending.GenericMailboxPattern), $"{Key}:GenericMailboxPattern", "must be a regular expression, e.g. ^(contact|info)@");
        foreach (var (regime, zone) in sending.DefaultTimeZones)
        {
            Require(TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _), $"{Key}:DefaultTimeZones:{regime}", $"'{zone}' is not an IANA time zone such as Europe/Paris");
        }

        var calendars = new Dictionary<string, Marketing.Sending.HolidayCalendar>();
        foreach (var (name, holidays) in sending.Holidays)
        {
            try
            {
                calendars[name] = new Marketing.Sending.HolidayCalendar((name == "fr" ? Marketing.Sending.HolidayCalendar.France : []).Concat(holidays.Extra));
            }
            catch (FormatException e)
            {
                throw new StartupException($"invalid setting {Key}:Holidays:{name}:Extra: {e.Message}");
            }
        }

        var windows = new List<Marketing.Sending.SendWindow>();
        foreach (var (name, w) in sending.Windows.Where(w => w.Value.Enabled))
        {
            var at = $"{Key}:Windows:{name}";
            Require(Marketing.Consent.Regimes.All.Contains(w.Regime), $"{at}:Regime", $"must be one of: {string.Join(", ", Marketing.Consent.Regimes.All)}");
            Require(w.Channel is "sms" or "email", $"{at}:Channel", "must be sms or email");
            var types = w.MessageTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            Require(types.Count > 0 && types.All(Marketing.Sending.MessageTypes.All.Contains), $"{at}:MessageTypes", $"must list some of: {string.Join(", ", Marketing.Sending.MessageTypes.All)}");
            Require(w.Holidays is null || calendars.ContainsKey(w.Holidays), $"{at}:Holidays", $"names no calendar of {Key}:Holidays");
            try
            {
                var from = Marketing.Sending.SendWindow.ParseTime(w.From);
                var to = Marketing.Sending.SendWindow.ParseTime(w.To);
                Require(from < to, $"{at}:To", "must be later than From");
                windows.Add(new Marketing.Sending.SendWindow(w.Regime, w.Channel, types, Marketing.Sending.SendWindow.ParseDays(w.Days), from, to,
                    w.Holidays is null ? null : calendars[w.Holidays]));
            }
            catch (FormatException e)
            {
                throw new StartupException($"invalid setting {at}: {e.Message}");
            }
        }

        var caps = new Dictionary<string, Marketing.Sending.FrequencyCap>();
        foreach (var (channel, cap) in sending.Caps.Where(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            try
            {
                caps[channel] = Marketing.Sending.FrequencyCap.Parse(cap);
            }
            catch (FormatException e)
            {
                throw new StartupException($"invalid setting {Key}:Caps:{channel}: {e.Message}");
            }
        }

        return new Marketing.Sending.SendPolicy(windows, caps, sending.DefaultTimeZones);
    }

    private static void Require(bool condition, string key, string problem)
    {
        if (!condition)
        {
            throw new StartupException($"invalid setting {key}: {problem}");
        }
    }

    private static bool IsSqlIdentifier(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 63 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(value[0]);
}
