namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>
/// Finds the Docker container behind <c>namespace/pod/container</c> for logs, exec and port-forward.
/// Implemented by the pod lifecycle, which knows every pod on this node.
/// </summary>
public interface IContainerLocator
{
    /// <summary>
    /// The container's id, or null when there is no such pod or container on this node.
    /// <paramref name="container"/> null means the pod's first container (kubectl's default);
    /// <paramref name="previous"/> asks for the instance before the last restart (<c>logs --previous</c>).
    /// </summary>
    ContainerLocation? Find(string ns, string pod, string? container, bool previous);

    /// <summary>The pod's IP on this node (its sandbox's network), for port-forward; null when the pod is not running here.</summary>
    string? PodIp(string ns, string pod);
}

/// <summary>Where a container is, and what kubectl should be told about it.</summary>
/// <param name="ContainerName">The name resolved (the first container when none was asked for).</param>
public sealed record ContainerLocation(string ContainerId, string ContainerName, bool Running);
