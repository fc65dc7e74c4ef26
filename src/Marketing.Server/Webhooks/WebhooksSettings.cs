using Marketing.Server.Hosting;

namespace Marketing.Server.Webhooks;

public sealed class WebhooksSettings
{
    public const string Section = "Marketing:Webhooks";

    /// <summary>
    /// Lets endpoints point to this machine or a private network (SSRF is refused otherwise). Off by default; for
    /// tests and for a receiver deliberately on the same private network.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Attempts of one delivery before it is marked failed (5 s, 5 min, 30 min, 2 h, 5 h, then 10 h apart).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Failed attempts in a row after which an endpoint is disabled, with an audit warning.</summary>
    public int DisableAfterFailures { get; set; } = 20;

    /// <summary>How long one POST may take, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Days a delivered or failed delivery stays in the log (and can be replayed) after its last attempt; its event goes
    /// with the last delivery that refers to it. Pending deliveries are never pruned.
    /// </summary>
    public int RetentionDays { get; set; } = 30;

    public void Validate()
    {
        Setting.Require(MaxAttempts is >= 1 and <= 50, $"{Section}:MaxAttempts", "must be between 1 and 50");
        Setting.Require(DisableAfterFailures is >= 1 and <= 1000, $"{Section}:DisableAfterFailures", "must be between 1 and 1000");
        Setting.Require(TimeoutSeconds is >= 1 and <= 60, $"{Section}:TimeoutSeconds", "must be between 1 and 60");
        Setting.Require(RetentionDays is >= 1 and <= 3650, $"{Section}:RetentionDays", "must be between 1 and 3650");
    }
}
