using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// Holds every save that adds a row of one entity type until a given number of them have arrived, so that two
/// requests that read the same state write at the same instant: the race a test wants to see, every time.
/// </summary>
public sealed class SaveGate : SaveChangesInterceptor
{
    private Type? _entity;
    private int _expected;
    private int _arrived;
    private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Arm<TEntity>(int saves)
    {
        _entity = typeof(TEntity);
        _expected = saves;
        _arrived = 0;
        _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_entity is { } entity && eventData.Context is { } context
            && context.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Entity.GetType() == entity))
        {
            if (Interlocked.Increment(ref _arrived) >= _expected)
            {
                _entity = null;
                _open.TrySetResult();
            }

            // Bounded, so that a save that never meets its twin fails the test instead of hanging it.
            await _open.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return result;
    }
}
