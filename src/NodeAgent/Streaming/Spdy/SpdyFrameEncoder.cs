using System.Buffers.Binary;

namespace ActorOrchestrator.NodeAgent.Streaming.Spdy;

/// <summary>
/// Serializes frames for one direction of one connection. Not thread-safe: header compression is
/// stateful, so frames must be encoded in the order they are written (the connection's write lock).
/// Each frame becomes one buffer, so it is written with one call: peers that read a compressed
/// header block with a single read of the transport (spdystream over a WebSocket tunnel) need that.
/// </summary>
public sealed class SpdyFrameEncoder
{
    public const ushort Version = 3;

    /// <summary>SPDY lengths are 24 bits.</summary>
    public const int MaxPayload = (1 << 24) - 1;

    private readonly SpdyHeaderCompressor _compressor = new();

    public byte[] Encode(SpdyFrame frame) => frame switch
    {
        SpdyDataFrame data => EncodeData(data),
        SpdySynStreamFrame syn => Control(SpdyFrameType.SynStream, Flags(syn.Fin, syn.Unidirectional), WithHeaders(10, syn.Headers, p =>
        {
            BinaryPrimitives.WriteUInt32BigEndian(p, syn.StreamId & 0x7FFFFFFF);
            BinaryPrimitives.WriteUInt32BigEndian(p[4..], syn.AssociatedToStreamId & 0x7FFFFFFF);
            p[8] = (byte)((syn.Priority & 0x7) << 5);
            p[9] = 0; // credential slot, unused
        })),
        SpdySynReplyFrame reply => Control(SpdyFrameType.SynReply, Flags(reply.Fin, false), WithHeaders(4, reply.Headers, p =>
            BinaryPrimitives.WriteUInt32BigEndian(p, reply.StreamId & 0x7FFFFFFF))),
        SpdyHeadersFrame headers => Control(SpdyFrameType.Headers, Flags(headers.Fin, false), WithHeaders(4, headers.Headers, p =>
            BinaryPrimitives.WriteUInt32BigEndian(p, headers.StreamId & 0x7FFFFFFF))),
        SpdyRstStreamFrame rst => Control(SpdyFrameType.RstStream, 0, Words(rst.StreamId & 0x7FFFFFFF, (uint)rst.Status)),
        SpdyPingFrame ping => Control(SpdyFrameType.Ping, 0, Words(ping.Id)),
        SpdyGoAwayFrame goAway => Control(SpdyFrameType.GoAway, 0, Words(goAway.LastGoodStreamId & 0x7FFFFFFF, (uint)goAway.Status)),
        SpdyWindowUpdateFrame update => Control(SpdyFrameType.WindowUpdate, 0, Words(update.StreamId & 0x7FFFFFFF, update.Delta & 0x7FFFFFFF)),
        SpdySettingsFrame settings => Control(SpdyFrameType.Settings, (byte)(settings.ClearSettings ? 1 : 0), Words(
            [(uint)settings.Settings.Count, .. settings.Settings.SelectMany(s => new[] { (uint)s.Flags << 24 | (s.Id & 0xFFFFFF), s.Value })])),
        _ => throw new ArgumentException($"cannot encode {frame.GetType().Name}", nameof(frame)),
    };

    private static byte Flags(bool fin, bool unidirectional) => (byte)((fin ? 1 : 0) | (unidirectional ? 2 : 0));

    private static byte[] EncodeData(SpdyDataFrame data)
    {
        if (data.Data.Length > MaxPayload) throw new ArgumentException("data frame too large", nameof(data));
        var frame = new byte[8 + data.Data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, data.StreamId & 0x7FFFFFFF);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)(data.Fin ? 1 : 0) << 24 | (uint)data.Data.Length);
        data.Data.Span.CopyTo(frame.AsSpan(8));
        return frame;
    }

    private static byte[] Control(SpdyFrameType type, byte flags, byte[] payload)
    {
        if (payload.Length > MaxPayload) throw new ArgumentException("control frame too large");
        var frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, 0x8000 | Version);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)type);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)flags << 24 | (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(8));
        return frame;
    }

    private delegate void FixedPart(Span<byte> prefix);

    private byte[] WithHeaders(int prefixLength, SpdyHeaders headers, FixedPart writePrefix)
    {
        var block = _compressor.Compress(headers);
        var payload = new byte[prefixLength + block.Length];
        writePrefix(payload.AsSpan(0, prefixLength));
        block.CopyTo(payload.AsSpan(prefixLength));
        return payload;
    }

    private static byte[] Words(params uint[] words)
    {
        var payload = new byte[words.Length * 4];
        for (var i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(i * 4), words[i]);
        }
        return payload;
    }
}
