using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ActorOrchestrator.NodeAgent.Node;

/// <summary>
/// One node agent's settings. On one machine each agent takes a loopback address of its own
/// (127.0.0.2, 127.0.0.3, ...): its agent API and, later, its NodePorts and proxies live there.
/// </summary>
public sealed record AgentOptions
{
    public static IDictionary<string, string> Switches { get; } = new Dictionary<string, string>
    {
        ["--node-name"] = "AO_NODE_NAME",
        ["--address"] = "AO_NODE_ADDRESS",
        ["--port"] = "AO_NODE_PORT",
        ["--labels"] = "AO_NODE_LABELS",
        ["--cpu"] = "AO_NODE_CPU",
        ["--memory"] = "AO_NODE_MEMORY",
        ["--max-pods"] = "AO_NODE_MAX_PODS",
        ["--runtime"] = "AO_NODE_RUNTIME",
        ["--docker"] = "AO_DOCKER_HOST",
        ["--state-dir"] = "AO_NODE_STATE_DIR",
        ["--heartbeat-seconds"] = "AO_NODE_HEARTBEAT_SECONDS",
        ["--resync-seconds"] = "AO_NODE_RESYNC_SECONDS",
        ["--backoff-initial-seconds"] = "AO_BACKOFF_INITIAL_SECONDS",
        ["--backoff-max-seconds"] = "AO_BACKOFF_MAX_SECONDS",
        ["--hollow-nodes"] = "AO_HOLLOW_NODES",
        ["--fake-latency-ms"] = "AO_FAKE_LATENCY_MS",
    };

    public required string NodeName { get; init; }

    /// <summary>The address this node advertises (InternalIP) and serves its agent API on.</summary>
    public required string Address { get; init; }

    public int Port { get; init; } = 10250;

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Kubernetes quantities, e.g. <c>2</c> and <c>8Gi</c>; default: the machine's.</summary>
    public string Cpu { get; init; } = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);

    public string Memory { get; init; } = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes.ToString(CultureInfo.InvariantCulture);

    public int MaxPods { get; init; } = 110;

    /// <summary><c>docker</c> runs real containers; <c>fake</c> simulates them (hollow nodes for scale tests).</summary>
    public string Runtime { get; init; } = "docker";

    public string DockerEndpoint { get; init; } = "unix:///var/run/docker.sock";

    public string? StateDirectory { get; init; }

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the agent re-reads every pod bound to it, in case a push was lost.</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan? BackoffInitial { get; init; }

    /// <summary>
    /// More than 0: this process runs that many hollow nodes on the fake runtime (kubemark's hollow
    /// kubelets), named <c>&lt;node-name&gt;-1</c>, <c>-2</c>, ..., each a full node to the control plane.
    /// </summary>
    public int HollowNodes { get; init; }

    /// <summary>With the fake runtime: how long each simulated engine call of a pod's life takes (create, start, stop, remove).</summary>
    public TimeSpan FakeLatency { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan? BackoffMax { get; init; }

    public static AgentOptions From(IConfiguration configuration)
    {
        var name = configuration["AO_NODE_NAME"] ?? throw new InvalidOperationException(
            "No node name: pass --node-name node1 (and --address 127.0.0.2 so that each node on one machine has an address of its own).");
        return new AgentOptions
        {
            NodeName = name,
            Address = configuration["AO_NODE_ADDRESS"] ?? "127.0.0.1",
            Port = Int(configuration, "AO_NODE_PORT") ?? 10250,
            Labels = ParseLabels(configuration["AO_NODE_LABELS"]),
            Cpu = configuration["AO_NODE_CPU"] ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            Memory = configuration["AO_NODE_MEMORY"] ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes.ToString(CultureInfo.InvariantCulture),
            MaxPods = Int(configuration, "AO_NODE_MAX_PODS") ?? 110,
            Runtime = configuration["AO_NODE_RUNTIME"] ?? "docker",
            DockerEndpoint = configuration["AO_DOCKER_HOST"] ?? "unix:///var/run/docker.sock",
            StateDirectory = configuration["AO_NODE_STATE_DIR"],
            HeartbeatInterval = TimeSpan.FromSeconds(Int(configuration, "AO_NODE_HEARTBEAT_SECONDS") ?? 10),
            ResyncInterval = TimeSpan.FromSeconds(Int(configuration, "AO_NODE_RESYNC_SECONDS") ?? 30),
            BackoffInitial = Int(configuration, "AO_BACKOFF_INITIAL_SECONDS") is { } initial ? TimeSpan.FromSeconds(initial) : null,
            BackoffMax = Int(configuration, "AO_BACKOFF_MAX_SECONDS") is { } max ? TimeSpan.FromSeconds(max) : null,
            HollowNodes = Int(configuration, "AO_HOLLOW_NODES") ?? 0,
            FakeLatency = TimeSpan.FromMilliseconds(Int(configuration, "AO_FAKE_LATENCY_MS") ?? 20),
        };
    }

    /// <summary><c>dist=ssd,gpu=true</c>, as <c>kubectl label</c> writes them.</summary>
    public static IReadOnlyDictionary<string, string> ParseLabels(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    private static int? Int(IConfiguration configuration, string key) =>
        configuration[key] is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
