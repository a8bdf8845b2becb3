using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Objects;

/// <summary>
/// Typed reads and writes of the fields every API object shares, on its JSON form. Objects travel
/// and are stored as JSON so that unknown fields survive round trips and patches apply exactly.
/// </summary>
public static class ObjectAccess
{
    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta) return meta;
        meta = new JsonObject();
        obj["metadata"] = meta;
        return meta;
    }

    public static string? GetString(this JsonObject obj, string property) =>
        obj[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string? Name(this JsonObject obj) => obj.Metadata().GetString("name");

    public static string? Namespace(this JsonObject obj) => obj.Metadata().GetString("namespace");

    public static string? Uid(this JsonObject obj) => obj.Metadata().GetString("uid");

    public static string? ResourceVersion(this JsonObject obj) => obj.Metadata().GetString("resourceVersion");

    public static string? DeletionTimestamp(this JsonObject obj) => obj.Metadata().GetString("deletionTimestamp");

    public static long Generation(this JsonObject obj) =>
        obj.Metadata().Num("generation") ?? 0;

    public static JsonObject? Spec(this JsonObject obj) => obj["spec"] as JsonObject;

    public static JsonObject? Status(this JsonObject obj) => obj["status"] as JsonObject;

    /// <summary>The string map at <c>metadata.labels</c> (or another map-valued metadata field).</summary>
    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj) => StringMap(obj.Metadata()["labels"]);

    public static IReadOnlyDictionary<string, string> Annotations(this JsonObject obj) => StringMap(obj.Metadata()["annotations"]);

    public static IReadOnlyList<string> Finalizers(this JsonObject obj) =>
        obj.Metadata()["finalizers"] is JsonArray a
            ? a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];

    /// <summary>Reads a JSON object of strings as a dictionary; anything else reads as empty.</summary>
    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node)
    {
        if (node is not JsonObject map) return new Dictionary<string, string>();
        var result = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s)) result[key] = s;
        }
        return result;
    }

    /// <summary>Follows a dotted path such as <c>spec.nodeName</c>; null when any step is missing.</summary>
    public static JsonNode? AtPath(this JsonObject obj, string dottedPath)
    {
        JsonNode? current = obj;
        foreach (var part in dottedPath.Split('.'))
        {
            if (current is not JsonObject o) return null;
            current = o[part];
        }
        return current;
    }

    /// <summary>A deep copy, so that a caller can change it without touching a cached object.</summary>
    public static JsonObject Clone(this JsonObject obj) => (JsonObject)obj.DeepClone();
}
