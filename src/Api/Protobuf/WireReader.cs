using System.Buffers.Binary;
using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// Reads the protobuf wire format from a span. <see cref="Offset"/> counts from the start of the
/// request body (nested messages carry their base offset along), so an error names the byte a
/// client can look at in its own dump.
/// </summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data, int baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
    }

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Where the next byte is, counted from the start of the request body.</summary>
    public readonly int Offset => _baseOffset + _position;

    public (int Number, WireType Type) ReadTag()
    {
        var start = Offset;
        var tag = ReadVarint();
        var number = tag >> 3;
        var type = (WireType)(tag & 7);
        // Go's generated code refuses field number 0 and numbers past int32, like every proto runtime.
        if (number == 0 || number > int.MaxValue)
        {
            throw Malformed(start, $"illegal field number {number}");
        }
        if (type > WireType.Fixed32)
        {
            throw Malformed(start, $"illegal wire type {(int)type}");
        }
        return ((int)number, type);
    }

    public ulong ReadVarint()
    {
        var start = Offset;
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (AtEnd)
            {
                throw Malformed(start, "unexpected end of data in a varint");
            }
            var b = _data[_position++];
            // The tenth byte may only carry the 64th bit; more would overflow, as Go reports.
            if (shift == 63 && b > 1)
            {
                throw Malformed(start, "varint overflows 64 bits");
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw Malformed(start, "varint overflows 64 bits");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "fixed64"));

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "fixed32"));

    /// <summary>Reads a length-prefixed payload; <paramref name="offset"/> is where it starts in the body.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited(out int offset)
    {
        var start = Offset;
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Malformed(start, $"length {length} runs past the end of the data");
        }
        offset = Offset;
        return Take((int)length, "length-delimited value");
    }

    /// <summary>Skips a field this decoder does not know, as proto readers must.</summary>
    public void Skip(int number, WireType type)
    {
        switch (type)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: Take(8, "fixed64"); break;
            case WireType.Fixed32: Take(4, "fixed32"); break;
            case WireType.LengthDelimited: ReadLengthDelimited(out _); break;
            case WireType.StartGroup: SkipGroup(number); break;
            default: throw Malformed(Offset, $"end-group tag for field {number} without a group");
        }
    }

    public readonly ApiException Malformed(string what) => Malformed(Offset, what);

    public static ApiException Malformed(int offset, string what) =>
        ApiException.BadRequest($"the protobuf body is malformed at byte {offset}: {what}");

    private void SkipGroup(int number)
    {
        // Groups are proto2 legacy that Kubernetes never writes, but a reader must still step over them.
        while (true)
        {
            if (AtEnd)
            {
                throw Malformed(Offset, $"group {number} is not closed");
            }
            var (inner, type) = ReadTag();
            if (type == WireType.EndGroup)
            {
                if (inner != number)
                {
                    throw Malformed(Offset, $"group {number} closed by end-group {inner}");
                }
                return;
            }
            Skip(inner, type);
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (_data.Length - _position < count)
        {
            throw Malformed(Offset, $"unexpected end of data in a {what}");
        }
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
