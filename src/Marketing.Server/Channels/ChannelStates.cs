using System.Globalization;
using Marketing.Server.Hosting;

namespace Marketing.Server.Channels;

/// <summary>
/// Whether each way out and in is on, from the settings this node started with, and why one is off: the channels page
/// (admin). What is shown is where a channel goes, never a secret: a password or token is only said to be set.
/// </summary>
public static class ChannelStates
{
    public static class Keys
    {
        public const string Smtp = "smtp";
        public const string Dkim = "dkim";
        public const string Twilio = "twilio";
        public const string Mailbox = "mailbox";
        public const string Webhook = "webhook";
    }

    /// <summary>Why a channel is off, by stable name (the page words it).</summary>
    public static class OffReasons
    {
        /// <summary>No SMTP host: mail is written to the outbox directory instead.</summary>
        public const string Outbox = "outbox";
        /// <summary>No SMTP host and no outbox: mail waits, queued, until a relay is configured.</summary>
        public const string Queued = "queued";
        public const string NoDkim = "no_dkim";
        public const string NoTwilioAccount = "no_twilio_account";
        public const string NoMailboxHost = "no_mailbox_host";
        public const string NoEventsToken = "no_events_token";
    }

    /// <summary>A fact about a channel: what it names (a stable name the page words) and its value.</summary>
    public sealed record Fact(string Name, string Value);

    /// <param name="Setting">The setting that turns it on.</param>
    public sealed record State(string Key, bool On, string? OffReason, string Setting, IReadOnlyList<Fact> Facts);

    public const string SetValue = "set";
    public const string NotSetValue = "not set";

    public static IReadOnlyList<State> Read(ResolvedSettings settings)
    {
        var email = settings.Raw.Email;
        var sms = settings.Raw.Sms;
        var smtp = email.Smtp;
        var imap = email.Imap;
        var smtpOn = !string.IsNullOrWhiteSpace(smtp.Host);
        var outbox = settings.OutboxDirectory;
        return
        [
            new(Keys.Smtp, smtpOn, smtpOn ? null : outbox is null ? OffReasons.Queued : OffReasons.Outbox, "Marketing:Email:Smtp:Host", smtpOn
                ? [new("host", $"{smtp.Host}:{smtp.Port.ToString(CultureInfo.InvariantCulture)}"), new("security", smtp.Security), new("username", smtp.Username ?? ""),
                    new("password", Set(smtp.Password)), new("connections", smtp.Connections.ToString(CultureInfo.InvariantCulture)), new("from", email.From)]
                : outbox is null ? [new("from", email.From)] : [new("outbox", outbox), new("from", email.From)]),
            new(Keys.Dkim, !string.IsNullOrWhiteSpace(email.Dkim.Domain), string.IsNullOrWhiteSpace(email.Dkim.Domain) ? OffReasons.NoDkim : null, "Marketing:Email:Dkim",
                string.IsNullOrWhiteSpace(email.Dkim.Domain) ? [] : [new("domain", email.Dkim.Domain!), new("selector", email.Dkim.Selector ?? "")]),
            new(Keys.Twilio, sms.AccountSid is not null, sms.AccountSid is null ? OffReasons.NoTwilioAccount : null, "Marketing:Sms:AccountSid", sms.AccountSid is null ? [] :
                [new("account", Masked(sms.AccountSid)), new("auth_token", Set(sms.AuthToken)),
                    sms.MessagingServiceSid is { } service ? new("messaging_service", Masked(service)) : new("from", sms.From ?? ""),
                    new("api", sms.ApiBaseUrl ?? "https://api.twilio.com")]),
            new(Keys.Mailbox, !string.IsNullOrWhiteSpace(imap.Host), string.IsNullOrWhiteSpace(imap.Host) ? OffReasons.NoMailboxHost : null, "Marketing:Email:Imap:Host",
                string.IsNullOrWhiteSpace(imap.Host) ? [] :
                [new("host", $"{imap.Host}:{imap.Port.ToString(CultureInfo.InvariantCulture)}"), new("security", imap.Security), new("username", imap.Username ?? ""),
                    new("password", Set(imap.Password)), new("folder", imap.Folder)]),
            new(Keys.Webhook, !string.IsNullOrWhiteSpace(email.EventsToken), string.IsNullOrWhiteSpace(email.EventsToken) ? OffReasons.NoEventsToken : null,
                "Marketing:Email:EventsToken", string.IsNullOrWhiteSpace(email.EventsToken) ? [] : [new("token", SetValue)]),
        ];
    }

    private static string Set(string? secret) => string.IsNullOrEmpty(secret) ? NotSetValue : SetValue;

    /// <summary>An account id shown by its end only: enough to tell two accounts apart.</summary>
    private static string Masked(string sid) => sid.Length > 6 ? $"{sid[..2]}…{sid[^4..]}" : sid;
}
