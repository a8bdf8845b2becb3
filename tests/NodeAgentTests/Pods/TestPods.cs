using System.Text.Json.Nodes;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>Pods as the API server hands them to a node: defaults applied, bound, with the status it stores at creation.</summary>
public static class TestPods
{
    public const string Node = "node-1";

    /// <summary>A pod from its spec JSON (containers etc.); the name doubles as the uid's stem.</summary>
    public static JsonObject Pod(string name, string specJson, string ns = "default", string node = Node)
    {
        var spec = JsonNode.Parse(specJson)!.AsObject();
        spec.TryAdd("nodeName", node);
        spec.TryAdd("restartPolicy", "Always");
        spec.TryAdd("terminationGracePeriodSeconds", 30);
        spec.TryAdd("serviceAccountName", "default");
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var container in (spec[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var image = container["image"]!.GetValue<string>();
                container.TryAdd("imagePullPolicy", image.Contains(':') && !image.EndsWith(":latest", StringComparison.Ordinal) ? "IfNotPresent" : "Always");
                foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
                {
                    if (container[probe] is JsonObject p)
                    {
                        p.TryAdd("timeoutSeconds", 1);
                        p.TryAdd("periodSeconds", 10);
                        p.TryAdd("successThreshold", 1);
                        p.TryAdd("failureThreshold", 3);
                    }
                }
            }
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = $"uid-{name}",
                ["creationTimestamp"] = "2025-01-01T00:00:00Z",
            },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["phase"] = "Pending",
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "PodScheduled",
                    ["status"] = "True",
                    ["lastProbeTime"] = null,
                    ["lastTransitionTime"] = "2025-01-01T00:00:00Z",
                }),
                ["qosClass"] = "BestEffort",
            },
        };
    }

    /// <summary>One container of the image, pulled IfNotPresent unless said otherwise.</summary>
    public static JsonObject Simple(string name, string image, string extraContainerJson = "", string extraSpecJson = "") =>
        Pod(name, $$"""
            {
              {{(extraSpecJson.Length > 0 ? extraSpecJson + "," : "")}}
              "containers": [{ "name": "{{name}}", "image": "{{image}}", "imagePullPolicy": "IfNotPresent"{{(extraContainerJson.Length > 0 ? "," + extraContainerJson : "")}} }]
            }
            """);

    /// <summary>The pod as the API returns it after the node reported <paramref name="status"/>.</summary>
    public static JsonObject WithStatus(JsonObject pod, JsonObject status)
    {
        var copy = pod.DeepClone().AsObject();
        copy["status"] = status.DeepClone();
        return copy;
    }

    /// <summary>The pod marked for graceful deletion.</summary>
    public static JsonObject Deleting(JsonObject pod, long gracePeriodSeconds, DateTimeOffset at)
    {
        var copy = pod.DeepClone().AsObject();
        copy["metadata"]!["deletionTimestamp"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        copy["metadata"]!["deletionGracePeriodSeconds"] = gracePeriodSeconds;
        return copy;
    }
}
