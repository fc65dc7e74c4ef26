using Marketing.Server.Hosting;

namespace Marketing.Server.Capture;

public sealed class CaptureSettings
{
    public const string Section = "Marketing:Capture";

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

    /// <summary>Stops the start, naming the setting, at the first value it cannot use.</summary>
    public void Validate()
    {
        Setting.Require(IpPrefixV4 is >= 0 and <= 32, $"{Section}:IpPrefixV4", "must be between 0 and 32");
        Setting.Require(IpPrefixV6 is >= 0 and <= 128, $"{Section}:IpPrefixV6", "must be between 0 and 128");
        Setting.Require(SubmissionsPerMinute >= 1, $"{Section}:SubmissionsPerMinute", "must be at least 1");
        Setting.Require(Writers is null or (>= 1 and <= 32), $"{Section}:Writers", "must be between 1 and 32");
        Setting.Require(MaxBatchSize is >= 1 and <= 4096, $"{Section}:MaxBatchSize", "must be between 1 and 4096");
        Setting.Require(ConfirmationWindowHours is >= 1 and <= 720, $"{Section}:ConfirmationWindowHours", "must be between 1 and 720 (30 days)");
    }
}
