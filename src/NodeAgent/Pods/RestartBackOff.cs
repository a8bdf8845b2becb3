namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Whether an exited container runs again (restartPolicy) and when (the kubelet's back-off): the
/// first restart is immediate, each further one waits 10 s, 20 s, 40 s ... up to 5 min after the
/// exit, showing <c>CrashLoopBackOff</c> meanwhile; a container that ran long enough starts over.
/// </summary>
internal sealed class RestartBackOff(BackOff backOff, PodEvents events, TimeProvider time)
{
    /// <summary>restartPolicy for a regular container that exited with <paramref name="exitCode"/>.</summary>
    public static bool ShouldRestart(string restartPolicy, int exitCode) => restartPolicy switch
    {
        "Never" => false,
        "OnFailure" => exitCode != 0,
        _ => true,
    };

    /// <summary>restartPolicy for an init container: a failed one runs again unless the policy is Never.</summary>
    public static bool ShouldRerunInit(string restartPolicy, int exitCode) => exitCode != 0 && restartPolicy != "Never";

    /// <summary>
    /// True when the exited <see cref="ContainerTrack.Current"/> may be replaced now (and counts this
    /// restart); false while backing off, with the waiting reason set and a wake-up at its end.
    /// </summary>
    public bool MayRestartNow(DesiredPod pod, PodContainer container, ContainerTrack track, WakeSchedule wake)
    {
        var exited = track.Current!;
        var key = $"restart|{container.Name}|{container.Image}";
        var finishedAt = exited.FinishedAt ?? time.GetUtcNow();
        if (backOff.IsInBackOffSince(key, finishedAt))
        {
            var delay = backOff.Get(key);
            track.Waiting = new ContainerWaiting("CrashLoopBackOff",
                $"back-off {GoDuration.Format(delay)} restarting failed container={container.Name} pod={pod.Display}");
            if (track.BackOffAnnouncedFor != exited.Id)
            {
                track.BackOffAnnouncedFor = exited.Id;
                events.Warn(pod, container, "BackOff", $"Back-off restarting failed container {container.Name} in pod {pod.Display}");
            }
            wake.At(finishedAt + delay);
            return false;
        }
        backOff.Next(key, finishedAt);
        PodMetrics.Restarts.Add(1);
        return true;
    }
}
