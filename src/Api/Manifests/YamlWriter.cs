using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Manifests;

/// <summary>
/// Writes JSON as the YAML kubectl users expect from <c>-o yaml</c>: block style, keys in the
/// object's order, list items at their key's indentation, strings quoted only when needed (see
/// <see cref="YamlScalarStyle"/>). What it writes reads back through <see cref="ManifestReader"/> unchanged.
/// </summary>
public static class YamlWriter
{
    private const string Indent = "  ";

    /// <summary>One YAML document (no leading <c>---</c>), ending in a newline.</summary>
    public static string ToYaml(JsonNode? node)
    {
        var text = new StringBuilder();
        foreach (var line in Lines(node)) text.Append(line).Append('\n');
        return text.ToString();
    }

    /// <summary>Several documents separated by <c>---</c>, as <c>kubectl get -o yaml</c> prints a stream.</summary>
    public static string ToYaml(IEnumerable<JsonNode?> documents) =>
        string.Join("---\n", documents.Select(ToYaml));

    /// <summary>The lines of a value written at indentation zero; callers indent them as a block.</summary>
    private static IEnumerable<string> Lines(JsonNode? node) => node switch
    {
        JsonObject { Count: > 0 } obj => MappingLines(obj),
        JsonArray { Count: > 0 } array => SequenceLines(array),
        JsonValue value when value.GetValueKind() == JsonValueKind.String && YamlScalarStyle.PrefersLiteralBlock(value.GetValue<string>()) =>
            LiteralLines(value.GetValue<string>()),
        _ => [Scalar(node)],
    };

    private static IEnumerable<string> MappingLines(JsonObject obj)
    {
        foreach (var (key, value) in obj)
        {
            var keyText = YamlScalarStyle.Inline(key);
            switch (value)
            {
                case JsonObject { Count: > 0 } nested:
                    yield return keyText + ":";
                    foreach (var line in MappingLines(nested)) yield return Indented(line);
                    break;
                case JsonArray { Count: > 0 } list:
                    // kubectl (go-yaml) puts "- " at the key's own indentation.
                    yield return keyText + ":";
                    foreach (var line in SequenceLines(list)) yield return line;
                    break;
                case JsonValue text when IsLiteral(text, out var s):
                    var (header, lines) = YamlScalarStyle.LiteralBlock(s);
                    yield return $"{keyText}: {header}";
                    foreach (var line in lines) yield return Indented(line);
                    break;
                default:
                    yield return $"{keyText}: {Scalar(value)}";
                    break;
            }
        }
    }

    private static IEnumerable<string> SequenceLines(JsonArray array)
    {
        foreach (var item in array)
        {
            var first = true;
            foreach (var line in Lines(item))
            {
                yield return first ? "- " + line : Indented(line);
                first = false;
            }
        }
    }

    private static IEnumerable<string> LiteralLines(string value)
    {
        var (header, lines) = YamlScalarStyle.LiteralBlock(value);
        yield return header;
        foreach (var line in lines) yield return Indented(line);
    }

    /// <summary>Empty lines stay empty: inside a literal block, spaces on them would count as content or break indentation.</summary>
    private static string Indented(string line) => line.Length == 0 ? "" : Indent + line;

    private static bool IsLiteral(JsonValue value, out string text)
    {
        text = "";
        if (value.GetValueKind() != JsonValueKind.String) return false;
        text = value.GetValue<string>();
        return YamlScalarStyle.PrefersLiteralBlock(text);
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => YamlScalarStyle.Inline(v.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}
