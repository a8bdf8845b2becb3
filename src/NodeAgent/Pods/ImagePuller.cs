using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Makes a container's image available per its <c>imagePullPolicy</c> before each creation, with the
/// kubelet's events (Pulling, Pulled, Failed, BackOff) and its back-off for images that cannot be
/// had: <c>ErrImagePull</c> right after a failed pull, <c>ImagePullBackOff</c> while waiting to retry.
/// An image that could not be pulled but is on the node is used anyway, with a Warning.
/// </summary>
internal sealed class ImagePuller(IContainerRuntime runtime, PodEvents events, BackOff backOff, TimeProvider time)
{
    /// <summary>True when the container can be created now; otherwise <paramref name="track"/> says why it waits.</summary>
    public async Task<bool> EnsureAsync(DesiredPod pod, PodContainer container, ContainerTrack track, WakeSchedule wake, CancellationToken cancellationToken)
    {
        var image = container.Image;
        var key = "image|" + image;
        if (backOff.IsInBackOffSinceUpdate(key))
        {
            var message = $"Back-off pulling image \"{image}\"";
            if (track.Waiting?.Reason != "ImagePullBackOff")
            {
                events.Info(pod, container, "BackOff", message);
                events.Warn(pod, container, "Failed", "Error: ImagePullBackOff");
            }
            track.Waiting = new ContainerWaiting("ImagePullBackOff", message);
            wake.At(backOff.LastUpdate(key)!.Value + backOff.Get(key));
            return false;
        }

        var policy = container.PullPolicy;
        if (policy == ImagePullPolicy.Always)
        {
            events.Info(pod, container, "Pulling", $"Pulling image \"{image}\"");
        }
        var started = time.GetTimestamp();
        var result = await runtime.EnsureImageAsync(image, policy, cancellationToken);
        var elapsed = GoDuration.Format(time.GetElapsedTime(started));
        if (policy != ImagePullPolicy.Always && result.Status != ImageStatus.Present && result.WaitingReason != "ErrImageNeverPull")
        {
            // Only now is it known that a pull was attempted.
            events.Info(pod, container, "Pulling", $"Pulling image \"{image}\"");
        }
        switch (result.Status)
        {
            case ImageStatus.Present:
                events.Info(pod, container, "Pulled", $"Container image \"{image}\" already present on machine");
                return true;
            case ImageStatus.PulledFresh:
                events.Info(pod, container, "Pulled", $"Successfully pulled image \"{image}\" in {elapsed} ({elapsed} including waiting)");
                return true;
            case ImageStatus.PullFailedButPresent:
                events.Warn(pod, container, "Failed", $"Failed to pull image \"{image}\": {result.Reason}; using the image already present on the node");
                return true;
        }
        if (result.WaitingReason == "ErrImageNeverPull")
        {
            var message = $"Container image \"{image}\" is not present with pull policy of Never";
            events.Warn(pod, container, "ErrImageNeverPull", message);
            track.Waiting = new ContainerWaiting("ErrImageNeverPull", message);
            return false;
        }
        events.Warn(pod, container, "Failed", $"Failed to pull image \"{image}\": {result.Reason}");
        events.Warn(pod, container, "Failed", "Error: ErrImagePull");
        backOff.Next(key, time.GetUtcNow());
        track.Waiting = new ContainerWaiting("ErrImagePull", result.Reason);
        return false;
    }
}
