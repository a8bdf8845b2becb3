namespace ActorOrchestrator.NodeAgent.Runtime;

public sealed partial class FakeContainerEngine
{
    internal async Task SimulateAsync(TimeSpan latency, string operation, string target, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
        {
            throw new ContainerRuntimeException(ContainerRuntimeErrorReason.EngineUnavailable, $"{operation} {target}: engine unreachable (simulated)");
        }
        if (latency <= TimeSpan.Zero)
        {
            return;
        }
        if (latency > OperationTimeout)
        {
            await Task.Delay(OperationTimeout, Time, cancellationToken);
            throw new ContainerRuntimeException(ContainerRuntimeErrorReason.Timeout, $"{operation} {target} did not finish within {OperationTimeout.TotalSeconds:0.###}s (simulated)");
        }
        await Task.Delay(latency, Time, cancellationToken);
    }

    internal ImageResult EnsureImage(string image, ImagePullPolicy pullPolicy)
    {
        var key = Normalize(image);
        lock (_gate)
        {
            var present = _localImages.Contains(key);
            if (pullPolicy == ImagePullPolicy.Never)
            {
                return present
                    ? ImageResult.Present(image)
                    : ImageResult.Missing(image, $"image {image} is not present and the pull policy is Never", neverPull: true);
            }
            if (pullPolicy == ImagePullPolicy.IfNotPresent && present)
            {
                return ImageResult.Present(image);
            }
            if (_registryImages.Contains(key))
            {
                _localImages.Add(key);
                return ImageResult.PulledFresh(image);
            }
            var reason = $"pull access denied for {image}: no registry reachable (simulated)";
            return present ? ImageResult.PullFailedButPresent(image, reason) : ImageResult.Missing(image, reason);
        }
    }
}
