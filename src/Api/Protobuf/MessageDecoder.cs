using System.Text;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// Turns a protobuf message into the JSON Go's <c>encoding/json</c> would print for the same Go
/// struct after gogo-protobuf unmarshalled it: absent pointers and <c>omitempty</c> zeros are left
/// out, absent plain values are written as their zero, absent slices and maps without
/// <c>omitempty</c> as <c>null</c>.
/// </summary>
internal static class MessageDecoder
{
    /// <summary>Far deeper than any Kubernetes type nests; stops a crafted body from exhausting the stack.</summary>
    private const int MaxDepth = 64;

    public static JsonObject Decode(MessageSchema schema, ReadOnlySpan<byte> data, int offset, int depth = 0)
    {
        var result = new JsonObject();
        DecodeInto(result, schema, data, offset, depth);
        return result;
    }

    public static void DecodeInto(JsonObject result, MessageSchema schema, ReadOnlySpan<byte> data, int offset, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw WireReader.Malformed(offset, $"messages nest deeper than {MaxDepth} levels");
        }
        var states = new FieldState[schema.Fields.Count];
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            var index = schema.IndexOf(number);
            if (index < 0)
            {
                reader.Skip(number, wireType);
                continue;
            }
            Read(ref reader, wireType, schema.Fields[index], ref states[index], offset, depth);
        }
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            Emit(result, schema.Fields[i], ref states[i], data, offset, depth);
        }
    }

    private static void Read(ref WireReader reader, WireType wireType, FieldSchema field, ref FieldState state, int offset, int depth)
    {
        state.Seen = true;
        switch (field.Shape)
        {
            case FieldShape.Repeated when wireType == WireType.LengthDelimited && field.Type.IsPackable:
                // Packed scalars: Go writes them unpacked, but a proto reader must accept both.
                state.Items ??= [];
                var packed = reader.ReadLengthDelimited(out var packedOffset);
                var inner = new WireReader(packed, packedOffset);
                while (!inner.AtEnd)
                {
                    state.Items.Add(ScalarValues.Read(ref inner, field.Type.Kind));
                }
                break;
            case FieldShape.Repeated:
                ExpectWireType(ref reader, wireType, field);
                state.Items ??= [];
                state.Items.Add(ReadValue(ref reader, field.Type, depth));
                break;
            case FieldShape.Map:
                ExpectWireType(ref reader, wireType, field);
                state.Entries ??= [];
                var entry = reader.ReadLengthDelimited(out var entryOffset);
                var (key, value) = ReadMapEntry(entry, entryOffset, field, depth);
                state.Entries[key] = value;
                break;
            case FieldShape.Value or FieldShape.Pointer when field.Type.IsMessage:
                ExpectWireType(ref reader, wireType, field);
                reader.ReadLengthDelimited(out var partOffset);
                var partEnd = reader.Offset;
                (state.Parts ??= []).Add((partOffset - offset, partEnd - partOffset));
                break;
            default:
                ExpectWireType(ref reader, wireType, field);
                state.Value = ScalarValues.Read(ref reader, field.Type.Kind);
                break;
        }
    }

    private static void Emit(JsonObject result, FieldSchema field, ref FieldState state, ReadOnlySpan<byte> data, int offset, int depth)
    {
        JsonNode? node;
        if (!state.Seen)
        {
            if (field.Shape != FieldShape.Value)
            {
                // A nil pointer, slice or map: omitted under omitempty, else JSON null.
                if (field.OmitEmpty)
                {
                    return;
                }
                node = null;
            }
            else
            {
                node = field.Type.IsMessage ? DecodeValue(field.Type, [], offset, depth + 1) : ScalarValues.Zero(field.Type.Kind);
            }
        }
        else
        {
            node = field.Shape switch
            {
                FieldShape.Repeated => state.Items,
                FieldShape.Map => state.Entries,
                _ when field.Type.IsMessage => DecodeParts(field.Type, state.Parts!, data, offset, depth),
                _ => state.Value,
            };
        }
        if (field.OmitEmpty && IsEmpty(field, node))
        {
            return;
        }
        if (field.Inline)
        {
            // Go's ",inline" embeds the struct's fields in the parent object.
            if (node is JsonObject embedded)
            {
                foreach (var (name, value) in embedded.ToList())
                {
                    embedded.Remove(name);
                    result[name] = value;
                }
            }
            return;
        }
        result[field.JsonName] = node;
    }

    /// <summary>Go's omitempty test: false, 0, "", and empty slices and maps; never a struct, never a set pointer.</summary>
    private static bool IsEmpty(FieldSchema field, JsonNode? node) => field.Shape switch
    {
        FieldShape.Repeated => node is null or JsonArray { Count: 0 },
        FieldShape.Map => node is null or JsonObject { Count: 0 },
        FieldShape.Pointer => false,
        _ when field.Type.IsMessage => false,
        _ => node is null || ScalarValues.IsZero(node),
    };

    private static JsonNode? DecodeParts(TypeRef type, List<(int Start, int Length)> parts, ReadOnlySpan<byte> data, int offset, int depth)
    {
        if (parts.Count == 1)
        {
            var (start, length) = parts[0];
            return DecodeValue(type, data.Slice(start, length), offset + start, depth + 1);
        }
        // Concatenated occurrences are the protobuf merge of them. Offsets in errors then count
        // from the first occurrence, which is close enough for a case no Go client produces.
        var merged = new List<byte>();
        foreach (var (start, length) in parts)
        {
            merged.AddRange(data.Slice(start, length));
        }
        return DecodeValue(type, merged.ToArray(), offset + parts[0].Start, depth + 1);
    }

    private static (string Key, JsonNode? Value) ReadMapEntry(ReadOnlySpan<byte> entry, int offset, FieldSchema field, int depth)
    {
        var key = "";
        JsonNode? value = null;
        var hasValue = false;
        var reader = new WireReader(entry, offset);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            switch (number)
            {
                case 1:
                    WireFields.ExpectWireType(ref reader, wireType, WireType.LengthDelimited, $"{field.JsonName} key");
                    key = Encoding.UTF8.GetString(reader.ReadLengthDelimited(out _));
                    break;
                case 2:
                    ExpectWireType(ref reader, wireType, field);
                    value = ReadValue(ref reader, field.Type, depth);
                    hasValue = true;
                    break;
                default:
                    reader.Skip(number, wireType);
                    break;
            }
        }
        if (!hasValue)
        {
            // Go's generated code starts each entry from a zero value; bytes from []byte{}, so "".
            value = field.Type.IsMessage ? DecodeValue(field.Type, [], offset, depth + 1)
                : field.Type.Kind == ValueKind.Bytes ? JsonValue.Create("")
                : ScalarValues.Zero(field.Type.Kind);
        }
        return (key, value);
    }

    private static JsonNode? ReadValue(ref WireReader reader, TypeRef type, int depth)
    {
        if (!type.IsMessage)
        {
            return ScalarValues.Read(ref reader, type.Kind);
        }
        var payload = reader.ReadLengthDelimited(out var payloadOffset);
        return DecodeValue(type, payload, payloadOffset, depth + 1);
    }

    private static JsonNode? DecodeValue(TypeRef type, ReadOnlySpan<byte> data, int offset, int depth) =>
        type.Kind == ValueKind.WellKnown
            ? WellKnownTypes.Convert(type.WellKnown!.Value, data, offset)
            : Decode(type.Message!, data, offset, depth);

    private static void ExpectWireType(ref WireReader reader, WireType actual, FieldSchema field)
    {
        if (actual != field.ExpectedWireType)
        {
            throw reader.Malformed($"field {field.Number} ({field.JsonName}) has wire type {(int)actual}, expected {(int)field.ExpectedWireType}");
        }
    }
}
