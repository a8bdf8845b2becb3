using ActorOrchestrator.NodeAgent.Pods.Probes;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// What a container's <c>state</c>, <c>lastState</c>, <c>ready</c> and <c>started</c> are, from the
/// worker's memory of its attempts and its probe results (the kubelet's convertToAPIContainerStatuses).
/// </summary>
internal static class ContainerStatusProjection
{
    /// <param name="notCreatedReason">ContainerCreating, or PodInitializing while init containers run.</param>
    public static ContainerStatusView Project(PodContainer container, ContainerTrack track, ContainerProbeState? probes, string notCreatedReason)
    {
        var current = track.Current;
        ContainerStateView state;
        ContainerStateView.Terminated? last;
        if (current is null)
        {
            state = track.Waiting is { } waiting ? new ContainerStateView.Waiting(waiting.Reason, waiting.Message) : new ContainerStateView.Waiting(notCreatedReason);
            last = null;
        }
        else if (current.IsRunning)
        {
            state = new ContainerStateView.Running(current.Observed!.StartedAt ?? DateTimeOffset.UnixEpoch);
            last = Terminated(track.Previous);
        }
        else if (current.HasExited && track.Waiting is { } waiting)
        {
            // Exited and waiting to be replaced: the exit is the last state (CrashLoopBackOff).
            state = new ContainerStateView.Waiting(waiting.Reason, waiting.Message);
            last = Terminated(current);
        }
        else if (current.HasExited)
        {
            state = Terminated(current)!;
            last = Terminated(track.Previous);
        }
        else
        {
            state = new ContainerStateView.Waiting(track.Waiting?.Reason ?? "ContainerCreating", track.Waiting?.Message);
            last = Terminated(track.Previous);
        }
        var running = current?.IsRunning == true;
        var started = running && (probes?.Started ?? true);
        var ready = container.IsInit
            ? track.Completed
            : running && (probes?.Ready ?? true);
        return new ContainerStatusView(
            container.Name,
            container.Image,
            current?.Observed?.ImageId is { Length: > 0 } imageId ? $"docker://{imageId}" : "",
            current?.ContainerId,
            state,
            last,
            current?.RestartCount ?? Math.Max(0, track.MaxAttempt + 1),
            ready,
            started);
    }

    public static ContainerStateView.Terminated? Terminated(ContainerInstance? instance)
    {
        if (instance is null || !instance.HasExited)
        {
            return null;
        }
        if (instance.StartError is { } error)
        {
            return new(128, "StartError", error, instance.EndedAt, instance.EndedAt, instance.ContainerId);
        }
        if (instance.Lost)
        {
            return new(137, "ContainerStatusUnknown", "The container could not be located when the pod was terminated", instance.EndedAt, instance.EndedAt, instance.ContainerId);
        }
        var observed = instance.Observed!;
        var exitCode = observed.ExitCode ?? 0;
        var reason = observed.OomKilled ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error";
        return new(exitCode, reason, observed.Error, observed.StartedAt, observed.FinishedAt, instance.ContainerId);
    }
}
