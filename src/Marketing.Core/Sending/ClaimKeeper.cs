using System.Data.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Sending;

/// <summary>How a handed-over message fared, written on its record: <c>sent</c>, back to <c>sending</c> (it never left), or <c>interrupted</c>.</summary>
/// <param name="Informs">The person the message gave the art. 14 information (R52): once it is sent, in the same write, they are informed.</param>
public sealed record Settlement(Guid Id, string Status, string? MessageId = null, string? DeliveryStatus = null, string? Error = null, Guid? Informs = null)
{
    public static Settlement Delivered(Guid id, string? messageId, string? deliveryStatus = null, Guid? informs = null) =>
        new(id, SendStatuses.Sent, messageId, deliveryStatus, Informs: informs);

    /// <summary>Refused, or the connection failed before the message was on its way: it is still this pass's to retry or fail.</summary>
    public static Settlement NotOut(Guid id) => new(id, SendStatuses.Sending);

    /// <summary>Lost mid-conversation: it may have left, so it is never tried again.</summary>
    public static Settlement Unknown(Guid id, string error) => new(id, SendStatuses.Interrupted, Error: SendRecord.Cut($"delivery unknown, not retried: {error}", 1000));
}

/// <summary>
/// What a dispatch pass tells the database while it holds a batch, on a connection of its own: the lease, renewed
/// every third of its length, and each message's hand-over. A message is marked <c>handing_over</c> before it goes
/// to the relay or gateway and settled after, and a connection marks its next message only once its previous one
/// is settled (both in one write), so at most one message per connection is ever in doubt when a node dies: every
/// other claimed message is known not to have left, and is queued again at once when the lease runs out. Marks of
/// several connections that come at the same moment share one write (group commit), so the cost is one round trip
/// per message per connection at most, and less the more connections there are.
/// </summary>
public sealed class ClaimKeeper : IAsyncDisposable
{
    private readonly MarketingDbContext _side;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lease;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;
    private readonly Lock _lock = new();
    private List<Request> _pending = [];
    private bool _flushing;
    private string? _token;
    private readonly IHandOverWriter _handOvers;

    private sealed record Request(Settlement? Settle, Guid? Mark, TaskCompletionSource<bool> Done);

    private ClaimKeeper(MarketingDbContext side, TimeProvider clock, TimeSpan lease)
    {
        _side = side;
        _clock = clock;
        _lease = lease;
        _handOvers = ProviderQueries.For(side).HandOvers(side);
        _heartbeat = Task.Run(BeatAsync);
    }

    public static ClaimKeeper Open(MarketingDbContext db, TimeProvider clock, TimeSpan lease) => new(DatabaseOptionsExtensions.OpenBeside(db), clock, lease);

    /// <summary>The claim whose lease is renewed, and under which messages are handed over, until the next one.</summary>
    public void Hold(string? token) => Volatile.Write(ref _token, token);

    /// <summary>
    /// Settles <paramref name="previous"/> (the message this connection handed over last) and marks <paramref name="next"/>
    /// as being handed over, in one write. False when the claim on <paramref name="next"/> is no longer this pass's
    /// (its lease ran out and another pass took it): it must not be sent.
    /// </summary>
    public Task<bool> HandOverAsync(Settlement? previous, Guid next) => EnqueueAsync(previous, next);

    public Task SettleAsync(Settlement settlement) => EnqueueAsync(settlement, null);

    private Task<bool> EnqueueAsync(Settlement? settle, Guid? mark)
    {
        // Each waiting connection continues on its own, not on the writer's thread: the next write is not held up by its SMTP work.
        var request = new Request(settle, mark, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_lock)
        {
            _pending.Add(request);
            start = !_flushing;
            _flushing = true;
        }

        if (start)
        {
            // This caller writes, and goes on writing what arrives meanwhile; the others only wait.
            _ = FlushAsync();
        }

        return request.Done.Task;
    }

    /// <summary>Writes whatever is pending, again and again until nothing is: requests arriving during a write wait for the next one.</summary>
    private async Task FlushAsync()
    {
        while (true)
        {
            List<Request> batch;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                batch = _pending;
                _pending = [];
            }

            try
            {
                var marked = await WriteAsync([.. batch.Select(r => r.Settle).OfType<Settlement>()], [.. batch.Select(r => r.Mark).OfType<Guid>()]);
                foreach (var request in batch)
                {
                    request.Done.TrySetResult(request.Mark is not { } id || marked.Contains(id));
                }
            }
#pragma warning disable CA1031 // not swallowed: every waiting connection gets the failure and stops handing over
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var request in batch)
                {
                    request.Done.TrySetException(e);
                }
            }
        }
    }

    private async Task<HashSet<Guid>> WriteAsync(List<Settlement> settle, List<Guid> mark)
    {
        var token = Volatile.Read(ref _token) ?? throw new InvalidOperationException("no claim is held");
        var at = _clock.GetUtcNow();
        await _writing.WaitAsync();
        try
        {
            return await _handOvers.WriteAsync(token, at, settle, mark);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Renews the lease of the held claim while the pass runs; a renewal that fails is tried again at the next beat.</summary>
    private async Task BeatAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(_lease / 3, _stop.Token);
                if (Volatile.Read(ref _token) is not { } token)
                {
                    continue;
                }

                await _writing.WaitAsync(_stop.Token);
                try
                {
                    var until = _clock.GetUtcNow() + _lease;
                    await ProviderQueries.For(_side).RenewLeaseAsync(_side, token, until, _stop.Token);
                }
                catch (Exception e) when (e is DbException or InvalidOperationException or DbUpdateException)
                {
                    // The database is away for a moment; if it stays away longer than the lease, another pass takes the claim over.
                }
                finally
                {
                    _writing.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _heartbeat;
        // A flush still running finishes before the connection goes.
        await _writing.WaitAsync();
        _writing.Release();
        await _handOvers.DisposeAsync();

        await _side.DisposeAsync();
        _stop.Dispose();
        _writing.Dispose();
    }
}
