using System.Threading.Channels;
using Marketing.Capture;
using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Marketing.Server.Capture;

/// <summary>
/// Group commit for submissions: requests queue their accepted submission and wait; a writer (one on SQLite,
/// a few on PostgreSQL) takes whatever has queued, up to a batch, writes it in one transaction, then answers
/// each request. Under load many submissions share a commit; alone, a submission is written at once. A batch is
/// first written without looking for replays (the unique index catches one); a batch that fails is written again
/// looking for them, then, if it fails again, one by one, so one bad submission never fails the others.
/// </summary>
public sealed partial class SubmissionWriter(
    TimeProvider clock, Hosting.ResolvedSettings settings, Sending.DispatchSignals dispatch,
    ILoggerFactory loggers, ILogger<SubmissionWriter> logger)
    : BackgroundService
{
    private const int Attempts = 3;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(20_000));
    private readonly PooledDbContextFactory<MarketingDbContext> _contexts = Contexts(settings, loggers);

    /// <summary>
    /// The writer's own contexts. A first try that a unique index refuses (a replay, a person another writer added
    /// meanwhile) is expected: the writer writes the batch again and logs what matters itself, up to Error for a
    /// submission that cannot be written. EF would log every refused command at Error with its stack trace first,
    /// so for these contexts it logs them at Debug.
    /// </summary>
    private static PooledDbContextFactory<MarketingDbContext> Contexts(Hosting.ResolvedSettings settings, ILoggerFactory loggers)
    {
        var options = new DbContextOptionsBuilder<MarketingDbContext>();
        options.UseMarketingDatabase(settings.Provider, settings.ConnectionString)
            .UseLoggerFactory(loggers)
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
        return new PooledDbContextFactory<MarketingDbContext>(options.Options);
    }

    private sealed record Pending(AcceptedSubmission Submission, TaskCompletionSource<RecordSubmissions.Recorded> Done);

    /// <summary>Returns once the submission is committed (or was already, for a replay).</summary>
    public async Task<RecordSubmissions.Recorded> WriteAsync(AcceptedSubmission submission, CancellationToken ct)
    {
        var pending = new Pending(submission, new TaskCompletionSource<RecordSubmissions.Recorded>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        // The request may go away; the write goes on, so that what a retry finds is what was stored.
        return await pending.Done.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, settings.CaptureWriters).Select(_ => Task.Run(() => WriteLoopAsync(stoppingToken), stoppingToken)));

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(settings.Raw.Capture.MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < settings.Raw.Capture.MaxBatchSize && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await WriteBatchAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Done.TrySetException(new OperationCanceledException("The engine is shutting down."));
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var submissions = batch.Select(p => p.Submission).ToList();
        try
        {
            Answer(batch, await RecordAsync(submissions, lookForReplays: false));
            return;
        }
        catch (Exception e) when (BulkInsert.IsDuplicate(e))
        {
            // A replay, or a person another writer added meanwhile: once more, reading what is already stored.
            LogBatchRetried(e, batch.Count);
            try
            {
                Answer(batch, await RecordAsync(submissions, lookForReplays: true));
                return;
            }
#pragma warning disable CA1031 // whatever failed the batch, each submission is retried alone and fails alone
            catch (Exception again)
#pragma warning restore CA1031
            {
                LogBatchFailed(again, batch.Count);
            }
        }
#pragma warning disable CA1031
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBatchFailed(e, batch.Count);
        }

        foreach (var pending in batch)
        {
            await WriteAloneAsync(pending);
        }
    }

    private static void Answer(List<Pending> batch, IReadOnlyList<RecordSubmissions.Recorded> results)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(results[i]);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {Count} submissions held a replay or met another writer; writing it again, looking for replays")]
    private partial void LogBatchRetried(Exception e, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} submissions failed; writing them one by one")]
    private partial void LogBatchFailed(Exception e, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A submission could not be written")]
    private partial void LogWriteFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A submission write conflicted with another writer; retrying")]
    private partial void LogConflict(Exception e);

    private async Task WriteAloneAsync(Pending pending)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                pending.Done.TrySetResult((await RecordAsync([pending.Submission], lookForReplays: true))[0]);
                return;
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException && attempt < Attempts)
            {
                // Another node wrote the same person or the same submission id meanwhile: read again and retry.
                LogConflict(e);
            }
#pragma warning disable CA1031
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogWriteFailed(e);
                pending.Done.TrySetException(e);
                return;
            }
        }
    }

    private async Task<IReadOnlyList<RecordSubmissions.Recorded>> RecordAsync(IReadOnlyList<AcceptedSubmission> submissions, bool lookForReplays)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var recorded = await RecordSubmissions.HandleAsync(db, clock, submissions, lookForReplays,
            TimeSpan.FromHours(settings.Raw.Capture.ConfirmationWindowHours), CancellationToken.None);
        if (recorded.Any(r => r.QueuedMessage))
        {
            // Committed: the confirmation emails can go now rather than at the next sweep.
            dispatch.Notify(ChannelKeys.Email);
        }

        if (recorded.Any(r => r.QueuedSms))
        {
            dispatch.Notify(ChannelKeys.Sms);
        }

        return recorded;
    }
}
