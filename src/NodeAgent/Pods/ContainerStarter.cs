using ActorOrchestrator.NodeAgent.Pods.Probes;
using ActorOrchestrator.NodeAgent.Runtime;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Creates and starts the next attempt of a container (image first), with the Created and Started
/// events, starts its probes, and removes the attempt that drops out of memory (the kubelet keeps
/// one dead instance per container, for <c>lastState</c> and <c>logs --previous</c>).
/// </summary>
internal sealed class ContainerStarter(
    IContainerRuntime runtime, ImagePuller images, ContainerSpecBuilder specs, ContainerProbes probes, PodEvents events, TimeProvider time, ILogger logger)
{
    private readonly HashSet<string> _warned = [];

    /// <summary>True when a new instance was created (running or not); false when it waits (image, errors).</summary>
    public async Task<bool> StartNextAsync(DesiredPod pod, PodContainer container, ContainerTrack track, SandboxInstance sandbox, WakeSchedule wake, CancellationToken cancellationToken)
    {
        if (!await images.EnsureAsync(pod, container, track, wake, cancellationToken))
        {
            return false;
        }
        var attempt = track.MaxAttempt + 1;
        var built = specs.Build(pod, container, sandbox, attempt, restartCount: attempt);
        foreach (var (reason, message) in built.Warnings)
        {
            if (_warned.Add($"{container.Name}|{reason}|{message}"))
            {
                events.Warn(pod, container, reason, message);
            }
        }
        string id;
        try
        {
            id = await runtime.CreateContainerAsync(built.Spec, cancellationToken);
        }
        catch (ContainerRuntimeException e) when (e.Reason == ContainerRuntimeErrorReason.NameConflict)
        {
            // That attempt exists already (created by a previous agent after its last listing): skip past it.
            track.MaxAttempt = attempt;
            wake.Requeue();
            return false;
        }
        catch (ContainerRuntimeException e) when (!e.IsTransient)
        {
            events.Warn(pod, container, "Failed", $"Error: {e.Message}");
            track.Waiting = new ContainerWaiting("CreateContainerError", e.Message);
            return false;
        }
        var instance = new ContainerInstance(id, attempt, attempt, container.Image, null);
        if (track.Push(instance) is { } dropped)
        {
            await RemoveQuietlyAsync(dropped.Id, cancellationToken);
        }
        events.Info(pod, container, "Created", $"Created container {container.Name}");
        try
        {
            await runtime.StartContainerAsync(id, cancellationToken);
            events.Info(pod, container, "Started", $"Started container {container.Name}");
        }
        catch (ContainerRuntimeException e) when (e.Reason is ContainerRuntimeErrorReason.StartFailed or ContainerRuntimeErrorReason.InvalidState)
        {
            events.Warn(pod, container, "Failed", $"Error: {e.Message}");
            track.Current = instance.AsStartError(e.Message, time.GetUtcNow());
            return true;
        }
        var observed = await runtime.InspectContainerAsync(id, cancellationToken);
        track.Current = instance with { Observed = observed, ObservedAt = time.GetUtcNow() };
        if (observed.State == ContainerState.Running)
        {
            probes.Start(pod, container, id, sandbox.PodIp, observed.StartedAt ?? DateTimeOffset.MinValue);
        }
        return true;
    }

    /// <summary>Starts an instance that was created but never started (the agent stopped in between).</summary>
    public async Task StartCreatedAsync(DesiredPod pod, PodContainer container, ContainerTrack track, SandboxInstance sandbox, CancellationToken cancellationToken)
    {
        var instance = track.Current!;
        try
        {
            await runtime.StartContainerAsync(instance.Id, cancellationToken);
            events.Info(pod, container, "Started", $"Started container {container.Name}");
        }
        catch (ContainerRuntimeException e) when (e.Reason is ContainerRuntimeErrorReason.StartFailed or ContainerRuntimeErrorReason.InvalidState)
        {
            events.Warn(pod, container, "Failed", $"Error: {e.Message}");
            track.Current = instance.AsStartError(e.Message, time.GetUtcNow());
            return;
        }
        var observed = await runtime.InspectContainerAsync(instance.Id, cancellationToken);
        track.Current = instance with { Observed = observed, ObservedAt = time.GetUtcNow() };
        if (observed.State == ContainerState.Running)
        {
            probes.Start(pod, container, instance.Id, sandbox.PodIp, observed.StartedAt ?? DateTimeOffset.MinValue);
        }
    }

    private async Task RemoveQuietlyAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.RemoveContainerAsync(id, cancellationToken);
        }
        catch (ContainerRuntimeException e)
        {
            // The pod's removal or the dangling sweep gets it later.
            logger.ContainerNotRemoved(id, e.Message);
        }
    }
}
