using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Patching;

/// <summary>
/// JSON Merge Patch (RFC 7386, <c>application/merge-patch+json</c>), used by <c>kubectl label</c>,
/// <c>annotate</c> and <c>scale</c>: objects merge key by key, <c>null</c> deletes a key, anything else
/// (lists included) replaces. Inputs are never modified.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>Applies a patch to an API object. A patch that is not an object is refused (400), as Kubernetes does.</summary>
    public static JsonObject Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) throw PatchErrors.Malformed("Invalid JSON Patch");
        return (JsonObject)Merge(target, patchObject)!;
    }

    /// <summary>The RFC 7386 MergePatch function on any JSON values.</summary>
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null) result.Remove(key);
            else result[key] = Merge(result[key], value);
        }
        return result;
    }

    /// <summary>
    /// The merge patch that turns <paramref name="original"/> into <paramref name="modified"/>:
    /// changed keys, new keys, and <c>null</c> for removed keys. Lists are taken whole.
    /// </summary>
    public static JsonObject CreatePatch(JsonObject original, JsonObject modified)
    {
        var patch = new JsonObject();
        foreach (var (key, value) in original)
        {
            if (!modified.ContainsKey(key)) patch[key] = null;
        }
        foreach (var (key, value) in modified)
        {
            var exists = original.TryGetPropertyValue(key, out var before);
            if (exists && JsonNode.DeepEquals(before, value)) continue;
            patch[key] = exists && before is JsonObject beforeObject && value is JsonObject afterObject
                ? CreatePatch(beforeObject, afterObject)
                : value?.DeepClone();
        }
        return patch;
    }
}
