using Marketing.Server.Hosting;

namespace Marketing.Server.Channels.Sms;

public sealed class SmsSettings
{
    public const string Section = "Marketing:Sms";

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
    /// <summary>Key of Twilio's processor entry (R43): required before the channel is switched on.</summary>
    public string Processor { get; set; } = "twilio";

    /// <summary>Stops the start, naming the setting, at the first value the SMS channel cannot use.</summary>
    public void Validate()
    {
        var sms = this;
        var hex32 = new System.Text.RegularExpressions.Regex("^[0-9a-fA-F]{32}$");
        Setting.Require(sms.AccountSid is null || (sms.AccountSid.StartsWith("AC", StringComparison.Ordinal) && hex32.IsMatch(sms.AccountSid[2..])),
            $"{Section}:AccountSid", "must be a Twilio account SID: AC followed by 32 hexadecimal digits");
        Setting.Require(sms.BatchSize is >= 1 and <= 1000, $"{Section}:BatchSize", "must be between 1 and 1000");
        Setting.Require(sms.MaxAttempts is >= 1 and <= 50, $"{Section}:MaxAttempts", "must be between 1 and 50");
        Setting.Require(sms.ApiBaseUrl is null || (Uri.TryCreate(sms.ApiBaseUrl, UriKind.Absolute, out var api) && api.Scheme is "http" or "https"),
            $"{Section}:ApiBaseUrl", "must be an absolute http(s) URL, e.g. http://127.0.0.1:8089");
        Setting.Require(sms.MessagingServiceSid is null || (sms.MessagingServiceSid.StartsWith("MG", StringComparison.Ordinal) && hex32.IsMatch(sms.MessagingServiceSid[2..])),
            $"{Section}:MessagingServiceSid", "must be a Messaging Service SID: MG followed by 32 hexadecimal digits");
        Setting.Require(sms.From is null || System.Text.RegularExpressions.Regex.IsMatch(sms.From, @"^(\+[1-9][0-9]{6,14}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$"),
            $"{Section}:From", "must be a number in E.164 form (+33612345678) or an alphanumeric sender id of at most 11 characters");
        Setting.Require(Marketing.Compliance.ProcessorRules.IsValidKey(sms.Processor), $"{Section}:Processor", Email.EmailSettings.ProcessorKeyProblem);
        if (sms.AccountSid is null)
        {
            return;
        }

        Setting.Require(!string.IsNullOrWhiteSpace(sms.AuthToken), $"{Section}:AuthToken", "is required with an AccountSid");
        Setting.Require(string.IsNullOrWhiteSpace(sms.From) != string.IsNullOrWhiteSpace(sms.MessagingServiceSid), $"{Section}:From",
            "give either From or MessagingServiceSid (exactly one) with an AccountSid");
    }
}
