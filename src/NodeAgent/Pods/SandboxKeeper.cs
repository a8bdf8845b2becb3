using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Keeps the pod's sandbox (network namespace, hostname = pod name, pod IP) running. A sandbox that
/// died takes its containers' network with it, so, like the kubelet, its containers are stopped and
/// it is re-created (the next attempt), init containers run again, and the others restart per policy;
/// with restartPolicy Never a pod whose containers already ran is not re-created.
/// </summary>
internal sealed class SandboxKeeper(IContainerRuntime runtime, ContainerKiller killer, PodEvents events, TimeProvider time)
{
    /// <summary>The running sandbox, or null when there is none for now (the reason is in the events).</summary>
    public async Task<SandboxInstance?> EnsureAsync(DesiredPod pod, PodState state, WakeSchedule wake, CancellationToken cancellationToken)
    {
        if (state.Sandbox is { Running: true } running)
        {
            return running;
        }
        if (state.Sandbox is not null || state.Tracks.Any(t => t.Current is { IsRunning: true }))
        {
            await killer.KillAllAsync(pod, state, pod.TerminationGracePeriod, c => $"Stopping container {c.Name}", cancellationToken);
            if (pod.RestartPolicy == "Never" && state.Tracks.Any(t => t.HasRun))
            {
                return null;
            }
            events.Info(pod, null, "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
            foreach (var track in state.Tracks.Where(t => t.IsInit))
            {
                track.RerunInit = track.HasRun;
            }
            if (state.Sandbox is { } dead)
            {
                await RemoveQuietlyAsync(dead.Id, cancellationToken);
                state.Sandbox = null;
            }
        }
        var attempt = state.MaxSandboxAttempt + 1;
        try
        {
            var sandbox = await runtime.CreatePodSandboxAsync(new PodSandboxSpec(pod.Ref, attempt), cancellationToken);
            state.MaxSandboxAttempt = attempt;
            state.Sandbox = new SandboxInstance(sandbox.Id, attempt, sandbox.PodIp, Running: true, ObservedAt: time.GetUtcNow());
            return state.Sandbox;
        }
        catch (ContainerRuntimeException e) when (e.Reason == ContainerRuntimeErrorReason.NameConflict)
        {
            state.MaxSandboxAttempt = attempt;
            wake.Requeue();
            return null;
        }
        catch (ContainerRuntimeException e) when (!e.IsTransient)
        {
            events.Warn(pod, null, "FailedCreatePodSandBox", $"Failed to create pod sandbox: {e.Message}");
            return null;
        }
    }

    private async Task RemoveQuietlyAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.RemoveContainerAsync(id, cancellationToken);
        }
        catch (ContainerRuntimeException)
        {
            // The pod's removal or the dangling sweep gets it later.
        }
    }
}
