using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// The JSON of messages whose Go type marshals itself (see <see cref="WellKnownType"/>), read from
/// their protobuf form the way apimachinery's hand-written Unmarshal methods read it.
/// </summary>
internal static class WellKnownTypes
{
    public static readonly IReadOnlyDictionary<string, WellKnownType> ByName = new Dictionary<string, WellKnownType>
    {
        ["meta.Time"] = WellKnownType.Time,
        ["meta.MicroTime"] = WellKnownType.MicroTime,
        ["meta.Duration"] = WellKnownType.Duration,
        ["meta.FieldsV1"] = WellKnownType.FieldsV1,
        ["resource.Quantity"] = WellKnownType.Quantity,
        ["intstr.IntOrString"] = WellKnownType.IntOrString,
        ["runtime.RawExtension"] = WellKnownType.RawExtension,
    };

    public static JsonNode? Convert(WellKnownType type, ReadOnlySpan<byte> data, int offset) => type switch
    {
        WellKnownType.Time => ProtoTimestamps.Time(data, offset),
        WellKnownType.MicroTime => ProtoTimestamps.MicroTime(data, offset),
        WellKnownType.Duration => JsonValue.Create(GoDuration.Format(WireFields.ReadVarintField(data, offset, 1, "Duration.duration"))),
        WellKnownType.Quantity => Quantity(data, offset),
        WellKnownType.IntOrString => IntOrString(data, offset),
        WellKnownType.RawExtension => RawExtension(data, offset),
        WellKnownType.FieldsV1 => FieldsV1(data, offset),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static JsonNode Quantity(ReadOnlySpan<byte> data, int offset)
    {
        // Passed through as sent: kubectl writes the canonical form, and the JSON path does not
        // canonicalize either, so both paths store the same text.
        var text = "0";
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            if (number == 1)
            {
                text = WireFields.ReadString(ref reader, type, "Quantity.string");
            }
            else
            {
                reader.Skip(number, type);
            }
        }
        return JsonValue.Create(text);
    }

    private static JsonNode IntOrString(ReadOnlySpan<byte> data, int offset)
    {
        long kind = 0;
        var intValue = 0;
        var stringValue = "";
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            switch (number)
            {
                case 1: kind = (long)WireFields.ReadVarint(ref reader, type, "IntOrString.type"); break;
                case 2: intValue = (int)WireFields.ReadVarint(ref reader, type, "IntOrString.intVal"); break;
                case 3: stringValue = WireFields.ReadString(ref reader, type, "IntOrString.strVal"); break;
                default: reader.Skip(number, type); break;
            }
        }
        return kind switch
        {
            0 => JsonValue.Create(intValue),
            1 => JsonValue.Create(stringValue),
            _ => throw WireReader.Malformed(offset, $"IntOrString has type {kind}; only 0 (int) and 1 (string) exist"),
        };
    }

    private static JsonNode? RawExtension(ReadOnlySpan<byte> data, int offset)
    {
        var raw = WireFields.ReadBytesField(data, offset, "RawExtension.raw", out var rawOffset);
        if (raw.IsEmpty)
        {
            return null;
        }
        // An object embedded by a protobuf client is itself a k8s\0 envelope; by a JSON client, JSON.
        return KubernetesProtobuf.HasMagic(raw)
            ? KubernetesProtobuf.Decode(raw, rawOffset)
            : ParseJson(raw, rawOffset, "RawExtension");
    }

    private static JsonNode? FieldsV1(ReadOnlySpan<byte> data, int offset)
    {
        var raw = WireFields.ReadBytesField(data, offset, "FieldsV1.Raw", out var rawOffset);
        return raw.IsEmpty ? null : ParseJson(raw, rawOffset, "FieldsV1");
    }

    private static JsonNode? ParseJson(ReadOnlySpan<byte> raw, int offset, string what)
    {
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException e)
        {
            throw WireReader.Malformed(offset, $"{what} does not hold JSON: {e.Message}");
        }
    }
}
