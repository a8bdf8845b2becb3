using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Manifests;

/// <summary>
/// Reads a JSON body, or several JSON values one after another (as <c>kubectl</c> accepts in files),
/// into nodes. Written on <see cref="Utf8JsonReader"/> rather than <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// so that duplicate keys are refused with their path and line, and numbers get Kubernetes' types
/// (integers as 64-bit integers, everything else as double).
/// </summary>
internal ref struct JsonManifestParser
{
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly ManifestLimits _limits;
    private readonly List<string> _path = [];
    private Utf8JsonReader _reader;
    private long _values;

    private JsonManifestParser(ReadOnlySpan<byte> utf8, ManifestLimits limits)
    {
        _utf8 = utf8;
        _limits = limits;
        _reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowMultipleValues = true,
            MaxDepth = limits.MaxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
        });
    }

    /// <summary>Every top-level value with the line it starts on.</summary>
    public static List<(JsonNode? Root, int Line)> Parse(ReadOnlySpan<byte> utf8, ManifestLimits limits)
    {
        var parser = new JsonManifestParser(utf8, limits);
        return parser.ReadAll();
    }

    private List<(JsonNode?, int)> ReadAll()
    {
        var documents = new List<(JsonNode?, int)>();
        try
        {
            while (_reader.Read())
            {
                var line = LineOf(_reader.TokenStartIndex).Line;
                _values = 0;
                documents.Add((ReadValue(), line));
            }
        }
        catch (JsonException e)
        {
            throw new ManifestSyntaxException((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, WithoutPosition(e.Message));
        }
        return documents;
    }

    /// <summary>Reads the value whose first token the reader is on.</summary>
    private JsonNode? ReadValue()
    {
        if (++_values > _limits.MaxNodes) throw At(_reader.TokenStartIndex, $"document has more than {_limits.MaxNodes} values");
        switch (_reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject();
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                var index = 0;
                while (Next() != JsonTokenType.EndArray)
                {
                    _path.Add($"[{index++}]");
                    array.Add(ReadValue());
                    _path.RemoveAt(_path.Count - 1);
                }
                return array;
            case JsonTokenType.String:
                return JsonValue.Create(_reader.GetString()!);
            case JsonTokenType.Number:
                return ReadNumber();
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            default:
                throw At(_reader.TokenStartIndex, $"unexpected token {_reader.TokenType}");
        }
    }

    private JsonObject ReadObject()
    {
        var result = new JsonObject();
        while (Next() != JsonTokenType.EndObject)
        {
            var key = _reader.GetString()!;
            var keyStart = _reader.TokenStartIndex;
            Next();
            _path.Add(_path.Count == 0 ? key : "." + key);
            if (result.ContainsKey(key)) throw At(keyStart, $"duplicate field \"{string.Concat(_path)}\"");
            result[key] = ReadValue();
            _path.RemoveAt(_path.Count - 1);
        }
        return result;
    }

    private readonly JsonValue ReadNumber()
    {
        if (_reader.TryGetInt64(out var integer)) return JsonValue.Create(integer);
        if (_reader.TryGetUInt64(out var unsigned)) return JsonValue.Create(unsigned);
        if (_reader.TryGetDouble(out var number) && double.IsFinite(number)) return JsonValue.Create(number);
        var text = Encoding.UTF8.GetString(_reader.ValueSpan);
        throw At(_reader.TokenStartIndex, $"number {text} is out of range");
    }

    private JsonTokenType Next()
    {
        if (!_reader.Read()) throw At(_reader.BytesConsumed, "unexpected end of JSON input");
        return _reader.TokenType;
    }

    private readonly ManifestSyntaxException At(long byteOffset, string detail)
    {
        var (line, column) = LineOf(byteOffset);
        return new ManifestSyntaxException(line, column, detail);
    }

    private readonly (int Line, int Column) LineOf(long byteOffset)
    {
        var before = _utf8[..(int)Math.Min(byteOffset, _utf8.Length)];
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, (int)(byteOffset - lastNewline));
    }

    /// <summary>System.Text.Json appends "LineNumber: n | BytePositionInLine: m."; the caller reports the place itself.</summary>
    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd();
    }
}
