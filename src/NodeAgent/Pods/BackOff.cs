namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// The kubelet's per-key exponential back-off (client-go <c>flowcontrol.Backoff</c>, no jitter): the
/// first <see cref="Next"/> sets <c>initial</c>, each following one doubles up to <c>max</c>, and an
/// event further than <c>reset</c> from the last update starts over. Used for container restarts
/// (CrashLoopBackOff) and for image pulls (ImagePullBackOff). Not thread-safe: one pod worker owns it.
/// </summary>
internal sealed class BackOff(TimeSpan initial, TimeSpan max, TimeSpan reset, TimeProvider time)
{
    private readonly Dictionary<string, Entry> _entries = [];

    /// <summary>The current delay for the key; zero when it has none.</summary>
    public TimeSpan Get(string key) => _entries.TryGetValue(key, out var entry) ? entry.Delay : TimeSpan.Zero;

    /// <summary>When the key's delay was last set.</summary>
    public DateTimeOffset? LastUpdate(string key) => _entries.TryGetValue(key, out var entry) ? entry.LastUpdate : null;

    /// <summary>Moves the key to its next delay, relative to <paramref name="eventTime"/> (when the failure happened).</summary>
    public void Next(string key, DateTimeOffset eventTime)
    {
        var delay = _entries.TryGetValue(key, out var entry) && !HasExpired(eventTime, entry.LastUpdate)
            ? TimeSpan.FromTicks(Math.Min(entry.Delay.Ticks * 2, max.Ticks))
            : initial;
        _entries[key] = new Entry(delay, time.GetUtcNow());
    }

    /// <summary>Whether a restart after a failure at <paramref name="eventTime"/> must still wait (kubelet <c>IsInBackOffSince</c>).</summary>
    public bool IsInBackOffSince(string key, DateTimeOffset eventTime) =>
        _entries.TryGetValue(key, out var entry)
        && !HasExpired(eventTime, entry.LastUpdate)
        && time.GetUtcNow() - eventTime < entry.Delay;

    /// <summary>Whether the delay set at the last update is still running (kubelet <c>IsInBackOffSinceUpdate</c>).</summary>
    public bool IsInBackOffSinceUpdate(string key) =>
        _entries.TryGetValue(key, out var entry) && time.GetUtcNow() - entry.LastUpdate < entry.Delay;

    private bool HasExpired(DateTimeOffset eventTime, DateTimeOffset lastUpdate) => eventTime - lastUpdate > reset;

    private readonly record struct Entry(TimeSpan Delay, DateTimeOffset LastUpdate);
}
