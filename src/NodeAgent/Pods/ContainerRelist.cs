using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// The node's one periodic look at all of its containers (the kubelet's PLEG relist): one list call per
/// <see cref="PodManagerOptions.RelistPeriod"/>, whatever the number of pods, instead of an inspection of
/// every container in every pass. The pods whose containers changed state since the previous listing
/// are returned so their workers can be woken; a pass inspects a container only when a listing newer
/// than its last inspection shows it in another state (or there is no usable listing).
/// </summary>
internal sealed class ContainerRelist
{
    private Listing? _latest;

    /// <summary>
    /// Whether the engine may know something about the container that an inspection finished at
    /// <paramref name="observedAt"/> (showing <paramref name="observed"/>) did not: always when it was never
    /// inspected or nothing was listed since the last failure; otherwise only when a listing taken after
    /// that inspection shows another state or no longer has the container.
    /// </summary>
    public bool MayHaveChanged(string id, ContainerState observed, DateTimeOffset? observedAt)
    {
        var latest = Volatile.Read(ref _latest);
        if (observedAt is null || latest is null)
        {
            return true;
        }
        if (latest.TakenAt < observedAt)
        {
            // The inspection is the newer news; the next listing tells if it changed since.
            return false;
        }
        return !latest.States.TryGetValue(id, out var listed) || listed != observed;
    }

    /// <summary>
    /// Lists the node's containers and returns the uids of the pods whose containers changed state since
    /// the previous listing (appeared in a state other than running, changed state, or disappeared).
    /// </summary>
    public async Task<IReadOnlySet<string>> RelistAsync(IContainerRuntime runtime, TimeProvider time, CancellationToken cancellationToken)
    {
        // Stamped before the call: whatever the answer shows is at least as new as this.
        var takenAt = time.GetUtcNow();
        IReadOnlyList<ContainerSummary> listed;
        try
        {
            listed = await runtime.ListContainersAsync(null, cancellationToken);
        }
        catch
        {
            // Without a listing the passes fall back to inspecting what they track.
            Volatile.Write(ref _latest, null);
            throw;
        }
        var current = new Listing(takenAt,
            listed.ToDictionary(c => c.Id, c => c.State, StringComparer.Ordinal),
            listed.ToDictionary(c => c.Id, c => c.Labels.PodUid ?? "", StringComparer.Ordinal));
        var previous = Volatile.Read(ref _latest);
        Volatile.Write(ref _latest, current);
        return previous is null ? new HashSet<string>() : Changes(previous, current);
    }

    private static HashSet<string> Changes(Listing previous, Listing current)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, state) in current.States)
        {
            // A container new since the last listing was made by a worker that knows it started it;
            // only one that is already something else (exited, created) is news.
            var news = previous.States.TryGetValue(id, out var before) ? before != state : state != ContainerState.Running;
            if (news)
            {
                changed.Add(current.PodUids[id]);
            }
        }
        foreach (var (id, uid) in previous.PodUids)
        {
            if (!current.States.ContainsKey(id))
            {
                changed.Add(uid);
            }
        }
        changed.Remove("");
        return changed;
    }

    private sealed record Listing(DateTimeOffset TakenAt, IReadOnlyDictionary<string, ContainerState> States, IReadOnlyDictionary<string, string> PodUids);
}
