using System.Data.Common;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Marketing.Sending;

/// <summary>How a handed-over message fared, written on its record: <c>sent</c>, back to <c>sending</c> (it never left), or <c>interrupted</c>.</summary>
public sealed record Settlement(Guid Id, string Status, string? MessageId = null, string? DeliveryStatus = null, string? Error = null)
{
    public static Settlement Delivered(Guid id, string? messageId, string? deliveryStatus = null) => new(id, SendStatuses.Sent, messageId, deliveryStatus);

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
    /// <summary>PostgreSQL: the hand-over statement, prepared once on the side connection, which stays open for the pass.</summary>
    private NpgsqlCommand? _handOver;

    private sealed record Request(Settlement? Settle, Guid? Mark, TaskCompletionSource<bool> Done);

    private ClaimKeeper(MarketingDbContext side, TimeProvider clock, TimeSpan lease)
    {
        _side = side;
        _clock = clock;
        _lease = lease;
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
            return _side.Database.IsNpgsql() ? await WritePostgresAsync(token, at, settle, mark) : await WriteOneByOneAsync(token, at, settle, mark);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>One statement, so one round trip and one commit, whatever the number of connections it serves.</summary>
    private async Task<HashSet<Guid>> WritePostgresAsync(string token, DateTimeOffset at, List<Settlement> settle, List<Guid> mark)
    {
        var command = _handOver ?? await PrepareHandOverAsync();
        command.Parameters[0].Value = token;
        command.Parameters[1].Value = at;
        command.Parameters[2].Value = settle.Select(s => s.Id).ToArray();
        command.Parameters[3].Value = settle.Select(s => s.Status).ToArray();
        command.Parameters[4].Value = settle.Select(s => s.MessageId).ToArray();
        command.Parameters[5].Value = settle.Select(s => s.DeliveryStatus).ToArray();
        command.Parameters[6].Value = settle.Select(s => s.Error).ToArray();
        command.Parameters[7].Value = mark.ToArray();
        var marked = new HashSet<Guid>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                marked.Add(reader.GetGuid(0));
            }
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            // The connection is gone with the statement: the next write opens and prepares again.
            await command.DisposeAsync();
            _handOver = null;
            await _side.Database.CloseConnectionAsync();
            throw;
        }

        return marked;
    }

    // A settlement may find its record interrupted (its lease ran out while the relay answered): what the relay said is truer.
    private const string HandOverSql = """
        WITH settled AS (
            UPDATE send_records r SET status = v.status,
                sent_at = CASE WHEN v.status = 'sent' THEN $2 ELSE r.sent_at END,
                message_id = COALESCE(v.message_id, r.message_id),
                delivery_status = COALESCE(v.delivery_status, r.delivery_status),
                last_error = COALESCE(v.error, r.last_error)
            FROM unnest($3, $4, $5, $6, $7) AS v(id, status, message_id, delivery_status, error)
            WHERE r.id = v.id AND r.claimed_by = $1 AND r.status IN ('handing_over', 'interrupted'))
        UPDATE send_records SET status = 'handing_over'
        WHERE id = ANY($8) AND claimed_by = $1 AND status = 'sending'
        RETURNING id
        """;

    private async Task<NpgsqlCommand> PrepareHandOverAsync()
    {
        await _side.Database.OpenConnectionAsync();
        var command = new NpgsqlCommand(HandOverSql, (NpgsqlConnection)_side.Database.GetDbConnection())
        {
            Parameters =
            {
                new() { NpgsqlDbType = NpgsqlDbType.Text },
                new() { NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            },
        };
        await command.PrepareAsync();
        _handOver = command;
        return command;
    }

    /// <summary>SQLite runs in the process and one writer at a time: one short transaction of one statement per record.</summary>
    private async Task<HashSet<Guid>> WriteOneByOneAsync(string token, DateTimeOffset at, List<Settlement> settle, List<Guid> mark)
    {
        await using var transaction = await _side.Database.BeginTransactionAsync();
        foreach (var s in settle)
        {
            DateTimeOffset? sentAt = s.Status == SendStatuses.Sent ? at : null;
            await _side.SendRecords
                .Where(r => r.Id == s.Id && r.ClaimedBy == token && (r.Status == SendStatuses.HandingOver || r.Status == SendStatuses.Interrupted))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.Status, s.Status)
                    .SetProperty(r => r.SentAt, r => sentAt ?? r.SentAt)
                    .SetProperty(r => r.MessageId, r => s.MessageId ?? r.MessageId)
                    .SetProperty(r => r.DeliveryStatus, r => s.DeliveryStatus ?? r.DeliveryStatus)
                    .SetProperty(r => r.LastError, r => s.Error ?? r.LastError));
        }

        var marked = new HashSet<Guid>();
        foreach (var id in mark)
        {
            if (await _side.SendRecords.Where(r => r.Id == id && r.ClaimedBy == token && r.Status == SendStatuses.Sending)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, SendStatuses.HandingOver)) == 1)
            {
                marked.Add(id);
            }
        }

        await transaction.CommitAsync();
        return marked;
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
                    if (_side.Database.IsNpgsql())
                    {
                        // Rows the pass is saving right now are skipped (renewed at the next beat): waiting for them, in another
                        // order than the pass's own save, could deadlock with it.
                        await _side.Database.ExecuteSqlAsync($"""
                            UPDATE send_records SET lease_until = {until}
                            WHERE id IN (SELECT id FROM send_records WHERE claimed_by = {token} AND status IN ('sending', 'handing_over') FOR UPDATE SKIP LOCKED)
                            """, _stop.Token);
                    }
                    else
                    {
                        await _side.SendRecords.Where(r => r.ClaimedBy == token && (r.Status == SendStatuses.Sending || r.Status == SendStatuses.HandingOver))
                            .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseUntil, until), _stop.Token);
                    }
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
        if (_handOver is not null)
        {
            await _handOver.DisposeAsync();
        }

        await _side.DisposeAsync();
        _stop.Dispose();
        _writing.Dispose();
    }
}
