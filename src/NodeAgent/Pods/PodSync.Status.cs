using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.NodeAgent.Pods;

internal sealed partial class PodSync
{
    /// <summary>
    /// Computes the status from the worker's memory and probe results and hands it to the reporter, which
    /// sends it in the background if it changed; returns the phase.
    /// </summary>
    private string Report(DesiredPod pod, bool podIsTerminal)
    {
        var status = BuildStatus(pod, podIsTerminal);
        _state.LastStatus = status;
        if (!_statusFrozen)
        {
            _status.Offer(pod, status);
        }
        return status.Str("phase") ?? "Pending";
    }

    private JsonObject BuildStatus(DesiredPod pod, bool podIsTerminal)
    {
        var initializing = pod.InitContainers.Any(c => !_state.Track(c).Completed);
        var init = pod.InitContainers
            .Select(c => ContainerStatusProjection.Project(c, _state.Track(c), null, "PodInitializing"))
            .ToList();
        var containers = pod.Containers
            .Select(c => ContainerStatusProjection.Project(c, _state.Track(c), ProbeResults(_state.Track(c)), initializing ? "PodInitializing" : "ContainerCreating"))
            .ToList();
        return PodStatusBuilder.Build(new PodStatusBuilder.Inputs(
            pod.RestartPolicy,
            init,
            containers,
            _specs.HostIp(pod),
            _state.Sandbox?.PodIp ?? pod.StoredStatus.Str("podIP"),
            _state.Sandbox is { Running: true, PodIp.Length: > 0 },
            _state.StartTime ?? _time.GetUtcNow(),
            _state.Terminal,
            podIsTerminal,
            QosClass.Of(pod),
            pod.StoredStatus,
            _state.LastStatus,
            _time.GetUtcNow()));
    }

    private Probes.ContainerProbeState? ProbeResults(ContainerTrack track) =>
        track.Current is { IsRunning: true } running ? _probes.Results(running.Id) : null;
}
