using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Pods;

internal sealed partial class PodSync
{
    /// <summary>
    /// Starts from what survives an agent restart: the containers' labels (adopted) and the status
    /// this node reported before (start time, terminal phase, condition times, readiness).
    /// </summary>
    private void Seed(DesiredPod pod, AdoptedPod? adopted)
    {
        var stored = pod.StoredStatus;
        _state.StartTime = stored.Time("startTime");
        if (stored.Str("phase") is "Succeeded" or "Failed")
        {
            // Finished before this worker existed: its reported status is the record of how it ended,
            // which what is left on the node (maybe nothing) must not overwrite.
            _state.Terminal = new PodTerminal(stored.Str("phase")!, stored.Str("reason"), stored.Str("message"));
            _statusFrozen = true;
        }
        _status.Seed(stored);
        if (adopted is null)
        {
            return;
        }
        _stale = [.. adopted.SeedInto(_state)];
        var known = pod.AllContainers.Select(c => c.Name).ToHashSet();
        _stale.AddRange(adopted.Containers.Where(c => !c.Labels.IsSandbox && !known.Contains(c.Labels.ContainerName ?? "")).Select(c => c.Id));
        foreach (var container in pod.AllContainers)
        {
            var attempts = adopted.Attempts(container.Name);
            if (attempts.Count == 0)
            {
                continue;
            }
            var track = _state.Track(container);
            track.Current = AdoptedPod.Instance(attempts[0]);
            track.Previous = attempts.Count > 1 ? AdoptedPod.Instance(attempts[1]) : null;
            track.MaxAttempt = attempts[0].Labels.Attempt;
            _stale.AddRange(attempts.Skip(2).Select(a => a.Id));
        }
    }

    /// <summary>Asks the engine how the sandbox and each container's attempts are doing.</summary>
    private async Task RefreshAsync(DesiredPod pod, CancellationToken cancellationToken)
    {
        if (_state.Sandbox is { Running: true } sandbox && _relist.MayHaveChanged(sandbox.Id, ContainerState.Running, sandbox.ObservedAt))
        {
            var observed = await TryInspectAsync(sandbox.Id, cancellationToken);
            _state.Sandbox = sandbox with
            {
                Running = observed?.State == ContainerState.Running,
                PodIp = observed?.IpAddress ?? sandbox.PodIp,
                ObservedAt = _time.GetUtcNow(),
            };
        }
        var now = _time.GetUtcNow();
        foreach (var container in pod.AllContainers)
        {
            if (_state.Find(container.Name) is not { } track)
            {
                continue;
            }
            if (track.Previous is { Observed: null, Lost: false } previous)
            {
                track.Previous = await ObserveAsync(previous, now, cancellationToken);
            }
            if (track.Current is { } current && (current.Observed is null
                || ((current.IsRunning || current.IsCreatedOnly) && _relist.MayHaveChanged(current.Id, current.Observed.State, current.ObservedAt))))
            {
                track.Current = current = await ObserveAsync(current, now, cancellationToken);
                if (current.IsRunning && _probes.Results(current.Id) is null)
                {
                    // Adopted after an agent restart: probe it again, starting from what was reported.
                    _probes.Start(pod, container, current.Id, _state.Sandbox?.PodIp, current.Observed!.StartedAt ?? now, ReportedProbeState(pod, container, current));
                }
            }
            if (track.Current is { IsRunning: false } stopped)
            {
                _probes.Stop(stopped.Id);
            }
        }
    }

    private async Task<ContainerInstance> ObserveAsync(ContainerInstance instance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var observed = await TryInspectAsync(instance.Id, cancellationToken);
        return observed is null ? instance.AsLost(now) : instance with { Observed = observed, Image = observed.Image, ObservedAt = _time.GetUtcNow() };
    }

    private async Task<ContainerStatus?> TryInspectAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await _runtime.InspectContainerAsync(id, cancellationToken);
        }
        catch (ContainerRuntimeException e) when (e.Reason == ContainerRuntimeErrorReason.ContainerNotFound)
        {
            return null;
        }
    }

    /// <summary>The ready/started flags last reported for this very instance, if any.</summary>
    private static (bool Ready, bool Started)? ReportedProbeState(DesiredPod pod, PodContainer container, ContainerInstance instance)
    {
        var list = container.IsInit ? "initContainerStatuses" : "containerStatuses";
        var reported = pod.StoredStatus.Objects(list).FirstOrDefault(s => s.Str("name") == container.Name && s.Str("containerID") == instance.ContainerId);
        return reported is null ? null : (reported.Flag("ready") ?? false, reported.Flag("started") ?? false);
    }
}
