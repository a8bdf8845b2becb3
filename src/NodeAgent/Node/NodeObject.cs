using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.NodeAgent.Node;

/// <summary>The Node object an agent registers: its labels, what it offers, and where its agent API is.</summary>
public static class NodeObject
{
    public const string KubeletVersion = "v1.32.0-actororchestrator";

    public static JsonObject Build(AgentOptions options, string runtimeVersion, DateTimeOffset now)
    {
        var labels = new JsonObject
        {
            ["kubernetes.io/hostname"] = options.NodeName,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = Architecture(),
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = Architecture(),
        };
        foreach (var (key, value) in options.Labels) labels[key] = value;
        var resources = new JsonObject { ["cpu"] = options.Cpu, ["memory"] = options.Memory, ["pods"] = options.MaxPods.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var time = Timestamps.Format(now);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = options.NodeName, ["labels"] = labels },
            ["spec"] = new JsonObject(),
            ["status"] = new JsonObject
            {
                ["capacity"] = resources.DeepClone(),
                ["allocatable"] = resources,
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", time),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", time),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", time),
                    Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", time)),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = options.Address },
                    new JsonObject { ["type"] = "Hostname", ["address"] = options.NodeName }),
                ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = options.Port } },
                ["nodeInfo"] = new JsonObject
                {
                    ["machineID"] = options.NodeName,
                    ["systemUUID"] = options.NodeName,
                    ["bootID"] = Guid.NewGuid().ToString(),
                    ["kernelVersion"] = Environment.OSVersion.Version.ToString(),
                    ["osImage"] = RuntimeInformation.OSDescription,
                    ["containerRuntimeVersion"] = runtimeVersion,
                    ["kubeletVersion"] = KubeletVersion,
                    ["kubeProxyVersion"] = KubeletVersion,
                    ["operatingSystem"] = "linux",
                    ["architecture"] = Architecture(),
                },
            },
        };
    }

    private static JsonObject Condition(string type, string status, string reason, string message, string time) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastHeartbeatTime"] = time,
        ["lastTransitionTime"] = time,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static string Architecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        _ => "amd64",
    };
}
