using System.Buffers.Binary;

namespace ActorOrchestrator.NodeAgent.Streaming.Spdy;

/// <summary>
/// Reads frames from one direction of one connection. Not thread-safe (one reader): every header
/// block is decompressed in arrival order, even of frames the caller ignores, to keep the shared
/// zlib stream in step.
/// </summary>
public sealed class SpdyFrameDecoder
{
    /// <summary>Control frames are small; a larger one is refused rather than buffered.</summary>
    public const int MaxControlPayload = 1 << 20;

    private readonly SpdyHeaderDecompressor _decompressor = new();
    private readonly byte[] _head = new byte[8];

    /// <summary>The next frame, or null when the transport ended cleanly between frames.</summary>
    public async ValueTask<SpdyFrame?> ReadAsync(Stream transport, CancellationToken cancellationToken)
    {
        var got = await transport.ReadAtLeastAsync(_head, _head.Length, throwOnEndOfStream: false, cancellationToken);
        if (got == 0) return null;
        if (got < _head.Length) throw new SpdyProtocolException("connection ended inside a frame header");
        var length = (int)(BinaryPrimitives.ReadUInt32BigEndian(_head.AsSpan(4)) & 0xFFFFFF);
        var isControl = (_head[0] & 0x80) != 0;
        if (isControl && length > MaxControlPayload) throw new SpdyProtocolException($"control frame of {length} bytes");
        var payload = length == 0 ? [] : new byte[length];
        try
        {
            await transport.ReadExactlyAsync(payload, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            throw new SpdyProtocolException("connection ended inside a frame");
        }
        return Decode(_head, payload);
    }

    /// <summary>Decodes one frame from its 8-byte header and its payload.</summary>
    public SpdyFrame Decode(ReadOnlySpan<byte> head, byte[] payload)
    {
        var first = BinaryPrimitives.ReadUInt32BigEndian(head);
        var flags = head[4];
        if ((first & 0x80000000) == 0)
        {
            var streamId = first & 0x7FFFFFFF;
            if (streamId == 0) throw new SpdyProtocolException("data frame for stream 0");
            return new SpdyDataFrame(streamId, (flags & 1) != 0, payload);
        }
        var version = (ushort)(first >> 16 & 0x7FFF);
        var type = (ushort)(first & 0xFFFF);
        if (version != SpdyFrameEncoder.Version) throw new SpdyProtocolException($"unsupported SPDY version {version}");
        var fin = (flags & 1) != 0;
        var p = payload.AsSpan();
        switch ((SpdyFrameType)type)
        {
            case SpdyFrameType.SynStream:
                Need(p, 10, "SYN_STREAM");
                return new SpdySynStreamFrame(Word(p, 0), Word(p, 4), (byte)(p[8] >> 5), fin, (flags & 2) != 0, _decompressor.Decompress(p[10..]));
            case SpdyFrameType.SynReply:
                Need(p, 4, "SYN_REPLY");
                return new SpdySynReplyFrame(Word(p, 0), fin, _decompressor.Decompress(p[4..]));
            case SpdyFrameType.Headers:
                Need(p, 4, "HEADERS");
                return new SpdyHeadersFrame(Word(p, 0), fin, _decompressor.Decompress(p[4..]));
            case SpdyFrameType.RstStream:
                Exactly(p, 8, "RST_STREAM");
                return new SpdyRstStreamFrame(Word(p, 0), (SpdyResetStatus)BinaryPrimitives.ReadUInt32BigEndian(p[4..]));
            case SpdyFrameType.Ping:
                Exactly(p, 4, "PING");
                return new SpdyPingFrame(BinaryPrimitives.ReadUInt32BigEndian(p));
            case SpdyFrameType.GoAway:
                Exactly(p, 8, "GOAWAY");
                return new SpdyGoAwayFrame(Word(p, 0), (SpdyGoAwayStatus)BinaryPrimitives.ReadUInt32BigEndian(p[4..]));
            case SpdyFrameType.WindowUpdate:
                Exactly(p, 8, "WINDOW_UPDATE");
                return new SpdyWindowUpdateFrame(Word(p, 0), Word(p, 4));
            case SpdyFrameType.Settings:
                return DecodeSettings(p, flags);
            default:
                return new SpdyUnknownFrame(version, type, flags, payload);
        }
    }

    private static SpdySettingsFrame DecodeSettings(ReadOnlySpan<byte> p, byte flags)
    {
        Need(p, 4, "SETTINGS");
        var count = BinaryPrimitives.ReadUInt32BigEndian(p);
        if (p.Length != 4 + (long)count * 8) throw new SpdyProtocolException("SETTINGS length does not match its entry count");
        var settings = new List<SpdySetting>((int)count);
        for (var i = 0; i < count; i++)
        {
            var flagsAndId = BinaryPrimitives.ReadUInt32BigEndian(p[(4 + i * 8)..]);
            settings.Add(new SpdySetting((byte)(flagsAndId >> 24), flagsAndId & 0xFFFFFF, BinaryPrimitives.ReadUInt32BigEndian(p[(8 + i * 8)..])));
        }
        return new SpdySettingsFrame(settings, (flags & 1) != 0);
    }

    private static uint Word(ReadOnlySpan<byte> p, int offset) => BinaryPrimitives.ReadUInt32BigEndian(p[offset..]) & 0x7FFFFFFF;

    private static void Need(ReadOnlySpan<byte> p, int length, string what)
    {
        if (p.Length < length) throw new SpdyProtocolException($"{what} frame too short ({p.Length} bytes)");
    }

    private static void Exactly(ReadOnlySpan<byte> p, int length, string what)
    {
        if (p.Length != length) throw new SpdyProtocolException($"{what} frame must be {length} bytes, was {p.Length}");
    }
}
