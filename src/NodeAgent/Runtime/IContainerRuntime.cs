namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>
/// What the pod lifecycle code needs from a container engine, and nothing more. One instance
/// serves one node: everything it creates carries that node's label, and every listing is
/// restricted to it, so agents sharing an engine never touch each other's containers.
/// </summary>
/// <remarks>
/// Every call is bounded by the runtime's own timeout (a <see cref="ContainerRuntimeException"/>
/// with <see cref="ContainerRuntimeErrorReason.Timeout"/>) and by the caller's token (an
/// <see cref="OperationCanceledException"/>). Engine failures surface as
/// <see cref="ContainerRuntimeException"/> with a typed <see cref="ContainerRuntimeException.Reason"/>.
/// </remarks>
public interface IContainerRuntime
{
    /// <summary>The node whose containers this runtime creates and sees.</summary>
    string NodeName { get; }

    /// <summary>Makes the image available according to the pull policy; never throws for a failed pull.</summary>
    Task<ImageResult> EnsureImageAsync(string image, ImagePullPolicy pullPolicy, CancellationToken cancellationToken = default);

    /// <summary>Creates and starts the pod's infrastructure container, which holds its network namespace.</summary>
    Task<PodSandbox> CreatePodSandboxAsync(PodSandboxSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Creates (does not start) an application container inside a sandbox; returns its id.</summary>
    Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken = default);

    Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends SIGTERM (or the image's stop signal), waits up to <paramref name="gracePeriod"/> and then
    /// SIGKILLs. Stopping a stopped container is a no-op.
    /// </summary>
    Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken = default);

    /// <summary>Removes a container, killing it if it still runs. Removing a missing container is a no-op.</summary>
    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every container of the pod on this node (sandbox included) and the pod's node-local
    /// directory with its emptyDir volumes. Idempotent; returns how many containers were removed.
    /// </summary>
    Task<int> RemovePodAsync(string podUid, CancellationToken cancellationToken = default);

    Task<ContainerStatus> InspectContainerAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// This node's containers (all states, sandboxes included) whose labels equal every entry of
    /// <paramref name="labelFilter"/>; use <see cref="RuntimeLabels"/> keys to select a pod or container.
    /// </summary>
    Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(
        IReadOnlyDictionary<string, string>? labelFilter = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The container's output as lines, oldest first. With <see cref="LogOptions.Follow"/> the sequence
    /// goes on until the container exits or the token is cancelled.
    /// </summary>
    IAsyncEnumerable<LogLine> GetLogsAsync(string containerId, LogOptions options, CancellationToken cancellationToken = default);

    /// <summary>Runs a command in a running container, copying its streams, and returns its exit code.</summary>
    Task<ExecResult> ExecAsync(string containerId, ExecRequest request, CancellationToken cancellationToken = default);
}
