using System.Threading.Channels;

namespace ActorOrchestrator.Store.Watching;

/// <summary>
/// A live view of the change feed for one watcher: the entries its filter accepts, committed after
/// <see cref="StartRevision"/>. A watcher that falls too far behind is cut off (the channel completes
/// with <see cref="WatcherTooSlowException"/>) and resumes from its last revision, as Kubernetes clients do.
/// </summary>
public sealed class FeedSubscription : IDisposable
{
    private readonly Channel<LogEntry> _entries;
    private readonly Action<FeedSubscription> _unsubscribe;
    private long _position;

    internal FeedSubscription(Func<LogEntry, bool> filter, long startRevision, int capacity, Action<FeedSubscription> unsubscribe)
    {
        Filter = filter;
        StartRevision = startRevision;
        _position = startRevision;
        _unsubscribe = unsubscribe;
        _entries = Channel.CreateBounded<LogEntry>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    internal Func<LogEntry, bool> Filter { get; }

    /// <summary>The feed had published everything up to this revision when the subscription began.</summary>
    public long StartRevision { get; }

    /// <summary>Everything up to this revision has been offered to this subscription (for bookmarks).</summary>
    public long Position => Interlocked.Read(ref _position);

    public ChannelReader<LogEntry> Entries => _entries.Reader;

    internal void Offer(LogEntry entry)
    {
        if (!_entries.Writer.TryWrite(entry)) _entries.Writer.TryComplete(new WatcherTooSlowException());
    }

    internal void Advance(long revision) => Interlocked.Exchange(ref _position, revision);

    internal void Fail(Exception error) => _entries.Writer.TryComplete(error);

    public void Dispose()
    {
        _entries.Writer.TryComplete();
        _unsubscribe(this);
    }
}

/// <summary>The watcher did not keep up with the change feed; it must watch again from its last revision.</summary>
public sealed class WatcherTooSlowException() : Exception("the watcher fell too far behind the change feed");

/// <summary>The log was compacted past what the feed had read: watchers must list again.</summary>
public sealed class FeedResetException(long compacted) : Exception($"the revision log was compacted past revision {compacted}")
{
    public long Compacted { get; } = compacted;
}
