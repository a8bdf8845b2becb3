using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Objects;

/// <summary>
/// Tolerant reads of nested fields of API objects kept as JSON: a missing or mistyped field reads as
/// absent, the way Go's zero values make a missing field print as empty or 0.
/// </summary>
public static class JsonRead
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            if (node is not JsonObject obj) return null;
            node = obj[step];
        }
        return node;
    }

    public static string? Str(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A string field, or "" when missing.</summary>
    public static string Text(this JsonNode? node, params string[] path) => node.Str(path) ?? "";

    public static long? Num(this JsonNode? node, params string[] path)
    {
        if (node.At(path) is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number)
        {
            return e.TryGetInt64(out l) ? l : (long)e.GetDouble();
        }
        return null;
    }

    public static bool? Flag(this JsonNode? node, params string[] path)
    {
        if (node.At(path) is not JsonValue v) return null;
        if (v.TryGetValue<bool>(out var b)) return b;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
        return null;
    }

    public static IReadOnlyList<JsonObject> Objects(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray array ? array.OfType<JsonObject>().ToList() : [];

    public static IReadOnlyList<string> Strings(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray array
            ? array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];

    /// <summary>The number of entries of an array or object field; 0 when missing.</summary>
    public static int Count(this JsonNode? node, params string[] path) => node.At(path) switch
    {
        JsonArray array => array.Count,
        JsonObject obj => obj.Count,
        _ => 0,
    };

    public static DateTimeOffset? Time(this JsonNode? node, params string[] path) =>
        node.Str(path) is { Length: > 0 } s &&
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;
}
