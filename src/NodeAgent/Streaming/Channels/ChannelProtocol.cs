namespace ActorOrchestrator.NodeAgent.Streaming.Channels;

/// <summary>
/// The Kubernetes channel protocol over WebSocket (exec, attach): every binary message starts with a
/// stream byte. v5 adds the close signal <c>[255, stream]</c>, which half-closes that stream (kubectl
/// sends it when its stdin ends); v4 has no such signal, so stdin ends only with the connection.
/// </summary>
public static class ChannelProtocol
{
    public const string V5 = "v5.channel.k8s.io";
    public const string V4 = "v4.channel.k8s.io";

    /// <summary>Subprotocols this agent accepts, best first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V5, V4];

    public const byte Stdin = 0;
    public const byte Stdout = 1;
    public const byte Stderr = 2;
    public const byte Error = 3;
    public const byte Resize = 4;
    public const byte Close = 255;

    /// <summary>The client's first offered subprotocol this agent supports, or null.</summary>
    public static string? Negotiate(IEnumerable<string> offered) => offered.FirstOrDefault(p => Supported.Contains(p));

    public static bool SupportsClose(string protocol) => protocol == V5;

    /// <summary>One message: the stream byte, then the data.</summary>
    public static byte[] Encode(byte stream, ReadOnlySpan<byte> data)
    {
        var message = new byte[data.Length + 1];
        message[0] = stream;
        data.CopyTo(message.AsSpan(1));
        return message;
    }

    public static byte[] EncodeClose(byte stream) => [Close, stream];

    /// <summary>Reads one message from the client.</summary>
    public static ChannelMessage Decode(ReadOnlyMemory<byte> message, bool supportsClose)
    {
        if (message.Length == 0) return new ChannelMessage(ChannelMessageKind.Empty, 0, ReadOnlyMemory<byte>.Empty);
        var stream = message.Span[0];
        if (supportsClose && stream == Close)
        {
            return message.Length == 2
                ? new ChannelMessage(ChannelMessageKind.CloseStream, message.Span[1], ReadOnlyMemory<byte>.Empty)
                : new ChannelMessage(ChannelMessageKind.Invalid, stream, ReadOnlyMemory<byte>.Empty);
        }
        return new ChannelMessage(ChannelMessageKind.Data, stream, message[1..]);
    }
}

public enum ChannelMessageKind
{
    Data,
    CloseStream,
    Empty,
    Invalid,
}

/// <summary>A decoded client message: data for <paramref name="Stream"/>, or the half-close of it.</summary>
public readonly record struct ChannelMessage(ChannelMessageKind Kind, byte Stream, ReadOnlyMemory<byte> Data);
