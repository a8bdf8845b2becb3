using System.Text;

namespace ActorOrchestrator.UnitTests.Api.Protobuf;

/// <summary>Hand-encodes protobuf for tests: each call appends one field, in the order given.</summary>
internal sealed class ProtoWriter
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public ProtoWriter Varint(int field, ulong value) => Tag(field, 0).RawVarint(value);

    public ProtoWriter Varint(int field, long value) => Varint(field, unchecked((ulong)value));

    public ProtoWriter Fixed64(int field, ulong value) => Tag(field, 1).Raw(BitConverter.GetBytes(value));

    public ProtoWriter Fixed32(int field, uint value) => Tag(field, 5).Raw(BitConverter.GetBytes(value));

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value) => Tag(field, 2).RawVarint((ulong)value.Length).Raw(value);

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>A map entry: key = 1, value = 2.</summary>
    public ProtoWriter Entry(int field, string key, string value) => Message(field, new ProtoWriter().String(1, key).String(2, value));

    public ProtoWriter Tag(int field, int wireType) => RawVarint(((ulong)field << 3) | (uint)wireType);

    public ProtoWriter RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        _bytes.Add((byte)value);
        return this;
    }

    public ProtoWriter Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>A whole request body: <c>k8s\0</c>, then runtime.Unknown {typeMeta, raw}.</summary>
    public static byte[] Body(string apiVersion, string kind, ProtoWriter obj) =>
        [.. "k8s\0"u8, .. Unknown(apiVersion, kind, obj).ToArray()];

    public static ProtoWriter Unknown(string apiVersion, string kind, ProtoWriter obj) => new ProtoWriter()
        .Message(1, new ProtoWriter().String(1, apiVersion).String(2, kind))
        .Message(2, obj);
}
