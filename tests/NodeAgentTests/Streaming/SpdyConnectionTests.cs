using System.Text;
using ActorOrchestrator.NodeAgent.Streaming.Spdy;

namespace ActorOrchestrator.NodeAgentTests.Streaming;

/// <summary>The server side of a SPDY connection driven by a scripted client over an in-memory duplex.</summary>
public sealed class SpdyConnectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Stream _client;
    private readonly SpdyConnection _server;
    private readonly SpdyFrameEncoder _clientEncoder = new();
    private readonly SpdyFrameDecoder _clientDecoder = new();
    private readonly List<SpdyStream> _accepted = [];
    private Task _running = Task.CompletedTask;

    public SpdyConnectionTests()
    {
        (_client, var server) = DuplexPipe.Create();
        _server = new SpdyConnection(server);
    }

    public Task InitializeAsync()
    {
        _running = _server.RunAsync(stream =>
        {
            lock (_accepted) _accepted.Add(stream);
            return stream.Headers["streamType"] != "refused";
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _running.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Streams_are_replied_to_and_carry_data_both_ways_until_both_sides_finish()
    {
        await SendAsync(new SpdySynStreamFrame(1, 0, 0, false, false, SpdyHeaders.Of(("streamType", "data"))));
        var reply = Assert.IsType<SpdySynReplyFrame>(await ReceiveAsync());
        Assert.Equal((1u, 0), (reply.StreamId, reply.Headers.Count));
        var stream = Single();

        await SendAsync(new SpdyDataFrame(1, true, "ping"u8.ToArray()));
        var input = new MemoryStream();
        await stream.Input.CopyToAsync(input).WaitAsync(Timeout);
        Assert.Equal("ping", Encoding.ASCII.GetString(input.ToArray()));

        await stream.WriteAsync("pong"u8.ToArray());
        await stream.CloseAsync();
        Assert.Equal("pong", Encoding.ASCII.GetString(Assert.IsType<SpdyDataFrame>(await ReceiveAsync()).Data.Span));
        Assert.True(Assert.IsType<SpdyDataFrame>(await ReceiveAsync()).Fin);
        Assert.Equal(0, _server.OpenStreams);
    }

    [Fact]
    public async Task Large_writes_are_cut_into_frames()
    {
        await SendAsync(new SpdySynStreamFrame(1, 0, 0, false, false, SpdyHeaders.Of(("streamType", "data"))));
        await ReceiveAsync();
        var payload = new byte[SpdyStream.MaxDataFrame * 2 + 10];
        Random.Shared.NextBytes(payload);
        var writing = Single().WriteAsync(payload);
        var received = new MemoryStream();
        while (received.Length < payload.Length)
        {
            var data = Assert.IsType<SpdyDataFrame>(await ReceiveAsync());
            Assert.True(data.Data.Length <= SpdyStream.MaxDataFrame);
            received.Write(data.Data.Span);
        }
        await writing.WaitAsync(Timeout);
        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public async Task Pings_from_the_client_are_echoed_and_refused_streams_reset()
    {
        await SendAsync(new SpdyPingFrame(5));
        Assert.Equal(5u, Assert.IsType<SpdyPingFrame>(await ReceiveAsync()).Id);

        await SendAsync(new SpdySynStreamFrame(1, 0, 0, false, false, SpdyHeaders.Of(("streamType", "refused"))));
        var reset = Assert.IsType<SpdyRstStreamFrame>(await ReceiveAsync());
        Assert.Equal((1u, SpdyResetStatus.RefusedStream), (reset.StreamId, reset.Status));

        // Stream ids must increase and be odd for a client.
        await SendAsync(new SpdySynStreamFrame(1, 0, 0, false, false, SpdyHeaders.Empty));
        Assert.Equal(SpdyResetStatus.ProtocolError, Assert.IsType<SpdyRstStreamFrame>(await ReceiveAsync()).Status);
    }

    [Fact]
    public async Task A_reset_from_the_client_aborts_the_stream()
    {
        await SendAsync(new SpdySynStreamFrame(1, 0, 0, false, false, SpdyHeaders.Of(("streamType", "data"))));
        await ReceiveAsync();
        var stream = Single();
        await SendAsync(new SpdyRstStreamFrame(1, SpdyResetStatus.Cancel));
        await Task.Delay(Timeout, stream.Aborted).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.True(stream.IsAborted);
        await Assert.ThrowsAnyAsync<Exception>(() => stream.WriteAsync("late"u8.ToArray()));
    }

    [Fact]
    public async Task Flow_control_is_enforced_once_the_client_announces_a_window()
    {
        await SendAsync(new SpdySettingsFrame([new SpdySetting(0, SpdySettingsFrame.InitialWindowSizeId, 10)]));
        await SendAsync(new SpdySynStreamFrame(1, 0, 0, false, false, SpdyHeaders.Of(("streamType", "data"))));
        await ReceiveAsync();
        Assert.True(_server.FlowControlActive);

        var writing = Single().WriteAsync(new byte[25]);
        Assert.Equal(10, Assert.IsType<SpdyDataFrame>(await ReceiveAsync()).Data.Length);
        await Task.Delay(100);
        Assert.False(writing.IsCompleted);

        await SendAsync(new SpdyWindowUpdateFrame(1, 100));
        Assert.Equal(15, Assert.IsType<SpdyDataFrame>(await ReceiveAsync()).Data.Length);
        await writing.WaitAsync(Timeout);
    }

    [Fact]
    public async Task The_end_of_the_connection_aborts_every_stream()
    {
        await SendAsync(new SpdySynStreamFrame(1, 0, 0, false, false, SpdyHeaders.Of(("streamType", "data"))));
        await ReceiveAsync();
        await _client.DisposeAsync();
        await _running.WaitAsync(Timeout);
        Assert.True(Single().IsAborted);
        Assert.True(_server.Closed.IsCancellationRequested);
    }

    private SpdyStream Single()
    {
        lock (_accepted) return Assert.Single(_accepted);
    }

    private async Task SendAsync(SpdyFrame frame)
    {
        await _client.WriteAsync(_clientEncoder.Encode(frame));
        await _client.FlushAsync();
    }

    private async Task<SpdyFrame> ReceiveAsync()
    {
        using var deadline = new CancellationTokenSource(Timeout);
        return await _clientDecoder.ReadAsync(_client, deadline.Token) ?? throw new EndOfStreamException("the server closed the connection");
    }
}
