using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.Gateway.Streaming;

/// <summary>Where a pod's streams are served: its node's agent.</summary>
public sealed record PodStreamTarget(Uri AgentBaseUrl, string NodeName);

/// <summary>
/// The decisions of a streaming request, kept pure: may this pod be streamed from, and at which agent
/// URL. Refusals are the Kubernetes answers (404 for a missing pod, 400 for one that cannot stream).
/// </summary>
public static class StreamTargets
{
    /// <summary>Checks the stored pod for <paramref name="subresource"/> and returns its node's name.</summary>
    public static string CheckPod(JsonNode? pod, string name, string subresource, string? container)
    {
        if (pod is null) throw ApiException.NotFound("pods", name);
        var nodeName = pod["spec"]?["nodeName"]?.GetValue<string>();
        if (string.IsNullOrEmpty(nodeName))
        {
            throw ApiException.BadRequest($"pod {name} does not have a host assigned");
        }
        if (!string.IsNullOrEmpty(container) && !ContainerNames(pod).Contains(container))
        {
            throw ApiException.BadRequest($"container {container} is not valid for pod {name}");
        }
        var phase = pod["status"]?["phase"]?.GetValue<string>() ?? "";
        if (subresource is "exec" or "attach" && phase is "Succeeded" or "Failed")
        {
            var verb = subresource == "exec" ? "exec into" : "attach to";
            throw ApiException.BadRequest($"cannot {verb} a container in a completed pod; current phase is {phase}");
        }
        if (subresource is "exec" or "attach" or "portforward" && phase != "Running")
        {
            throw ApiException.BadRequest($"pod {name} is not running");
        }
        return nodeName;
    }

    /// <summary>
    /// <c>http://{InternalIP}:{daemonEndpoints.kubeletEndpoint.Port}</c> from the Node object, as the
    /// API server finds the kubelet.
    /// </summary>
    public static Uri AgentUrl(JsonNode? node, string nodeName)
    {
        if (node is null) throw Unreachable(nodeName, "the node is not registered");
        var addresses = node["status"]?["addresses"]?.AsArray() ?? [];
        var address = addresses.FirstOrDefault(a => a?["type"]?.GetValue<string>() == "InternalIP")?["address"]?.GetValue<string>()
            ?? addresses.FirstOrDefault()?["address"]?.GetValue<string>();
        var port = node["status"]?["daemonEndpoints"]?["kubeletEndpoint"]?["Port"]?.GetValue<int>() ?? 0;
        if (string.IsNullOrEmpty(address)) throw Unreachable(nodeName, "the node reports no address");
        if (port is <= 0 or > 65535) throw Unreachable(nodeName, "the node reports no agent port");
        var host = address.Contains(':') ? $"[{address}]" : address;
        return new Uri($"http://{host}:{port}/");
    }

    private static HashSet<string> ContainerNames(JsonNode pod)
    {
        var names = new HashSet<string>();
        foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            foreach (var container in pod["spec"]?[list]?.AsArray() ?? [])
            {
                if (container?["name"]?.GetValue<string>() is { } n) names.Add(n);
            }
        }
        return names;
    }

    private static ApiException Unreachable(string nodeName, string why) =>
        new(500, "InternalError", $"error dialing backend: node \"{nodeName}\": {why}");
}
