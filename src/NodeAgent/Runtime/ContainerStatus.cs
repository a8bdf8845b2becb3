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
    RuntimeLabels Labels);

/// <summary>One entry of <see cref="IContainerRuntime.ListContainersAsync"/>.</summary>
public sealed record ContainerSummary(
    string Id,
    string Name,
    string Image,
    ContainerState State,
    DateTimeOffset CreatedAt,
    RuntimeLabels Labels);
