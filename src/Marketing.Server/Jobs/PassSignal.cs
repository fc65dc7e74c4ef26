namespace Marketing.Server.Jobs;

/// <summary>
/// Enqueues a pass when there is work, at most one waiting at a time per node: a burst of sign-ups or of queued
/// steps costs one Hangfire job, not one each. The pass calls <see cref="PassStarted"/> first, so work arriving
/// while it runs enqueues the next one. Any node's server may run the pass (and with <c>Marketing:Jobs:Queues</c>
/// this node may run none), so a pass counts as waiting for a second at most: after that, new work enqueues
/// another. Each kind of pass also has a minutely recurring job for anything else (retries, scheduled sends, a
/// node that stopped).
/// </summary>
public abstract class PassSignal
{
    private const long WaitingAtMostMs = 1000;

    /// <summary>When this node enqueued the pass that waits (<see cref="Environment.TickCount64"/>), or 0 when none does.</summary>
    private long _enqueuedAt;

    public void Notify()
    {
        var now = Math.Max(1, Environment.TickCount64);
        var waiting = Interlocked.Read(ref _enqueuedAt);
        if ((waiting == 0 || now - waiting > WaitingAtMostMs) && Interlocked.CompareExchange(ref _enqueuedAt, now, waiting) == waiting)
        {
            Enqueue();
        }
    }

    protected abstract void Enqueue();

    internal void PassStarted() => Interlocked.Exchange(ref _enqueuedAt, 0);
}

/// <summary>The signal of a channel's dispatcher, which can also be asked for a pass when a message scheduled for later falls due.</summary>
public abstract class DispatchSignal : PassSignal
{
    /// <summary>The channel whose dispatcher this signal starts (<c>email</c>, <c>sms</c>).</summary>
    public abstract string Channel { get; }

    /// <summary>A pass now if the message is due, else one a moment after its due time: Hangfire may start a scheduled job slightly early, and the pass would find nothing due yet.</summary>
    public void NotifyWhenDue(DateTimeOffset due, DateTimeOffset now)
    {
        if (due > now)
        {
            Schedule(due.AddSeconds(1));
        }
        else
        {
            Notify();
        }
    }

    protected abstract void Schedule(DateTimeOffset at);
}
