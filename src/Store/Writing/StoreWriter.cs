using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Store.Objects;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActorOrchestrator.Store.Writing;

/// <summary>
/// Commits object writes to PostgreSQL, many per transaction. Writers queue; one loop drains the
/// queue into a transaction that takes the revision counter's row lock, gives each write the next
/// revision, applies it conditionally and appends it to the log. While one batch commits, the next
/// one fills: group commit without a timer, so a lone write waits for nothing.
/// </summary>
public sealed class StoreWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly StoreOptions _options;
    private readonly ILogger<StoreWriter> _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly CancellationTokenSource _stopping = new();

    public StoreWriter(NpgsqlDataSource dataSource, StoreOptions options, ILogger<StoreWriter> logger)
    {
        _dataSource = dataSource;
        _options = options;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a write and completes when its transaction has committed (or failed).</summary>
    /// <exception cref="StoreUnavailableException">The database failed; the write may or may not have committed.</exception>
    public Task<WriteResult> WriteAsync(ObjectWrite write, CancellationToken cancellationToken = default)
    {
        var pending = new PendingWrite(write, new TaskCompletionSource<WriteResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(StoreWriter));
        // A cancelled caller stops waiting; the write itself may still commit, as with any lost answer.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                batch.Clear();
                while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var next)) batch.Add(next);
                await CommitAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var results = await ExecuteAsync(batch);
            for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
            StoreMetrics.RecordBatch(batch.Count, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            _logger.LogWarning(ex, "Committing {Count} writes failed", batch.Count);
            var failure = new StoreUnavailableException("the object store is unavailable: " + ex.Message, ex);
            foreach (var pending in batch) pending.Completion.TrySetException(failure);
        }
    }

    private async Task<WriteResult[]> ExecuteAsync(List<PendingWrite> batch)
    {
        using var timeout = new CancellationTokenSource(_options.CommandTimeout);
        await using var connection = await _dataSource.OpenConnectionAsync(timeout.Token);
        await using var transaction = await connection.BeginTransactionAsync(timeout.Token);

        long revision;
        await using (var lockCounter = new NpgsqlCommand("SELECT current FROM ao_revision WHERE id = 1 FOR UPDATE", connection, transaction))
        {
            revision = (long)(await lockCounter.ExecuteScalarAsync(timeout.Token))!;
        }

        var revisions = new long[batch.Count];
        var jsons = new string[batch.Count];
        await using var commands = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i].Write;
            revisions[i] = ++revision;
            write.Object.Metadata()["resourceVersion"] = revisions[i].ToString(CultureInfo.InvariantCulture);
            jsons[i] = StoredJson.Serialize(write.Object);
            commands.BatchCommands.Add(WriteStatements.For(write, revisions[i], jsons[i]));
        }
        commands.BatchCommands.Add(WriteStatements.AdvanceCounter(revision));
        commands.BatchCommands.Add(WriteStatements.Notify(revision));
        await commands.ExecuteNonQueryAsync(timeout.Token);
        await transaction.CommitAsync(timeout.Token);

        var results = new WriteResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = commands.BatchCommands[i].RecordsAffected == 1
                ? new WriteResult(WriteStatus.Committed, revisions[i], jsons[i])
                : WriteResult.Conflicted;
        }
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync();
        }
        _stopping.Dispose();
    }

    private sealed record PendingWrite(ObjectWrite Write, TaskCompletionSource<WriteResult> Completion);
}
