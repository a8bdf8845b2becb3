namespace ActorOrchestrator.NodeAgent.Runtime;

public enum ContainerState
{
    /// <summary>Created, never started.</summary>
    Created,

    /// <summary>Running (engine states paused and restarting count as running).</summary>
    Running,

    /// <summary>Finished, killed, or dead: it will not run again; a restart is a new attempt.</summary>
    Exited,

    Unknown,
}

/// <summary>What <see cref="IContainerRuntime.InspectContainerAsync"/> observes.</summary>
/// <param name="ExitCode">Set once <see cref="State"/> is <see cref="ContainerState.Exited"/>.</param>
/// <param name="OomKilled">The kernel killed it for exceeding its memory limit (Kubernetes reason OOMKilled).</param>
/// <param name="Error">The engine's error, e.g. why the process could not start.</param>
public sealed record ContainerStatus(
    string Id,
    string Name,
    string Image,
    ContainerState State,
    int? ExitCode,
    bool OomKilled,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    RuntimeLabels Labels)
{
    /// <summary>The engine's id of the image the container runs (<c>sha256:...</c>), for Kubernetes' <c>imageID</c>.</summary>
    public string? ImageId { get; init; }

    /// <summary>The container's own address; set for a running sandbox (the pod IP), empty for containers joining one.</summary>
    public string? IpAddress { get; init; }
}

/// <summary>One entry of <see cref="IContainerRuntime.ListContainersAsync"/>.</summary>
public sealed record ContainerSummary(
    string Id,
    string Name,
    string Image,
    ContainerState State,
    DateTimeOffset CreatedAt,
    RuntimeLabels Labels);
