using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.UnitTests.Api.Protobuf;

/// <summary>
/// Compares JSON trees with key order ignored: both sides are written with sorted keys and
/// indentation, so a failure shows a line diff of the two documents.
/// </summary>
internal static class CanonicalJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Equal(JsonNode? expected, JsonNode? actual) => Assert.Equal(Write(expected), Write(actual));

    public static string Write(JsonNode? node) => Sorted(node)?.ToJsonString(Indented) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        // Re-parse values so an int and a long (or a parsed number) compare by their JSON text.
        _ => node is null ? null : JsonNode.Parse(node.ToJsonString()),
    };
}
