namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// A clock the tests move by hand, read by everything in the engine. Set to an instant, it stands still there
/// (send windows and caps are about local time and days); otherwise it runs with real time, shifted by how far
/// the test moved it (days of waiting pass in a call, and rows written one after another keep their order).
/// </summary>
public sealed class TestClock(DateTimeOffset? fixedAt = null) : TimeProvider
{
    private readonly object _lock = new();
    private DateTimeOffset? _fixed = fixedAt;
    private TimeSpan _shift;

    public DateTimeOffset Now
    {
        get => GetUtcNow();
        set
        {
            lock (_lock)
            {
                _fixed = value;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _fixed ?? base.GetUtcNow() + _shift;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            if (_fixed is { } at)
            {
                _fixed = at + by;
            }
            else
            {
                _shift += by;
            }
        }
    }
}
