using Marketing.Server.Hosting;

namespace Marketing.Server.PublicEndpoints;

public sealed class PublicSettings
{
    public const string Section = "Marketing:Public";

    /// <summary>Largest request body the public endpoints read.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
    /// <summary>Requests one IP address may make to the public endpoints per window.</summary>
    public int RateLimitPermits { get; set; } = 120;
    public int RateLimitWindowSeconds { get; set; } = 60;
    /// <summary>How long a site's CORS allow-list is cached on each node.</summary>
    public int SiteCacheSeconds { get; set; } = 30;

    /// <summary>Stops the start, naming the setting, at the first value it cannot use.</summary>
    public void Validate()
    {
        Setting.Require(MaxBodyBytes is >= 1024 and <= 10 * 1024 * 1024, $"{Section}:MaxBodyBytes", "must be between 1024 and 10485760");
        Setting.Require(RateLimitPermits >= 1, $"{Section}:RateLimitPermits", "must be at least 1");
        Setting.Require(RateLimitWindowSeconds is >= 1 and <= 3600, $"{Section}:RateLimitWindowSeconds", "must be between 1 and 3600");
        Setting.Require(SiteCacheSeconds is >= 1 and <= 3600, $"{Section}:SiteCacheSeconds", "must be between 1 and 3600");
    }
}
