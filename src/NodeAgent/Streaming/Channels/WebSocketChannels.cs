using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Threading.Channels;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgent.Streaming.Channels;

/// <summary>
/// The server end of one channel-protocol WebSocket: demultiplexes the client's messages (stdin,
/// resize, close signals) and multiplexes output (stdout, stderr, the error/status stream) into
/// messages. Sends are serialized; the reader runs until the client closes or goes away.
/// </summary>
internal sealed class WebSocketChannels
{
    /// <summary>kubectl sends stdin in 32 KiB writes; a message far beyond that is not a client of ours.</summary>
    private const int MaxMessage = 1 << 20;

    /// <summary>Output is cut into messages of at most this size.</summary>
    private const int MaxOutputMessage = 32 * 1024;

    private readonly WebSocket _socket;
    private readonly bool _supportsClose;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Pipe _stdin = new(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
    private readonly Channel<TerminalSize> _sizes = Channel.CreateBounded<TerminalSize>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly TerminalSizeDecoder _sizeDecoder = new();
    private readonly CancellationTokenSource _clientGone = new();
    private Task _reading = Task.CompletedTask;
    private bool _stdinClosed;

    public WebSocketChannels(WebSocket socket, string protocol)
    {
        _socket = socket;
        _supportsClose = ChannelProtocol.SupportsClose(protocol);
    }

    public Stream Stdin => _stdin.Reader.AsStream();

    public IAsyncEnumerable<TerminalSize> Sizes => _sizes.Reader.ReadAllAsync();

    /// <summary>Cancelled when the client closed the WebSocket or the connection broke.</summary>
    public CancellationToken ClientGone => _clientGone.Token;

    public void Start() => _reading = ReadLoopAsync();

    public Stream Output(byte stream) => new WriteOnlyStream((data, token) => SendAsync(stream, data, token));

    public async Task SendAsync(byte stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        do
        {
            var chunk = data[..Math.Min(data.Length, MaxOutputMessage)];
            var message = ChannelProtocol.Encode(stream, chunk.Span);
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                await _socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
            }
            finally
            {
                _sendLock.Release();
            }
            data = data[chunk.Length..];
        }
        while (data.Length > 0);
    }

    /// <summary>Closes normally, then waits (bounded) for the client's close so nothing in flight is lost.</summary>
    public async Task CloseAsync(TimeSpan grace)
    {
        using var deadline = new CancellationTokenSource(grace);
        // Nobody reads stdin any more: let the reader drop it instead of waiting on a full pipe.
        await _stdin.Reader.CompleteAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _sendLock.WaitAsync(deadline.Token);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", deadline.Token);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
            await _reading.WaitAsync(deadline.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The client did not answer in time or is gone: abort below.
        }
        _socket.Abort();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await ReceiveMessageAsync(buffer) is { } message)
            {
                var decoded = ChannelProtocol.Decode(message, _supportsClose);
                if (decoded.Kind == ChannelMessageKind.Invalid) break;
                await DispatchAsync(decoded);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away; the finally below tells everyone.
        }
        finally
        {
            CloseStdin();
            _sizes.Writer.TryComplete();
            _clientGone.Cancel();
        }
    }

    private async Task DispatchAsync(ChannelMessage message)
    {
        switch (message)
        {
            case { Kind: ChannelMessageKind.Data, Stream: ChannelProtocol.Stdin } when !_stdinClosed:
                await _stdin.Writer.WriteAsync(message.Data, _clientGone.Token);
                break;
            case { Kind: ChannelMessageKind.Data, Stream: ChannelProtocol.Resize }:
                foreach (var size in _sizeDecoder.Push(message.Data.Span)) _sizes.Writer.TryWrite(size);
                break;
            case { Kind: ChannelMessageKind.CloseStream, Stream: ChannelProtocol.Stdin }:
                CloseStdin();
                break;
            default:
                // Output streams are ours to write; empty messages and other channels carry nothing for us.
                break;
        }
    }

    private void CloseStdin()
    {
        if (_stdinClosed) return;
        _stdinClosed = true;
        _stdin.Writer.Complete();
    }

    /// <summary>One whole message, or null when the client closed.</summary>
    private async Task<ReadOnlyMemory<byte>?> ReceiveMessageAsync(byte[] buffer)
    {
        var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
        if (result.MessageType == WebSocketMessageType.Close) return null;
        if (result.EndOfMessage) return buffer.AsMemory(0, result.Count).ToArray();
        using var message = new MemoryStream();
        message.Write(buffer, 0, result.Count);
        while (!result.EndOfMessage)
        {
            result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxMessage) throw new WebSocketException(WebSocketError.Faulted, "message too large");
        }
        return message.ToArray();
    }
}
