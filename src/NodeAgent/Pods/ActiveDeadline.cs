namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// <c>activeDeadlineSeconds</c>: once the pod has been active that long (from its start time), it
/// fails with reason DeadlineExceeded and its containers are killed; nothing restarts afterwards.
/// </summary>
internal sealed class ActiveDeadline(ContainerKiller killer, PodEvents events, TimeProvider time)
{
    public const string Reason = "DeadlineExceeded";
    public const string Message = "Pod was active on the node longer than the specified deadline";

    /// <summary>True when the deadline passed and the pod was failed; otherwise wakes the worker when it will.</summary>
    public async Task<bool> EnforceAsync(DesiredPod pod, PodState state, WakeSchedule wake, CancellationToken cancellationToken)
    {
        if (pod.ActiveDeadlineSeconds is not { } seconds || state.StartTime is not { } start)
        {
            return false;
        }
        var deadline = start + TimeSpan.FromSeconds(seconds);
        if (time.GetUtcNow() < deadline)
        {
            wake.At(deadline);
            return false;
        }
        events.Warn(pod, null, Reason, Message);
        state.Terminal = new PodTerminal("Failed", Reason, Message);
        await killer.KillAllAsync(pod, state, pod.TerminationGracePeriod, c => $"Stopping container {c.Name}", cancellationToken);
        return true;
    }
}
