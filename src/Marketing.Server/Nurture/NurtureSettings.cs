using Marketing.Server.Hosting;

namespace Marketing.Server.Nurture;

public sealed class NurtureSettings
{
    public const string Section = "Marketing:Nurture";

    /// <summary>Enrolments one pass claims and advances together.</summary>
    public int BatchSize { get; set; } = 500;
    /// <summary>Passes that run at once, across all nodes, when much is due: a pass that finds a full batch starts this many helpers.</summary>
    public int Parallelism { get; set; } = 2;
    /// <summary>How long a pass holds its enrolments; a pass that dies releases them when this runs out.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Stops the start, naming the setting, at the first value it cannot use.</summary>
    public void Validate()
    {
        Setting.Require(BatchSize is >= 1 and <= 5000, $"{Section}:BatchSize", "must be between 1 and 5000");
        Setting.Require(Parallelism is >= 1 and <= 32, $"{Section}:Parallelism", "must be between 1 and 32");
        Setting.Require(LeaseSeconds is >= 30 and <= 3600, $"{Section}:LeaseSeconds", "must be between 30 and 3600");
    }
}
