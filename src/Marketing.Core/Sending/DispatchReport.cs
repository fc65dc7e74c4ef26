namespace Marketing.Sending;

/// <summary>What one dispatch pass (or one of its batches) did with the messages it held.</summary>
public sealed record DispatchReport(int Sent, int Blocked, int Failed, int Retrying, int Interrupted)
{
    public static DispatchReport Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Messages another node had claimed and never handed over, queued again by this pass.</summary>
    public int Requeued { get; init; }
    /// <summary>Connections to the relay or gateway that could not be opened or broke.</summary>
    public int ConnectionFailures { get; init; }
    /// <summary>The last error of the pass, addresses and numbers removed: what its one warning quotes.</summary>
    public string? LastError { get; init; }

    /// <summary>Messages the pass dealt with (requeued ones are dealt with by a later pass).</summary>
    public int Total => Sent + Blocked + Failed + Retrying + Interrupted;

    public DispatchReport Add(DispatchReport other) => new(
        Sent + other.Sent, Blocked + other.Blocked, Failed + other.Failed, Retrying + other.Retrying, Interrupted + other.Interrupted)
    {
        Requeued = Requeued + other.Requeued,
        ConnectionFailures = ConnectionFailures + other.ConnectionFailures,
        LastError = other.LastError ?? LastError,
    };
}
