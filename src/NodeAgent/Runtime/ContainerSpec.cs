using ActorOrchestrator.Api.Objects;
namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>An application container of a pod, as the lifecycle code resolved it from the pod spec.</summary>
/// <param name="SandboxId">The pod's sandbox; the container joins its network (and IPC) namespace.</param>
/// <param name="Name">The container's name in the pod spec.</param>
/// <param name="Attempt">Which creation of this container this is (0 first); part of the Docker name.</param>
public sealed record ContainerSpec(PodRef Pod, string SandboxId, string Name, string Image, int Attempt = 0)
{
    /// <summary>Kubernetes <c>command</c>: replaces the image's entrypoint when non-empty.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Kubernetes <c>args</c>: replaces the image's cmd when non-empty.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Already resolved (valueFrom, $(VAR) expansion done by the caller).</summary>
    public IReadOnlyList<EnvVar> Env { get; init; } = [];

    public string? WorkingDir { get; init; }

    /// <summary>Informational, as in Kubernetes: recorded in a label, not published.</summary>
    public IReadOnlyList<ContainerPort> Ports { get; init; } = [];

    public ResourceLimits Limits { get; init; } = ResourceLimits.None;

    /// <summary>emptyDir volumes of the pod mounted into this container.</summary>
    public IReadOnlyList<VolumeMount> VolumeMounts { get; init; } = [];

    /// <summary>Kubernetes <c>restartCount</c> at creation; null means <see cref="Attempt"/>.</summary>
    public int? RestartCount { get; init; }

    /// <summary>Extra labels; the runtime's own <see cref="RuntimeLabels"/> keys win.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

public sealed record EnvVar(string Name, string Value);

public sealed record ContainerPort(int Port, string Protocol = "TCP", string? Name = null)
{
    public override string ToString() => Name is null ? $"{Port}/{Protocol}" : $"{Name}:{Port}/{Protocol}";
}

/// <summary>
/// Mounts the pod's emptyDir volume <paramref name="VolumeName"/> at <paramref name="MountPath"/>. The
/// volume lives as long as the pod (across container attempts) and is shared by its containers.
/// </summary>
public sealed record VolumeMount(string VolumeName, string MountPath, bool ReadOnly = false);

/// <summary>Resource limits in engine units.</summary>
/// <param name="NanoCpus">CPU limit in billionths of a core (Docker <c>NanoCpus</c>); null for none.</param>
/// <param name="MemoryBytes">Memory limit (Docker <c>Memory</c>, swap disabled); null for none.</param>
public sealed record ResourceLimits(long? NanoCpus = null, long? MemoryBytes = null)
{
    public static readonly ResourceLimits None = new();

    /// <summary>From Kubernetes quantities such as <c>cpu: 100m</c>, <c>memory: 128Mi</c>.</summary>
    public static ResourceLimits FromQuantities(string? cpu, string? memory) => new(
        cpu is null ? null : Quantity.ToNanoCpus(cpu),
        memory is null ? null : Quantity.ToBytes(memory));
}
