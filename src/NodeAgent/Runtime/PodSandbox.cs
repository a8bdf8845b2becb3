namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>Who a container belongs to: the pod's identity as the API server knows it.</summary>
public sealed record PodRef(string Uid, string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name} ({Uid})";
}

/// <summary>What <see cref="IContainerRuntime.CreatePodSandboxAsync"/> builds.</summary>
/// <param name="Attempt">Counts sandbox re-creations for the same pod (0 first).</param>
/// <param name="Labels">Extra labels; the runtime's own <see cref="RuntimeLabels"/> keys win.</param>
/// <param name="Image">The infrastructure image; null means the runtime's configured pause image.</param>
public sealed record PodSandboxSpec(
    PodRef Pod,
    int Attempt = 0,
    IReadOnlyDictionary<string, string>? Labels = null,
    string? Image = null);

/// <summary>A running infrastructure container: the pod's network namespace and hostname.</summary>
public sealed record PodSandbox(string Id, string Name, string PodIp);
