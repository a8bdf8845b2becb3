using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Api.Selectors;

/// <summary>
/// Which field labels each resource can be selected by, and how each is read from an object:
/// Kubernetes 1.32's field label conversion functions, as one table. A missing field reads as its
/// zero value ("", "false", "0"), so <c>spec.nodeName=</c> selects unscheduled pods.
/// </summary>
public static class SelectableFields
{
    /// <summary>A field label, the JSON path it reads, and what it reads as when absent.</summary>
    private readonly record struct Field(string Path, string WhenAbsent = "");

    private static readonly Dictionary<string, Field> Fields = new(StringComparer.Ordinal)
    {
        ["metadata.name"] = new("metadata.name"),
        ["metadata.namespace"] = new("metadata.namespace"),
        ["spec.nodeName"] = new("spec.nodeName"),
        ["spec.restartPolicy"] = new("spec.restartPolicy"),
        ["spec.schedulerName"] = new("spec.schedulerName"),
        ["spec.serviceAccountName"] = new("spec.serviceAccountName"),
        ["spec.hostNetwork"] = new("spec.hostNetwork", "false"),
        ["spec.unschedulable"] = new("spec.unschedulable", "false"),
        ["spec.clusterIP"] = new("spec.clusterIP"),
        ["spec.type"] = new("spec.type"),
        ["status.phase"] = new("status.phase"),
        ["status.podIP"] = new("status.podIP"),
        ["status.nominatedNodeName"] = new("status.nominatedNodeName"),
        ["status.replicas"] = new("status.replicas", "0"),
        ["status.successful"] = new("status.successful", "0"),
        ["involvedObject.kind"] = new("involvedObject.kind"),
        ["involvedObject.namespace"] = new("involvedObject.namespace"),
        ["involvedObject.name"] = new("involvedObject.name"),
        ["involvedObject.uid"] = new("involvedObject.uid"),
        ["involvedObject.apiVersion"] = new("involvedObject.apiVersion"),
        ["involvedObject.resourceVersion"] = new("involvedObject.resourceVersion"),
        ["involvedObject.fieldPath"] = new("involvedObject.fieldPath"),
        ["reason"] = new("reason"),
        ["reportingComponent"] = new("reportingComponent"),
        ["source"] = new("source.component"),
        ["type"] = new("type"),
    };

    private static readonly string[] ObjectMeta = ["metadata.name", "metadata.namespace"];

    /// <summary>Labels beyond metadata.name/namespace, per resource (plural); others allow just those two.</summary>
    private static readonly Dictionary<string, string[]> ByResource = new(StringComparer.Ordinal)
    {
        ["pods"] = [.. ObjectMeta, "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
            "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        // Cluster-scoped kinds with their own conversion functions do not accept metadata.namespace.
        ["nodes"] = ["metadata.name", "spec.unschedulable"],
        ["namespaces"] = ["metadata.name", "status.phase"],
        ["events"] = [.. ObjectMeta, "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        ["secrets"] = [.. ObjectMeta, "type"],
        ["replicationcontrollers"] = [.. ObjectMeta, "status.replicas"],
        ["replicasets"] = [.. ObjectMeta, "status.replicas"],
        ["jobs"] = [.. ObjectMeta, "status.successful"],
        ["services"] = [.. ObjectMeta, "spec.clusterIP", "spec.type"],
    };

    /// <summary>The field labels the resource can be selected by.</summary>
    public static IReadOnlyList<string> For(ResourceType type) => ByResource.GetValueOrDefault(type.Plural, ObjectMeta);

    public static bool IsSupported(ResourceType type, string field) => For(type).Contains(field, StringComparer.Ordinal);

    /// <summary>Refuses, with Kubernetes' 400, a selector that names a field the resource cannot be selected by.</summary>
    public static void EnsureSupported(FieldSelector selector, ResourceType type)
    {
        foreach (var requirement in selector.Requirements)
        {
            if (!IsSupported(type, requirement.Field))
            {
                throw ApiException.BadRequest($"field label not supported: {requirement.Field}");
            }
        }
    }

    /// <summary>
    /// The text a field selector compares for this object: strings as they are, booleans and numbers
    /// as JSON prints them, absent fields as the field's zero value. Unknown labels read the dotted path.
    /// </summary>
    public static string ValueOf(JsonObject obj, string field)
    {
        var known = Fields.TryGetValue(field, out var f);
        var node = obj.AtPath(known ? f.Path : field);
        return node switch
        {
            null => known ? f.WhenAbsent : "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
