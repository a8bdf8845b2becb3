using System.Text;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>Reads single fields of small fixed messages (envelope, well-known types), checking wire types as Go does.</summary>
internal static class WireFields
{
    public static long ReadVarintField(ReadOnlySpan<byte> data, int offset, int wanted, string what)
    {
        long value = 0;
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            if (number == wanted)
            {
                value = (long)ReadVarint(ref reader, type, what);
            }
            else
            {
                reader.Skip(number, type);
            }
        }
        return value;
    }

    /// <summary>The bytes of field 1 (the only field of RawExtension and FieldsV1), or empty.</summary>
    public static ReadOnlySpan<byte> ReadBytesField(ReadOnlySpan<byte> data, int offset, string what, out int rawOffset)
    {
        ReadOnlySpan<byte> raw = default;
        rawOffset = offset;
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            if (number == 1)
            {
                ExpectWireType(ref reader, type, WireType.LengthDelimited, what);
                raw = reader.ReadLengthDelimited(out rawOffset);
            }
            else
            {
                reader.Skip(number, type);
            }
        }
        return raw;
    }

    public static ulong ReadVarint(ref WireReader reader, WireType type, string what)
    {
        ExpectWireType(ref reader, type, WireType.Varint, what);
        return reader.ReadVarint();
    }

    public static string ReadString(ref WireReader reader, WireType type, string what)
    {
        ExpectWireType(ref reader, type, WireType.LengthDelimited, what);
        return Encoding.UTF8.GetString(reader.ReadLengthDelimited(out _));
    }

    public static void ExpectWireType(ref WireReader reader, WireType actual, WireType expected, string what)
    {
        if (actual != expected)
        {
            throw reader.Malformed($"{what} has wire type {(int)actual}, expected {(int)expected}");
        }
    }
}
