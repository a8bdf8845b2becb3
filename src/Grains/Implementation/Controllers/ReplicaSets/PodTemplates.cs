using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>Kubernetes' GetPodFromTemplate: the pod a workload controller creates from its template.</summary>
public static class PodTemplates
{
    public static JsonObject PodFrom(JsonObject controller, JsonObject? template, string? generateNamePrefix = null)
    {
        var templateMeta = template?["metadata"] as JsonObject;
        var metadata = new JsonObject
        {
            ["generateName"] = generateNamePrefix ?? $"{controller.Name()}-",
            ["namespace"] = controller.Namespace(),
        };
        foreach (var field in new[] { "labels", "annotations", "finalizers" })
        {
            if (templateMeta?[field] is JsonNode value) metadata[field] = value.DeepClone();
        }
        metadata["ownerReferences"] = new JsonArray(OwnerRef.ControllerRefTo(controller));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }
}
