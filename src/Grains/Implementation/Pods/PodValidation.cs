using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Validation;

namespace ActorOrchestrator.Grains.Pods;

/// <summary>The checks Kubernetes' ValidatePod makes that users meet in practice, with its messages.</summary>
public static class PodValidation
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];

    public static IEnumerable<StatusCause> ValidateSpec(JsonObject? spec, string path = "spec")
    {
        if (spec is null)
        {
            yield return Required(path);
            yield break;
        }
        var volumes = (spec["volumes"] as JsonArray)?.OfType<JsonObject>()
            .Select(v => v["name"]?.ToString()).OfType<string>().ToHashSet() ?? [];
        var names = new HashSet<string>();
        var containers = spec["containers"] as JsonArray;
        if (containers is null || containers.Count == 0) yield return Required($"{path}.containers");
        foreach (var list in new[] { "initContainers", "containers" })
        {
            if (spec[list] is not JsonArray items) continue;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject container)
                {
                    yield return Invalid($"{path}.{list}[{i}]", "must be an object");
                    continue;
                }
                foreach (var cause in ValidateContainer(container, $"{path}.{list}[{i}]", names, volumes)) yield return cause;
            }
        }
        if (spec["restartPolicy"]?.ToString() is { } restart && !RestartPolicies.Contains(restart))
        {
            yield return Unsupported($"{path}.restartPolicy", restart, RestartPolicies);
        }
        if (spec.Num("terminationGracePeriodSeconds") is < 0)
        {
            yield return Invalid($"{path}.terminationGracePeriodSeconds", "must be greater than or equal to 0");
        }
        if (spec["nodeSelector"] is JsonObject selector)
        {
            foreach (var cause in MetadataValidation.ValidateLabels(ObjectAccess.StringMap(selector), $"{path}.nodeSelector")) yield return cause;
        }
    }

    private static IEnumerable<StatusCause> ValidateContainer(JsonObject container, string path, HashSet<string> names, HashSet<string> volumes)
    {
        var name = container["name"]?.ToString();
        if (string.IsNullOrEmpty(name)) yield return Required($"{path}.name");
        else
        {
            foreach (var message in NameValidation.IsDns1123Label(name)) yield return Invalid($"{path}.name", $"\"{name}\": {message}");
            if (!names.Add(name)) yield return new StatusCause("FieldValueDuplicate", $"Duplicate value: \"{name}\"", $"{path}.name");
        }
        if (string.IsNullOrWhiteSpace(container["image"]?.ToString())) yield return Required($"{path}.image");
        if (container["imagePullPolicy"]?.ToString() is { } pull && !PullPolicies.Contains(pull))
        {
            yield return Unsupported($"{path}.imagePullPolicy", pull, PullPolicies);
        }
        if (container["ports"] is JsonArray ports)
        {
            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i] is not JsonObject port) continue;
                var portPath = $"{path}.ports[{i}]";
                if (port.Num("containerPort") is not { } p)
                {
                    yield return Required($"{portPath}.containerPort");
                }
                else if (p is < 1 or > 65535)
                {
                    yield return Invalid($"{portPath}.containerPort", $"{p}: must be between 1 and 65535, inclusive");
                }
                if (port["protocol"]?.ToString() is { } protocol && !Protocols.Contains(protocol))
                {
                    yield return Unsupported($"{portPath}.protocol", protocol, Protocols);
                }
            }
        }
        if (container["volumeMounts"] is JsonArray mounts)
        {
            for (var i = 0; i < mounts.Count; i++)
            {
                var mount = mounts[i] as JsonObject;
                var volume = mount?["name"]?.ToString();
                if (volume is not null && !volumes.Contains(volume))
                {
                    yield return new StatusCause("FieldValueNotFound", $"Not found: \"{volume}\"", $"{path}.volumeMounts[{i}].name");
                }
                if (string.IsNullOrEmpty(mount?["mountPath"]?.ToString())) yield return Required($"{path}.volumeMounts[{i}].mountPath");
            }
        }
    }

    /// <summary>A pod's spec may change only in the few fields Kubernetes lets change.</summary>
    public static IEnumerable<StatusCause> ValidateUpdate(JsonObject? spec, JsonObject? oldSpec)
    {
        if (spec is null || oldSpec is null) yield break;
        if (!JsonNode.DeepEquals(MutableFieldsCleared(spec), MutableFieldsCleared(oldSpec)))
        {
            yield return new StatusCause("FieldValueForbidden",
                "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
                "spec");
        }
    }

    private static JsonObject MutableFieldsCleared(JsonObject spec)
    {
        var copy = (JsonObject)spec.DeepClone();
        copy.Remove("activeDeadlineSeconds");
        copy.Remove("tolerations");
        copy.Remove("terminationGracePeriodSeconds");
        foreach (var list in new[] { "initContainers", "containers" })
        {
            if (copy[list] is not JsonArray containers) continue;
            foreach (var container in containers.OfType<JsonObject>()) container.Remove("image");
        }
        return copy;
    }

    private static StatusCause Required(string field) => new("FieldValueRequired", "Required value", field);

    private static StatusCause Invalid(string field, string message) => new("FieldValueInvalid", "Invalid value: " + message, field);

    private static StatusCause Unsupported(string field, string value, string[] supported) =>
        new("FieldValueNotSupported",
            $"Unsupported value: \"{value}\": supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}", field);
}
