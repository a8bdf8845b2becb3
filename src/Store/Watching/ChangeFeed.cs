using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActorOrchestrator.Store.Watching;

/// <summary>
/// Follows the revision log for a whole process and fans entries out to its watchers. PostgreSQL
/// NOTIFY wakes it as soon as a batch commits; a periodic read covers lost notifications and
/// reconnects. The log is the truth: notifications only say "read now".
/// </summary>
public sealed partial class ChangeFeed(
    NpgsqlDataSource dataSource, LogReader log, Reading.ObjectReader objects, StoreOptions options, ILogger<ChangeFeed> logger)
    : BackgroundService
{
    private const int PageSize = 2000;
    private const int SubscriberCapacity = 100_000;

    private readonly Lock _gate = new();
    private readonly List<FeedSubscription> _subscriptions = [];
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    /// <summary>The newest revision published to subscribers.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>Completes once the feed knows where the log ends.</summary>
    public Task Started => _started.Task;

    /// <summary>Subscribes to entries committed after the current position, atomically with reading it.</summary>
    public FeedSubscription Subscribe(Func<LogEntry, bool> filter)
    {
        lock (_gate)
        {
            var subscription = new FeedSubscription(filter, Position, SubscriberCapacity, Remove);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StartFromCurrentRevisionAsync(stoppingToken);
        var listening = ListenAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(options.FeedPollInterval, stoppingToken);
                await CatchUpAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (StoreUnavailableException ex)
            {
                LogReadFailed(ex.Message);
                await Task.Delay(options.FeedPollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        await listening;
    }

    private async Task StartFromCurrentRevisionAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (current, _) = await objects.GetRevisionsAsync(stoppingToken);
                Interlocked.Exchange(ref _position, current);
                _started.TrySetResult();
                return;
            }
            catch (StoreUnavailableException ex)
            {
                LogReadFailed(ex.Message);
                await Task.Delay(options.FeedPollInterval, stoppingToken);
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var entries = await log.ReadAsync(Position, long.MaxValue, null, PageSize, cancellationToken);
            if (entries.Count == 0)
            {
                await DetectCompactionGapAsync(cancellationToken);
                return;
            }
            Publish(entries);
            if (entries.Count < PageSize) return;
        }
    }

    private void Publish(IReadOnlyList<LogEntry> entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                foreach (var subscription in _subscriptions)
                {
                    if (subscription.Filter(entry)) subscription.Offer(entry);
                }
            }
            var last = entries[^1].Revision;
            foreach (var subscription in _subscriptions) subscription.Advance(last);
            Interlocked.Exchange(ref _position, last);
        }
    }

    /// <summary>
    /// If this process was cut off for longer than the log retention, entries it never read are gone:
    /// its watchers cannot continue without a gap, so they are ended and must list again.
    /// </summary>
    private async Task DetectCompactionGapAsync(CancellationToken cancellationToken)
    {
        var (current, compacted) = await objects.GetRevisionsAsync(cancellationToken);
        if (compacted <= Position) return;
        lock (_gate)
        {
            foreach (var subscription in _subscriptions) subscription.Fail(new FeedResetException(compacted));
            _subscriptions.Clear();
            Interlocked.Exchange(ref _position, current);
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand("LISTEN ao_changes", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                Wake(); // anything committed while we were not listening
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                LogListenFailed(ex.Message);
                await Task.Delay(options.FeedPollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one pending wake-up covers every notification.
            }
        }
    }

    private void Remove(FeedSubscription subscription)
    {
        lock (_gate) _subscriptions.Remove(subscription);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the revision log failed, retrying: {Reason}")]
    private partial void LogReadFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for store notifications failed, polling meanwhile: {Reason}")]
    private partial void LogListenFailed(string reason);
}
