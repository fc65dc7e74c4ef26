namespace Marketing.Server.Jobs;

/// <summary>
/// Enqueues a pass when there is work, at most one waiting at a time per node: a burst of sign-ups or of queued
/// steps costs one Hangfire job, not one each. The pass calls <see cref="PassStarted"/> first, so work arriving
/// while it runs enqueues the next one. Each kind of pass also has a minutely recurring job for anything else
/// (retries, scheduled sends, a node that stopped).
/// </summary>
public abstract class PassSignal
{
    private int _waiting;

    public void Notify()
    {
        if (Interlocked.Exchange(ref _waiting, 1) == 0)
        {
            Enqueue();
        }
    }

    protected abstract void Enqueue();

    internal void PassStarted() => Interlocked.Exchange(ref _waiting, 0);
}
