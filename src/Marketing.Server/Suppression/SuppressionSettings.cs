using Marketing.Server.Hosting;

namespace Marketing.Server.Suppression;

public sealed class SuppressionSettings
{
    public const string Section = "Marketing:Suppression";

    /// <summary>
    /// Key of the address hashes (R34), at least 32 characters, kept out of the database. Required on
    /// PostgreSQL; on SQLite one is generated into the data directory on first start.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Stops the start, naming the setting, at the first value it cannot use.</summary>
    public void Validate()
    {
        Setting.Require(Secret is null || Secret.Length >= 32, $"{Section}:Secret", "must be at least 32 characters");
    }
}
