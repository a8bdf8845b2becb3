namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// What the container locator needs about a pod, published after each pass: its IP and, per
/// container, which instance <c>kubectl logs</c> means with and without <c>--previous</c>.
/// </summary>
internal sealed record PodSnapshot(string? PodIp, IReadOnlyList<ContainerSnapshot> Containers)
{
    public static readonly PodSnapshot Empty = new(null, []);

    /// <summary>Regular containers first (in spec order), so the first one is kubectl's default.</summary>
    public static PodSnapshot Of(DesiredPod pod, PodState state) => new(
        state.Sandbox is { Running: true } sandbox ? sandbox.PodIp : null,
        [.. pod.Containers.Concat(pod.InitContainers).Select(c => Container(c, state.Find(c.Name)))]);

    private static ContainerSnapshot Container(PodContainer container, ContainerTrack? track)
    {
        var current = track?.Current;
        // kubectl logs --previous reads lastState.terminated: the exited current instance while it
        // waits to be replaced (CrashLoopBackOff), else the instance before the current one.
        var previous = current is { HasExited: true, Lost: false } && track!.Waiting is not null ? current : track?.Previous;
        return new ContainerSnapshot(
            container.Name,
            current is { Lost: false } ? current.Id : null,
            current?.IsRunning == true,
            previous is { Lost: false } ? previous.Id : null,
            previous?.IsRunning == true);
    }
}

internal sealed record ContainerSnapshot(string Name, string? CurrentId, bool CurrentRunning, string? PreviousId, bool PreviousRunning);
