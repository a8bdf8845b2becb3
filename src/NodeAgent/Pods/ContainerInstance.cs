using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// One creation (attempt) of a pod's container, as last observed. An instance never runs twice: a
/// restart is the next attempt.
/// </summary>
/// <param name="Observed">The engine's last answer; null before the first inspection.</param>
internal sealed record ContainerInstance(string Id, int Attempt, int RestartCount, string Image, ContainerStatus? Observed)
{
    /// <summary>Why starting it failed (the kubelet's StartError); it then counts as exited.</summary>
    public string? StartError { get; init; }

    /// <summary>The engine no longer knows it (removed behind the agent's back): it counts as exited.</summary>
    public bool Lost { get; init; }

    /// <summary>When a start error or the loss was noticed.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When <see cref="Observed"/> was answered (what a node-wide relisting is compared with).</summary>
    public DateTimeOffset? ObservedAt { get; init; }

    public bool IsRunning => StartError is null && !Lost && Observed?.State == ContainerState.Running;

    /// <summary>Finished, killed, lost or never able to start: it will not run again.</summary>
    public bool HasExited => StartError is not null || Lost || Observed?.State is ContainerState.Exited or ContainerState.Unknown;

    /// <summary>Created but not started (the agent stopped in between): start it rather than create another.</summary>
    public bool IsCreatedOnly => StartError is null && !Lost && Observed?.State == ContainerState.Created;

    /// <summary>As the kubelet reports it: 128 for a start error, 137 for a lost container.</summary>
    public int ExitCode => StartError is not null ? 128 : Lost ? 137 : Observed?.ExitCode ?? 0;

    /// <summary>When it stopped running (the start of a restart back-off).</summary>
    public DateTimeOffset? FinishedAt => StartError is not null || Lost ? EndedAt : Observed?.FinishedAt;

    public string ContainerId => $"docker://{Id}";

    public ContainerInstance AsLost(DateTimeOffset now) => this with { Lost = true, EndedAt = now };

    public ContainerInstance AsStartError(string message, DateTimeOffset now) => this with { StartError = message, EndedAt = now };
}

/// <summary>The pod's infrastructure container: its network namespace.</summary>
/// <param name="ObservedAt">When the engine last said it runs; null when that is not known first-hand.</param>
internal sealed record SandboxInstance(string Id, int Attempt, string? PodIp, bool Running, DateTimeOffset? ObservedAt = null);
