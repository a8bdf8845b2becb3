using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Store.Objects;

/// <summary>
/// The fields each resource can be selected by, as Kubernetes' per-resource GetAttrs functions define
/// them. <c>metadata.name</c> and <c>metadata.namespace</c> work for every resource.
/// </summary>
public static class SelectableFields
{
    private static readonly string[] Common = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<string, string[]> ByResource = new()
    {
        [ResourceRegistry.Pods.StorageKey] =
            ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
             "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        [ResourceRegistry.Events.StorageKey] =
            ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
             "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
             "reason", "reportingComponent", "source", "type"],
        [ResourceRegistry.Nodes.StorageKey] = ["spec.unschedulable"],
        [ResourceRegistry.Namespaces.StorageKey] = ["status.phase"],
        [ResourceRegistry.Secrets.StorageKey] = ["type"],
        [ResourceRegistry.ReplicationControllers.StorageKey] = ["status.replicas"],
        [ResourceRegistry.ReplicaSets.StorageKey] = ["status.replicas"],
        [ResourceRegistry.Jobs.StorageKey] = ["status.successful"],
    };

    /// <summary>Every field path a field selector may name for this resource.</summary>
    public static IReadOnlyList<string> For(string storageKey) =>
        ByResource.TryGetValue(storageKey, out var extra) ? [.. Common, .. extra] : Common;

    public static bool IsSupported(string storageKey, string path) => For(storageKey).Contains(path);

    /// <summary>Extracts the stored attributes of an object.</summary>
    public static ObjectAttributes Extract(string storageKey, JsonObject obj)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ByResource.TryGetValue(storageKey, out var paths))
        {
            foreach (var path in paths) fields[path] = Render(obj.AtPath(path));
        }
        return new ObjectAttributes(obj.Labels(), fields, ControllerUid(obj));
    }

    /// <summary>Field values as Kubernetes renders them for selection: strings as-is, others as JSON text.</summary>
    private static string Render(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonObject o when o["component"] is JsonValue c => c.ToString(),   // events: source=component
        _ => node.ToJsonString(),
    };

    private static Guid? ControllerUid(JsonObject obj)
    {
        if (obj.Metadata()["ownerReferences"] is not JsonArray refs) return null;
        foreach (var r in refs.OfType<JsonObject>())
        {
            if (r["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController
                && Guid.TryParse(r.GetString("uid"), out var uid))
            {
                return uid;
            }
        }
        return null;
    }
}
