using ActorOrchestrator.NodeAgent.Pods.Probes;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Stops running containers the kubelet's way: a Killing event, probes off, SIGTERM, and SIGKILL
/// once the grace period is over (Docker does the waiting). Whoever calls decides the grace period
/// and the words; several containers stop in parallel.
/// </summary>
internal sealed class ContainerKiller(IContainerRuntime runtime, PodEvents events, ContainerProbes probes, TimeProvider time)
{
    public async Task KillAsync(DesiredPod pod, PodContainer? container, ContainerTrack track, TimeSpan grace, string message, CancellationToken cancellationToken)
    {
        if (track.Current is not { IsRunning: true } running)
        {
            return;
        }
        if (container is not null)
        {
            events.Info(pod, container, "Killing", message);
        }
        probes.Stop(running.Id);
        try
        {
            await runtime.StopContainerAsync(running.Id, grace, cancellationToken);
            track.Current = running with { Observed = await runtime.InspectContainerAsync(running.Id, cancellationToken), ObservedAt = time.GetUtcNow() };
        }
        catch (ContainerRuntimeException e) when (e.Reason == ContainerRuntimeErrorReason.ContainerNotFound)
        {
            // Removed behind our back: it is certainly not running any more.
            track.Current = running.AsLost(time.GetUtcNow());
        }
    }

    /// <summary>Stops every running container of the pod in parallel; <paramref name="message"/> words each Killing event.</summary>
    public Task KillAllAsync(DesiredPod pod, PodState state, TimeSpan grace, Func<PodContainer, string> message, CancellationToken cancellationToken) =>
        Task.WhenAll(state.Tracks
            .Where(t => t.Current is { IsRunning: true })
            .Select(t =>
            {
                var container = pod.FindContainer(t.Name);
                return KillAsync(pod, container, t, grace, container is null ? "" : message(container), cancellationToken);
            }));

    /// <summary>Stops the sandbox (after its containers): the pod's network goes, its IP is remembered.</summary>
    public async Task StopSandboxAsync(PodState state, CancellationToken cancellationToken)
    {
        if (state.Sandbox is not { Running: true } sandbox)
        {
            return;
        }
        try
        {
            await runtime.StopContainerAsync(sandbox.Id, TimeSpan.Zero, cancellationToken);
        }
        catch (ContainerRuntimeException e) when (e.Reason == ContainerRuntimeErrorReason.ContainerNotFound)
        {
            // Already gone.
        }
        state.Sandbox = sandbox with { Running = false };
    }
}
