namespace ActorOrchestrator.NodeAgent.Streaming.Spdy;

/// <summary>SPDY/3 control frame types (draft-mbelshe-httpbis-spdy-00 §2.6); type 5 (NOOP) was removed in v3.</summary>
public enum SpdyFrameType : ushort
{
    SynStream = 1,
    SynReply = 2,
    RstStream = 3,
    Settings = 4,
    Ping = 6,
    GoAway = 7,
    Headers = 8,
    WindowUpdate = 9,
}

/// <summary>RST_STREAM status codes.</summary>
public enum SpdyResetStatus : uint
{
    ProtocolError = 1,
    InvalidStream = 2,
    RefusedStream = 3,
    UnsupportedVersion = 4,
    Cancel = 5,
    InternalError = 6,
    FlowControlError = 7,
    StreamInUse = 8,
    StreamAlreadyClosed = 9,
    FrameTooLarge = 11,
}

/// <summary>GOAWAY status codes.</summary>
public enum SpdyGoAwayStatus : uint
{
    Ok = 0,
    ProtocolError = 1,
    InternalError = 2,
}

/// <summary>One decoded SPDY/3.1 frame. Header blocks are already decompressed.</summary>
public abstract record SpdyFrame;

/// <summary>Payload for a stream; <paramref name="Fin"/> half-closes the sender's side.</summary>
public sealed record SpdyDataFrame(uint StreamId, bool Fin, ReadOnlyMemory<byte> Data) : SpdyFrame;

/// <summary>Opens a stream. Client-initiated ids are odd, server-initiated even, both strictly increasing.</summary>
public sealed record SpdySynStreamFrame(uint StreamId, uint AssociatedToStreamId, byte Priority, bool Fin, bool Unidirectional, SpdyHeaders Headers) : SpdyFrame;

public sealed record SpdySynReplyFrame(uint StreamId, bool Fin, SpdyHeaders Headers) : SpdyFrame;

public sealed record SpdyRstStreamFrame(uint StreamId, SpdyResetStatus Status) : SpdyFrame;

/// <summary>SETTINGS; id 7 is INITIAL_WINDOW_SIZE, the only one this implementation acts on.</summary>
public sealed record SpdySettingsFrame(IReadOnlyList<SpdySetting> Settings, bool ClearSettings = false) : SpdyFrame
{
    public const uint InitialWindowSizeId = 7;
}

public sealed record SpdySetting(byte Flags, uint Id, uint Value);

/// <summary>A ping; the receiver echoes pings whose id parity is the peer's (client odd, server even).</summary>
public sealed record SpdyPingFrame(uint Id) : SpdyFrame;

public sealed record SpdyGoAwayFrame(uint LastGoodStreamId, SpdyGoAwayStatus Status) : SpdyFrame;

public sealed record SpdyHeadersFrame(uint StreamId, bool Fin, SpdyHeaders Headers) : SpdyFrame;

/// <summary>Grants <paramref name="Delta"/> more bytes of send window; stream id 0 is the session window (SPDY/3.1).</summary>
public sealed record SpdyWindowUpdateFrame(uint StreamId, uint Delta) : SpdyFrame;

/// <summary>A control frame of a type this implementation does not know; SPDY says to ignore it.</summary>
public sealed record SpdyUnknownFrame(ushort Version, ushort Type, byte Flags, ReadOnlyMemory<byte> Payload) : SpdyFrame;
