namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>One container's status as the status builder needs it: a pure value, no engine types.</summary>
internal sealed record ContainerStatusView(
    string Name,
    string Image,
    string ImageId,
    string? ContainerId,
    ContainerStateView State,
    ContainerStateView.Terminated? LastState,
    int RestartCount,
    bool Ready,
    bool Started);

/// <summary>Kubernetes <c>ContainerState</c>: exactly one of waiting, running, terminated.</summary>
internal abstract record ContainerStateView
{
    private ContainerStateView()
    {
    }

    public sealed record Waiting(string Reason, string? Message = null) : ContainerStateView;

    public sealed record Running(DateTimeOffset StartedAt) : ContainerStateView;

    public sealed record Terminated(int ExitCode, string Reason, string? Message, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? ContainerId)
        : ContainerStateView;
}
