using System.Text;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// The <c>runtime.Unknown</c> message after the <c>k8s\0</c> magic: typeMeta = 1 {apiVersion = 1,
/// kind = 2}, raw = 2 (the object's own message), contentEncoding = 3, contentType = 4.
/// </summary>
internal ref struct ProtobufEnvelope
{
    public string ApiVersion;
    public string Kind;
    public string ContentEncoding;
    public string ContentType;
    public ReadOnlySpan<byte> Raw;
    public int RawOffset;

    public static ProtobufEnvelope Read(ReadOnlySpan<byte> data, int offset)
    {
        var envelope = new ProtobufEnvelope { ApiVersion = "", Kind = "", ContentEncoding = "", ContentType = "", RawOffset = offset };
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            switch (number)
            {
                case 1: ReadTypeMeta(Bytes(ref reader, type, "Unknown.typeMeta", out var at), at, ref envelope); break;
                case 2: envelope.Raw = Bytes(ref reader, type, "Unknown.raw", out envelope.RawOffset); break;
                case 3: envelope.ContentEncoding = Text(ref reader, type, "Unknown.contentEncoding"); break;
                case 4: envelope.ContentType = Text(ref reader, type, "Unknown.contentType"); break;
                default: reader.Skip(number, type); break;
            }
        }
        return envelope;
    }

    private static void ReadTypeMeta(scoped ReadOnlySpan<byte> data, int offset, ref ProtobufEnvelope envelope)
    {
        var reader = new WireReader(data, offset);
        while (!reader.AtEnd)
        {
            var (number, type) = reader.ReadTag();
            switch (number)
            {
                case 1: envelope.ApiVersion = Text(ref reader, type, "TypeMeta.apiVersion"); break;
                case 2: envelope.Kind = Text(ref reader, type, "TypeMeta.kind"); break;
                default: reader.Skip(number, type); break;
            }
        }
    }

    private static ReadOnlySpan<byte> Bytes(scoped ref WireReader reader, WireType type, string what, out int offset)
    {
        WireFields.ExpectWireType(ref reader, type, WireType.LengthDelimited, what);
        return reader.ReadLengthDelimited(out offset);
    }

    private static string Text(ref WireReader reader, WireType type, string what) =>
        Encoding.UTF8.GetString(Bytes(ref reader, type, what, out _));
}
