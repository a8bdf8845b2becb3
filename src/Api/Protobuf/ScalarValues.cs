using System.Text;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>Scalar fields as JSON values: read from the wire, Go's zero value, and Go's omitempty test.</summary>
internal static class ScalarValues
{
    public static JsonNode? Read(ref WireReader reader, ValueKind kind)
    {
        switch (kind)
        {
            case ValueKind.String:
                return JsonValue.Create(Encoding.UTF8.GetString(reader.ReadLengthDelimited(out _)));
            case ValueKind.Bytes:
                return JsonValue.Create(Convert.ToBase64String(reader.ReadLengthDelimited(out _)));
            case ValueKind.Bool:
                return JsonValue.Create(reader.ReadVarint() != 0);
            case ValueKind.Int32:
                // Go's generated code accumulates into an int32, which keeps the low 32 bits.
                return JsonValue.Create(unchecked((int)reader.ReadVarint()));
            case ValueKind.Int64:
                return JsonValue.Create(unchecked((long)reader.ReadVarint()));
            case ValueKind.Float64:
                var start = reader.Offset;
                var number = BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
                // encoding/json refuses NaN and infinities, so the Go server would too.
                return double.IsFinite(number) ? JsonValue.Create(number) : throw WireReader.Malformed(start, $"{number} has no JSON form");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a scalar");
        }
    }

    public static JsonNode? Zero(ValueKind kind) => kind switch
    {
        ValueKind.String => JsonValue.Create(""),
        ValueKind.Bool => JsonValue.Create(false),
        ValueKind.Int32 => JsonValue.Create(0),
        ValueKind.Int64 => JsonValue.Create(0L),
        ValueKind.Float64 => JsonValue.Create(0.0),
        _ => null, // a nil []byte
    };

    public static bool IsZero(JsonNode node)
    {
        var value = node.AsValue();
        return value.TryGetValue<string>(out var text) ? text.Length == 0
            : value.TryGetValue<bool>(out var flag) ? !flag
            : value.TryGetValue<int>(out var small) ? small == 0
            : value.TryGetValue<long>(out var large) ? large == 0
            : value.TryGetValue<double>(out var real) && real == 0;
    }
}
