namespace ActorOrchestrator.Store.Watching;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    /// <summary>No object: only says the watcher has seen everything up to <see cref="WatchEvent.Revision"/>.</summary>
    Bookmark,
}

/// <summary>One event of a watch stream, with the object's JSON (null for bookmarks).</summary>
public sealed record WatchEvent(WatchEventType Type, long Revision, string? Json);
