using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Patching;

/// <summary>
/// The directive keys of strategic merge patch, and how to strip them (with <c>null</c>s) from patch
/// content that lands in the object as-is, so no directive ever reaches storage.
/// </summary>
internal static class PatchDirectives
{
    public const string Patch = "$patch";
    public const string RetainKeys = "$retainKeys";
    public const string SetElementOrderPrefix = "$setElementOrder/";
    public const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    public const string Replace = "replace";
    public const string Delete = "delete";
    public const string Merge = "merge";

    public static bool IsDirectiveKey(string key) =>
        key == Patch || key == RetainKeys ||
        key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) ||
        key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal);

    /// <summary>The <c>$patch</c> value of an object, if it has one.</summary>
    public static string? PatchDirectiveOf(JsonNode? node) =>
        node is JsonObject obj && obj.TryGetPropertyValue(Patch, out var value)
            ? value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "null"
            : null;

    /// <summary>
    /// A copy of patch content without directives or null members, for a value the object does not
    /// have yet. Returns false when the content itself says to delete (<c>$patch: delete</c>).
    /// </summary>
    public static bool TryClean(JsonNode? node, out JsonNode? clean)
    {
        switch (node)
        {
            case JsonObject obj:
                if (PatchDirectiveOf(obj) == Delete)
                {
                    clean = null;
                    return false;
                }
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (IsDirectiveKey(key) || value is null) continue;
                    if (TryClean(value, out var cleanValue)) result[key] = cleanValue;
                }
                clean = result;
                return true;
            case JsonArray array:
                // In a list, an item carrying $patch is an instruction about the list, never content.
                clean = new JsonArray(array.Where(item => PatchDirectiveOf(item) is null)
                    .Select(item => TryClean(item, out var c) ? c : null).ToArray());
                return true;
            default:
                clean = node?.DeepClone();
                return true;
        }
    }
}
