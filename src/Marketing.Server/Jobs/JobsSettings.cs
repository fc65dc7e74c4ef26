using Marketing.Server.Hosting;

namespace Marketing.Server.Jobs;

public sealed class JobsSettings
{
    public const string Section = "Marketing:Jobs";

    /// <summary>Run the Hangfire server in this process. A node may serve HTTP only.</summary>
    public bool RunServer { get; set; } = true;
    public int WorkerCount { get; set; } = 10;
    /// <summary>How often idle workers look for queued and scheduled work. Hangfire's own default is 15 s.</summary>
    public double PollIntervalSeconds { get; set; } = 1;
    /// <summary>Hangfire's tables live in this PostgreSQL schema.</summary>
    public string Schema { get; set; } = "hangfire";
    /// <summary>
    /// The job queues this node's workers serve: <c>nurture</c> (advancing sequences), <c>send</c> (the email and SMS
    /// dispatchers) and <c>default</c> (everything else). A deployment may split senders from workflow nodes.
    /// </summary>
    public List<string> Queues { get; set; } = [];

    /// <summary>Stops the start, naming the setting, at the first value it cannot use.</summary>
    public void Validate()
    {
        Setting.Require(WorkerCount is >= 1 and <= 200, $"{Section}:WorkerCount", "must be between 1 and 200");
        Setting.Require(PollIntervalSeconds is >= 0.1 and <= 60, $"{Section}:PollIntervalSeconds", "must be between 0.1 and 60");
        Setting.Require(Setting.IsSqlIdentifier(Schema), $"{Section}:Schema", "must be a plain identifier (letters, digits, underscore)");
        for (var i = 0; i < Queues.Count; i++)
        {
            Setting.Require(JobQueues.All.Contains(Queues[i]), $"{Section}:Queues:{i}", $"must be one of: {string.Join(", ", JobQueues.All)}");
        }
    }
}
