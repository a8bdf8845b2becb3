using System.Text;
using System.Text.Json.Nodes;
using ActorOrchestrator.NodeAgent.Runtime;
using ActorOrchestrator.NodeAgent.Streaming;
using ActorOrchestrator.NodeAgent.Streaming.Channels;

namespace ActorOrchestrator.NodeAgentTests.Streaming;

/// <summary>The channel protocol's messages, the resize stream and the exec status, byte for byte.</summary>
public sealed class ChannelProtocolTests
{
    [Fact]
    public void Messages_are_a_stream_byte_then_data()
    {
        Assert.Equal(new byte[] { 1, (byte)'h', (byte)'i' }, ChannelProtocol.Encode(ChannelProtocol.Stdout, "hi"u8));
        Assert.Equal(new byte[] { 3 }, ChannelProtocol.Encode(ChannelProtocol.Error, []));
        var stdin = ChannelProtocol.Decode(new byte[] { 0, 9, 8 }, supportsClose: true);
        Assert.Equal((ChannelMessageKind.Data, (byte)0), (stdin.Kind, stdin.Stream));
        Assert.Equal(new byte[] { 9, 8 }, stdin.Data.ToArray());
    }

    [Fact]
    public void Only_v5_has_the_close_signal()
    {
        var close = ChannelProtocol.EncodeClose(ChannelProtocol.Stdin);
        Assert.Equal(new byte[] { 255, 0 }, close);
        Assert.Equal((ChannelMessageKind.CloseStream, (byte)0), (ChannelProtocol.Decode(close, true).Kind, ChannelProtocol.Decode(close, true).Stream));
        Assert.Equal(ChannelMessageKind.Data, ChannelProtocol.Decode(close, supportsClose: false).Kind);
        Assert.Equal(ChannelMessageKind.Invalid, ChannelProtocol.Decode(new byte[] { 255, 0, 1 }, true).Kind);
        Assert.Equal(ChannelMessageKind.Empty, ChannelProtocol.Decode(Array.Empty<byte>(), true).Kind);
        Assert.True(ChannelProtocol.SupportsClose(ChannelProtocol.V5));
        Assert.False(ChannelProtocol.SupportsClose(ChannelProtocol.V4));
    }

    [Fact]
    public void The_clients_first_supported_protocol_wins()
    {
        Assert.Equal(ChannelProtocol.V5, ChannelProtocol.Negotiate(["v5.channel.k8s.io"]));
        Assert.Equal(ChannelProtocol.V4, ChannelProtocol.Negotiate(["base64.channel.k8s.io", "v4.channel.k8s.io", "v5.channel.k8s.io"]));
        Assert.Null(ChannelProtocol.Negotiate(["channel.k8s.io"]));
    }

    [Fact]
    public void Resize_objects_are_read_whole_however_they_are_cut()
    {
        var decoder = new TerminalSizeDecoder();
        Assert.Empty(decoder.Push("{\"Width\":80,"u8));
        Assert.Equal([new TerminalSize(80, 24), new TerminalSize(100, 50)], decoder.Push("\"Height\":24}\n{\"Width\":100,\"Height\":50}\n{\"wid"u8));
        Assert.Equal([new TerminalSize(120, 40)], decoder.Push("th\":120,\"height\":40}\n"u8));
        Assert.Empty(decoder.Push("not json"u8));
        Assert.Equal([new TerminalSize(1, 2)], decoder.Push("{\"Width\":1,\"Height\":2}"u8));
    }

    [Fact]
    public void Exit_statuses_are_what_kubectl_decodes()
    {
        string[] command = ["sh", "-c", "exit 3"];
        Assert.Equal("""{"metadata":{},"status":"Success"}""", Text(ExecStatus.Encode(new ExecOutcome(0), command, ChannelProtocol.V5)));
        Assert.Equal(
            """{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}""",
            Text(ExecStatus.Encode(new ExecOutcome(3), command, ChannelProtocol.V4)));
        var failure = JsonNode.Parse(ExecStatus.Encode(ExecOutcome.Failed("no such container"), command, ChannelProtocol.V5))!;
        Assert.Equal(("Failure", "InternalError", 500), (failure["status"]!.GetValue<string>(), failure["reason"]!.GetValue<string>(), failure["code"]!.GetValue<int>()));
        // Before v4 the error stream is plain text, and silent on success.
        Assert.Equal("", Text(ExecStatus.Encode(new ExecOutcome(0), command, "v3.channel.k8s.io")));
        Assert.Equal("error executing command [sh -c exit 3], exit code 3", Text(ExecStatus.Encode(new ExecOutcome(3), command, "v2.channel.k8s.io")));
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
