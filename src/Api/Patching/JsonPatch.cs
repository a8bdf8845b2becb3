using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.Api.Patching;

/// <summary>
/// JSON Patch (RFC 6902, <c>application/json-patch+json</c>): <c>add</c>, <c>remove</c>, <c>replace</c>,
/// <c>move</c>, <c>copy</c> and <c>test</c> applied in order, all or nothing. Refusals follow the
/// Kubernetes API server: a body that is not a list of operations is 400, more than 10,000 operations
/// is 413, an operation that does not apply is 422.
/// </summary>
/// <remarks>
/// Written on JsonNode because Microsoft.AspNetCore.JsonPatch.SystemTextJson patches typed models,
/// not the JSON objects this API stores.
/// </remarks>
public static class JsonPatch
{
    /// <summary>The API server's cap on operations in one patch.</summary>
    public const int MaxOperations = 10_000;

    /// <summary>Applies the operations to a copy of <paramref name="target"/>; the input is not modified.</summary>
    public static JsonObject Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw PatchErrors.Malformed($"json: cannot unmarshal {Describe(patch)} into Go value of type jsonpatch.Patch");
        }
        if (operations.Count > MaxOperations)
        {
            throw ApiException.TooLarge($"Request entity too large: The allowed maximum operations in a JSON patch is {MaxOperations}, got {operations.Count}");
        }
        JsonNode document = target.DeepClone();
        foreach (var operation in operations)
        {
            document = ApplyOne(document, operation as JsonObject ?? throw PatchErrors.DoesNotApply($"operation must be an object: {operation?.ToJsonString() ?? "null"}"));
        }
        return document as JsonObject ?? throw PatchErrors.DoesNotApply("the patched document is not an object");
    }

    private static JsonNode ApplyOne(JsonNode document, JsonObject operation)
    {
        var op = Text(operation, "op") ?? throw PatchErrors.DoesNotApply($"operation has no \"op\": {operation.ToJsonString()}");
        var path = Text(operation, "path") ?? throw PatchErrors.DoesNotApply($"operation \"{op}\" has no \"path\"");
        switch (op)
        {
            case "add":
                return Add(document, path, Value(operation, op), op);
            case "remove":
                Remove(document, path, op);
                return document;
            case "replace":
                var replacement = Value(operation, op);
                if (path.Length == 0) return replacement ?? throw PatchErrors.DoesNotApply("replace operation does not apply: the document cannot be null");
                Remove(document, path, op);
                return Add(document, path, replacement, op);
            case "move":
                var from = From(operation, op);
                if (path.StartsWith(from + "/", StringComparison.Ordinal)) throw PatchErrors.DoesNotApply($"move operation does not apply: \"{from}\" cannot be moved into its own child \"{path}\"");
                if (from == path) return document;
                var moved = Get(document, from, op);
                Remove(document, from, op);
                return Add(document, path, moved, op);
            case "copy":
                return Add(document, path, Get(document, From(operation, op), op)?.DeepClone(), op);
            case "test":
                var expected = Value(operation, op);
                if (!JsonNode.DeepEquals(Get(document, path, op), expected)) throw PatchErrors.DoesNotApply($"testing value {path} failed: test failed");
                return document;
            default:
                throw PatchErrors.DoesNotApply($"Unexpected kind: {op}");
        }
    }

    private static JsonNode Add(JsonNode document, string path, JsonNode? value, string op)
    {
        var tokens = JsonPointer.Parse(path);
        if (tokens.Count == 0) return value ?? throw PatchErrors.DoesNotApply($"{op} operation does not apply: the document cannot be null");
        var parent = Parent(document, tokens, path, op);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array:
                var index = last == "-" ? array.Count : JsonPointer.Index(last);
                if (index < 0 || index > array.Count) throw InvalidIndex(last);
                array.Insert(index, value);
                break;
            default:
                throw Missing(op, path);
        }
        return document;
    }

    private static void Remove(JsonNode document, string path, string op)
    {
        var tokens = JsonPointer.Parse(path);
        if (tokens.Count == 0) throw PatchErrors.DoesNotApply($"{op} operation does not apply: cannot remove the whole document");
        var parent = Parent(document, tokens, path, op);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray array:
                var index = JsonPointer.Index(last);
                if (index < 0 || index >= array.Count) throw InvalidIndex(last);
                array.RemoveAt(index);
                break;
            default:
                throw Missing(op, path);
        }
    }

    private static JsonNode? Get(JsonNode document, string path, string op)
    {
        var tokens = JsonPointer.Parse(path);
        if (tokens.Count == 0) return document;
        var parent = Parent(document, tokens, path, op);
        var last = tokens[^1];
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(last, out var value) => value,
            JsonArray array when JsonPointer.Index(last) is var i and >= 0 && i < array.Count => array[i],
            _ => throw Missing(op, path),
        };
    }

    /// <summary>The container the pointer's last token is looked up in; it must exist.</summary>
    private static JsonNode Parent(JsonNode document, IReadOnlyList<string> tokens, string path, string op)
    {
        var current = document;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            current = current switch
            {
                JsonObject obj when obj[tokens[i]] is JsonNode child => child,
                JsonArray array when JsonPointer.Index(tokens[i]) is var index and >= 0 && index < array.Count && array[index] is JsonNode item => item,
                _ => throw Missing(op, path),
            };
        }
        return current;
    }

    private static JsonNode? Value(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw PatchErrors.DoesNotApply($"{op} operation does not apply: missing value");

    private static string From(JsonObject operation, string op) =>
        Text(operation, "from") ?? throw PatchErrors.DoesNotApply($"{op} operation does not apply: missing from");

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static ApiException Missing(string op, string path) =>
        PatchErrors.DoesNotApply($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");

    private static ApiException InvalidIndex(string token) =>
        PatchErrors.DoesNotApply($"Unable to access invalid index: {token}: invalid index referenced");

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonValue v => v.GetValueKind() switch { JsonValueKind.String => "string", JsonValueKind.Number => "number", _ => "bool" },
        _ => "value",
    };
}
