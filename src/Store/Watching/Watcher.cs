using System.Runtime.CompilerServices;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Store.Reading;

namespace ActorOrchestrator.Store.Watching;

/// <summary>
/// Serves watches: replays the log from the client's revision, then follows the live feed, with no
/// gap and no duplicate. The live subscription is taken first and records the feed's position P; the
/// replay covers (from, P] from the database; live entries are all above P.
/// </summary>
public sealed class Watcher(ChangeFeed feed, LogReader log, ObjectReader objects)
{
    private const int ReplayPage = 1000;

    /// <summary>How long a quiet stream waits before sending a bookmark, when the client allows them.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events after <paramref name="fromRevision"/> for objects the query selects.</summary>
    /// <exception cref="ApiException">410 Gone when that revision was compacted away.</exception>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        ListQuery query, long fromRevision, bool bookmarks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await feed.Started.WaitAsync(cancellationToken);
        var (_, compacted) = await objects.GetRevisionsAsync(cancellationToken);
        if (fromRevision < compacted) throw TooOld(fromRevision, compacted);

        using var subscription = feed.Subscribe(entry =>
            entry.Resource == query.Resource && (query.Namespace is null || entry.Namespace == query.Namespace));

        var cursor = fromRevision;
        while (cursor < subscription.StartRevision)
        {
            var page = await log.ReadAsync(cursor, subscription.StartRevision, query.Resource, ReplayPage, cancellationToken);
            foreach (var entry in page)
            {
                if (Translate(entry, query) is { } replayed) yield return replayed;
            }
            if (page.Count < ReplayPage) break;
            cursor = page[^1].Revision;
        }
        // Compaction may have removed entries while the replay read them: that would be a silent gap.
        (_, compacted) = await objects.GetRevisionsAsync(cancellationToken);
        if (fromRevision < compacted && fromRevision < subscription.StartRevision) throw TooOld(fromRevision, compacted);

        var lastSent = Math.Max(fromRevision, subscription.StartRevision);
        while (true)
        {
            LogEntry? entry;
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (bookmarks) quiet.CancelAfter(BookmarkInterval);
                entry = await NextAsync(subscription, quiet.Token, cancellationToken);
            }
            if (entry is null)
            {
                lastSent = Math.Max(lastSent, subscription.Position);
                yield return new WatchEvent(WatchEventType.Bookmark, lastSent, null);
                continue;
            }
            if (entry.Revision <= lastSent) continue;
            lastSent = entry.Revision;
            if (Translate(entry, query) is { } live) yield return live;
        }
    }

    /// <summary>The next live entry, or null when the quiet period ended first.</summary>
    private static async Task<LogEntry?> NextAsync(FeedSubscription subscription, CancellationToken quiet, CancellationToken cancellationToken)
    {
        try
        {
            if (!await subscription.Entries.WaitToReadAsync(quiet))
            {
                await subscription.Entries.Completion; // rethrows why the feed ended this watcher
                throw new OperationCanceledException(cancellationToken);
            }
            return subscription.Entries.TryRead(out var entry) ? entry : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// What this watcher sees of one change: an object that starts matching the selectors appears as
    /// ADDED, one that stops matching as DELETED, as Kubernetes' watch cache reports them.
    /// </summary>
    public static WatchEvent? Translate(LogEntry entry, ListQuery query)
    {
        var matchesNow = query.Matches(entry.Namespace, entry.Name, entry.Labels, entry.Fields);
        var matchedBefore = entry.PreviousLabels is null
            ? matchesNow
            : query.Matches(entry.Namespace, entry.Name, entry.PreviousLabels, entry.PreviousFields ?? entry.Fields);
        WatchEventType? type = entry.Type switch
        {
            ChangeType.Added => matchesNow ? WatchEventType.Added : null,
            ChangeType.Deleted => matchedBefore || matchesNow ? WatchEventType.Deleted : null,
            _ when matchesNow && matchedBefore => WatchEventType.Modified,
            _ when matchesNow => WatchEventType.Added,
            _ when matchedBefore => WatchEventType.Deleted,
            _ => null,
        };
        return type is null ? null : new WatchEvent(type.Value, entry.Revision, entry.Json);
    }

    private static ApiException TooOld(long requested, long compacted) =>
        ApiException.Gone($"too old resource version: {requested} ({compacted})");
}
