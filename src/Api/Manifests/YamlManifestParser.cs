using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ActorOrchestrator.Api.Manifests;

/// <summary>
/// Builds JSON from a YAML stream one parser event at a time, so that every limit is checked before
/// memory is spent: nesting depth, total values, and alias expansion ("billion laughs").
/// </summary>
internal sealed class YamlManifestParser
{
    private const string MergeKey = "<<";

    private readonly IParser _parser;
    private readonly ManifestLimits _limits;
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private long _values;
    private long _aliasedValues;

    /// <summary>A node some anchor names, with how many values a copy of it costs.</summary>
    private readonly record struct Anchored(JsonNode? Node, long Size);

    private YamlManifestParser(IParser parser, ManifestLimits limits)
    {
        _parser = parser;
        _limits = limits;
    }

    /// <summary>Every document of the stream, in order; an empty document yields null.</summary>
    public static List<(JsonNode? Root, int Line)> Parse(string text, ManifestLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        var documents = new List<(JsonNode?, int)>();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out var start))
        {
            // Anchors and counters are per document, as in go-yaml.
            var document = new YamlManifestParser(parser, limits);
            var root = document.ReadNode(depth: 1);
            parser.Consume<DocumentEnd>();
            documents.Add((root, (int)start.Start.Line));
        }
        parser.Consume<StreamEnd>();
        return documents;
    }

    private JsonNode? ReadNode(int depth)
    {
        var before = _values;
        var parsingEvent = _parser.Consume<ParsingEvent>();
        JsonNode? node;
        AnchorName anchor;
        switch (parsingEvent)
        {
            case Scalar scalar:
                CountValue(scalar);
                node = YamlScalarResolver.Resolve(scalar);
                anchor = scalar.Anchor;
                break;
            case MappingStart mapping:
                CheckDepth(mapping, depth);
                CountValue(mapping);
                node = ReadMapping(depth);
                anchor = mapping.Anchor;
                break;
            case SequenceStart sequence:
                CheckDepth(sequence, depth);
                CountValue(sequence);
                node = ReadSequence(depth);
                anchor = sequence.Anchor;
                break;
            case AnchorAlias alias:
                return ExpandAlias(alias);
            default:
                throw At(parsingEvent, $"unexpected {parsingEvent.GetType().Name}");
        }
        if (!anchor.IsEmpty) _anchors[anchor.Value] = new Anchored(node, _values - before);
        return node;
    }

    private JsonObject ReadMapping(int depth)
    {
        var result = new JsonObject();
        var explicitKeys = new HashSet<string>(StringComparer.Ordinal);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current!;
            var (key, isMerge) = ReadKey();
            var value = ReadNode(depth + 1);
            if (isMerge)
            {
                Merge(result, value, explicitKeys, keyEvent);
                continue;
            }
            if (!explicitKeys.Add(key))
            {
                // Wording of go-yaml's strict decoder, which kubectl and the API server use.
                throw At(keyEvent, $"key \"{key}\" already set in map");
            }
            result[key] = value;
        }
        return result;
    }

    private JsonArray ReadSequence(int depth)
    {
        var result = new JsonArray();
        while (!_parser.TryConsume<SequenceEnd>(out _)) result.Add(ReadNode(depth + 1));
        return result;
    }

    /// <summary>Reads a mapping key as JSON property text; also says whether it is the <c>&lt;&lt;</c> merge key.</summary>
    private (string Key, bool IsMerge) ReadKey()
    {
        var keyEvent = _parser.Current!;
        if (keyEvent is Scalar { Style: ScalarStyle.Plain, Value: MergeKey } s &&
            (s.Tag.IsEmpty || s.Tag.Value == "tag:yaml.org,2002:merge"))
        {
            _parser.MoveNext();
            return (MergeKey, true);
        }
        if (keyEvent is MappingStart or SequenceStart)
        {
            throw At(keyEvent, "invalid map key: a mapping or sequence cannot be a key");
        }
        var key = ReadNode(depth: 1);
        if (key is JsonObject or JsonArray)
        {
            throw At(keyEvent, "invalid map key: a mapping or sequence cannot be a key");
        }
        return (YamlScalarResolver.KeyText(key, (int)keyEvent.Start.Line, (int)keyEvent.Start.Column), false);
    }

    /// <summary>
    /// YAML merge keys (<c>&lt;&lt;: *defaults</c>): copies keys the mapping does not set itself;
    /// with a list of mappings, earlier ones win. Keys written out in the mapping always win.
    /// </summary>
    private static void Merge(JsonObject target, JsonNode? source, HashSet<string> explicitKeys, ParsingEvent at)
    {
        var sources = source switch
        {
            JsonObject single => [single],
            JsonArray many when many.All(n => n is JsonObject) => many.Cast<JsonObject>().ToList(),
            _ => throw At(at, "map merge requires map or sequence of maps as the value"),
        };
        var mergedHere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var map in sources)
        {
            foreach (var key in map.Select(p => p.Key).ToList())
            {
                if (explicitKeys.Contains(key) || !mergedHere.Add(key)) continue;
                // Copied, not moved: the source may be an anchored node that a later alias copies again.
                target[key] = map[key]?.DeepClone();
            }
        }
    }

    private JsonNode? ExpandAlias(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw At(alias, $"unknown anchor '{alias.Value.Value}' referenced");
        }
        // Check the cost before copying, so a bomb is refused before it takes memory or time.
        var values = _values + anchored.Size;
        var aliased = _aliasedValues + anchored.Size;
        if (IsExcessiveAliasing(values, aliased)) throw At(alias, "document contains excessive aliasing");
        if (values > _limits.MaxNodes) throw TooManyValues(alias);
        _values = values;
        _aliasedValues = aliased;
        return anchored.Node?.DeepClone();
    }

    /// <summary>
    /// go-yaml's rule (v2.4+/v3): once past 100 aliased values and 1000 values in all, aliases may make
    /// up at most 99% of a small document, falling to 10% of a document of 4 million values.
    /// </summary>
    internal static bool IsExcessiveAliasing(long values, long aliasedValues)
    {
        if (aliasedValues <= 100 || values <= 1000) return false;
        const double low = 400_000, high = 4_000_000;
        var allowed = values <= low ? 0.99
            : values >= high ? 0.10
            : 0.99 - (0.89 * ((values - low) / (high - low)));
        return (double)aliasedValues / values > allowed;
    }

    private void CountValue(ParsingEvent at)
    {
        if (++_values > _limits.MaxNodes) throw TooManyValues(at);
    }

    private void CheckDepth(ParsingEvent at, int depth)
    {
        if (depth > _limits.MaxDepth) throw At(at, $"exceeded max depth of {_limits.MaxDepth}");
    }

    private ManifestSyntaxException TooManyValues(ParsingEvent at) =>
        At(at, $"document has more than {_limits.MaxNodes} values");

    private static ManifestSyntaxException At(ParsingEvent at, string detail) =>
        new((int)at.Start.Line, (int)at.Start.Column, detail);
}
