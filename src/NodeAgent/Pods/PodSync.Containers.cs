using ActorOrchestrator.NodeAgent.Pods.Probes;

namespace ActorOrchestrator.NodeAgent.Pods;

internal sealed partial class PodSync
{
    /// <summary>
    /// Init containers run one at a time, in order, each to completion; a failed one runs again unless
    /// restartPolicy is Never (the pod then fails). True when all of them completed.
    /// </summary>
    private async Task<bool> RunInitContainersAsync(DesiredPod pod, SandboxInstance sandbox, WakeSchedule wake, CancellationToken cancellationToken)
    {
        foreach (var container in pod.InitContainers)
        {
            var track = _state.Track(container);
            if (track.Completed)
            {
                continue;
            }
            switch (track.Current)
            {
                case { IsRunning: true }:
                    return false;
                case { IsCreatedOnly: true }:
                    await _starter.StartCreatedAsync(pod, container, track, sandbox, cancellationToken);
                    wake.Requeue();
                    return false;
                case { HasExited: true } exited when !track.RerunInit:
                    if (!RestartBackOff.ShouldRerunInit(pod.RestartPolicy, exited.ExitCode)
                        || !_restarts.MayRestartNow(pod, container, track, wake))
                    {
                        return false;
                    }
                    break;
            }
            if (await _starter.StartNextAsync(pod, container, track, sandbox, wake, cancellationToken))
            {
                wake.Requeue();
            }
            return false;
        }
        return true;
    }

    /// <summary>
    /// A regular container: kill it if its liveness (or startup) probe failed or its image changed;
    /// start it if it never ran; replace it per restartPolicy and back-off once it exited.
    /// </summary>
    private async Task StepAsync(DesiredPod pod, PodContainer container, SandboxInstance sandbox, WakeSchedule wake, CancellationToken cancellationToken)
    {
        var track = _state.Track(container);
        if (track.Current is { IsRunning: true } running)
        {
            var willRestart = pod.RestartPolicy != "Never";
            if (_probes.Results(running.Id)?.Failed is { } failed)
            {
                var probe = failed == ProbeKind.Liveness ? container.Spec.LivenessProbe : container.Spec.StartupProbe;
                var grace = probe?.TerminationGracePeriodSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : pod.TerminationGracePeriod;
                var message = $"Container {container.Name} failed {failed.ToString().ToLowerInvariant()} probe" + (willRestart ? ", will be restarted" : "");
                PodMetrics.Kills.Add(1, new KeyValuePair<string, object?>("reason", failed.ToString().ToLowerInvariant()));
                await _killer.KillAsync(pod, container, track, grace, message, cancellationToken);
            }
            else if (running.Image != container.Image)
            {
                PodMetrics.Kills.Add(1, new KeyValuePair<string, object?>("reason", "definition"));
                await _killer.KillAsync(pod, container, track, pod.TerminationGracePeriod, $"Container {container.Name} definition changed, will be restarted", cancellationToken);
            }
            if (track.Current?.IsRunning == true)
            {
                return;
            }
        }
        switch (track.Current)
        {
            case { IsCreatedOnly: true }:
                await _starter.StartCreatedAsync(pod, container, track, sandbox, cancellationToken);
                return;
            case { HasExited: true } exited:
                var imageChanged = exited.Image != container.Image;
                if (!imageChanged && !RestartBackOff.ShouldRestart(pod.RestartPolicy, exited.ExitCode))
                {
                    track.Waiting = null;
                    return;
                }
                if (!_restarts.MayRestartNow(pod, container, track, wake))
                {
                    return;
                }
                break;
            case null when track.HasRun && pod.RestartPolicy == "Never":
                return;
        }
        // A container seen running after its start needs nothing more now (the relist tells when it exits);
        // one that failed or exited at once is handled by another pass right away.
        if (await _starter.StartNextAsync(pod, container, track, sandbox, wake, cancellationToken) && track.Current is not { IsRunning: true })
        {
            wake.Requeue();
        }
    }
}
