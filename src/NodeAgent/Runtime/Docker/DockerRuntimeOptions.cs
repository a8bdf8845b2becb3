namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>How <see cref="DockerContainerRuntime"/> reaches its engine and where it keeps pod data.</summary>
public sealed record DockerRuntimeOptions(string NodeName)
{
    /// <summary>The engine endpoint: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:2375</c>.</summary>
    public Uri Endpoint { get; init; } = new("unix:///var/run/docker.sock");

    /// <summary>Node-local state; pod directories live in <c>&lt;StateDirectory&gt;/&lt;node&gt;/pods/&lt;uid&gt;</c>.</summary>
    public string StateDirectory { get; init; } = "/var/lib/actororchestrator";

    public string PauseImage { get; init; } = "actororchestrator/pause";

    /// <summary>The network sandboxes join: the default bridge gives every pod its own address.</summary>
    public string Network { get; init; } = "bridge";

    /// <summary>The limit for each engine call other than pulls and the grace period of a stop.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Per-container log rotation (json-file driver), like the kubelet's containerLogMaxSize/Files.</summary>
    public string LogMaxSize { get; init; } = "10m";

    public int LogMaxFiles { get; init; } = 3;
}
