using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorOrchestrator.NodeAgent.Streaming.Spdy;

/// <summary>
/// The server side of a SPDY/3.1 connection, as the kubelet runs it for exec and port-forward: the
/// client opens every stream (odd ids), the server replies, both send data, and the server answers
/// pings. One reader (<see cref="RunAsync"/>); writers share a lock so that compressed header blocks
/// go out in the order they were compressed.
/// </summary>
/// <remarks>
/// Flow control: client-go's SPDY library (moby/spdystream) neither sends WINDOW_UPDATE nor honours
/// it, so the windows here are enforced only once the peer shows it takes part (it sends a
/// WINDOW_UPDATE or an INITIAL_WINDOW_SIZE setting). Until then the bytes on the wire are exactly what
/// the kubelet would send, and back-pressure is the transport's own.
/// </remarks>
public sealed partial class SpdyConnection : IAsyncDisposable
{
    /// <summary>SPDY/3.1's initial stream and session window.</summary>
    public const int DefaultWindow = 64 * 1024;

    private readonly Stream _transport;
    private readonly ILogger _logger;
    private readonly SpdyFrameEncoder _encoder = new();
    private readonly SpdyFrameDecoder _decoder = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, SpdyStream> _streams = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly SpdyFlowWindow _sessionSendWindow = new(DefaultWindow);
    private long _initialSendWindow = DefaultWindow;
    private long _sessionUnacknowledged;
    private volatile bool _flowControl;
    private uint _lastPeerStreamId;
    private bool _goingAway;

    public SpdyConnection(Stream transport, ILogger? logger = null)
    {
        _transport = transport;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Cancelled when the connection has ended (the peer closed it, or it failed).</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Streams not yet closed in both directions nor reset.</summary>
    public int OpenStreams => _streams.Count;

    /// <summary>Whether the peer has shown it does SPDY/3.1 flow control.</summary>
    public bool FlowControlActive => _flowControl;

    /// <summary>
    /// Reads frames until the peer closes the connection. <paramref name="onStream"/> sees each stream
    /// the peer opens and returns false to refuse it; it runs on the reader, so it must not block.
    /// When this returns, every stream has been aborted.
    /// </summary>
    public async Task RunAsync(Func<SpdyStream, bool> onStream, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        var token = linked.Token;
        try
        {
            while (await _decoder.ReadAsync(_transport, token) is { } frame)
            {
                await HandleAsync(frame, onStream, token);
            }
        }
        catch (SpdyProtocolException e)
        {
            LogProtocolError(e.Message);
            await TrySendAsync(new SpdyGoAwayFrame(_lastPeerStreamId, SpdyGoAwayStatus.ProtocolError));
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // The peer went away without a goodbye; same outcome as a clean close.
        }
        finally
        {
            Shutdown();
        }
    }

    /// <summary>Tells the peer no more streams will be accepted (GOAWAY); existing streams go on.</summary>
    public Task GoAwayAsync()
    {
        _goingAway = true;
        return TrySendAsync(new SpdyGoAwayFrame(_lastPeerStreamId, SpdyGoAwayStatus.Ok));
    }

    public ValueTask DisposeAsync()
    {
        Shutdown();
        return ValueTask.CompletedTask;
    }

    internal async Task WriteFrameAsync(SpdyFrame frame, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        await _writeLock.WaitAsync(linked.Token);
        try
        {
            var bytes = _encoder.Encode(frame);
            await _transport.WriteAsync(bytes, linked.Token);
            await _transport.FlushAsync(linked.Token);
        }
        catch (Exception e) when (IsDisconnect(e) && e is not OperationCanceledException)
        {
            Shutdown();
            throw new IOException("the SPDY connection is closed", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    internal async ValueTask<int> TakeSendWindowAsync(SpdyStream stream, int wanted, CancellationToken cancellationToken)
    {
        if (!_flowControl) return wanted;
        var fromStream = await stream.SendWindow.TakeAsync(wanted, cancellationToken);
        var fromSession = await _sessionSendWindow.TakeAsync(fromStream, cancellationToken);
        if (fromSession < fromStream) stream.SendWindow.Adjust(fromStream - fromSession);
        return fromSession;
    }

    internal void Forget(SpdyStream stream) => _streams.TryRemove(new KeyValuePair<uint, SpdyStream>(stream.Id, stream));

    private async Task HandleAsync(SpdyFrame frame, Func<SpdyStream, bool> onStream, CancellationToken token)
    {
        switch (frame)
        {
            case SpdyDataFrame data:
                if (_streams.TryGetValue(data.StreamId, out var target))
                {
                    await target.ReceiveAsync(data.Data, data.Fin, token);
                    await AcknowledgeAsync(target, data.Data.Length);
                }
                break;
            case SpdySynStreamFrame syn:
                await OpenAsync(syn, onStream);
                break;
            case SpdyRstStreamFrame rst:
                if (_streams.TryGetValue(rst.StreamId, out var reset)) reset.Abort();
                break;
            case SpdyHeadersFrame { Fin: true } headers:
                if (_streams.TryGetValue(headers.StreamId, out var finished)) finished.CloseRemote();
                break;
            case SpdyPingFrame ping when (ping.Id & 1) == 1:
                // Client pings are odd; echo them. Even ids would answer pings of ours, and we send none.
                await TrySendAsync(ping);
                break;
            case SpdyGoAwayFrame:
                _goingAway = true;
                break;
            case SpdyWindowUpdateFrame update:
                _flowControl = true;
                if (update.StreamId == 0) _sessionSendWindow.Adjust(update.Delta);
                else if (_streams.TryGetValue(update.StreamId, out var grown)) grown.SendWindow.Adjust(update.Delta);
                break;
            case SpdySettingsFrame settings:
                ApplySettings(settings);
                break;
            default:
                // SYN_REPLY (we open no streams), HEADERS without FIN, unknown control frames: ignored as SPDY says.
                break;
        }
    }

    private async Task OpenAsync(SpdySynStreamFrame syn, Func<SpdyStream, bool> onStream)
    {
        if ((syn.StreamId & 1) == 0 || syn.StreamId <= _lastPeerStreamId)
        {
            await TrySendAsync(new SpdyRstStreamFrame(syn.StreamId, SpdyResetStatus.ProtocolError));
            return;
        }
        _lastPeerStreamId = syn.StreamId;
        if (_goingAway)
        {
            await TrySendAsync(new SpdyRstStreamFrame(syn.StreamId, SpdyResetStatus.RefusedStream));
            return;
        }
        var stream = new SpdyStream(this, syn.StreamId, syn.Headers, Interlocked.Read(ref _initialSendWindow));
        _streams[syn.StreamId] = stream;
        if (syn.Fin) stream.CloseRemote();
        bool accepted;
        try
        {
            accepted = onStream(stream);
        }
        catch (Exception e)
        {
            LogHandlerFailed(e, syn.StreamId);
            accepted = false;
        }
        if (!accepted)
        {
            await stream.ResetAsync(SpdyResetStatus.RefusedStream);
            return;
        }
        await TrySendAsync(new SpdySynReplyFrame(syn.StreamId, false, SpdyHeaders.Empty));
        stream.MarkReplied();
    }

    /// <summary>With flow control on, returns window to the peer as its data is taken in.</summary>
    private async Task AcknowledgeAsync(SpdyStream stream, int received)
    {
        if (!_flowControl)
        {
            stream.TakeUnacknowledged(long.MaxValue);
            return;
        }
        const long threshold = DefaultWindow / 2;
        if (stream.TakeUnacknowledged(threshold) is var forStream and > 0 && !stream.RemoteClosed)
        {
            await TrySendAsync(new SpdyWindowUpdateFrame(stream.Id, (uint)forStream));
        }
        _sessionUnacknowledged += received;
        if (_sessionUnacknowledged >= threshold)
        {
            var forSession = _sessionUnacknowledged;
            _sessionUnacknowledged = 0;
            await TrySendAsync(new SpdyWindowUpdateFrame(0, (uint)forSession));
        }
    }

    private void ApplySettings(SpdySettingsFrame settings)
    {
        foreach (var setting in settings.Settings)
        {
            if (setting.Id != SpdySettingsFrame.InitialWindowSizeId) continue;
            _flowControl = true;
            var delta = setting.Value - Interlocked.Exchange(ref _initialSendWindow, setting.Value);
            foreach (var stream in _streams.Values) stream.SendWindow.Adjust(delta);
        }
    }

    private async Task TrySendAsync(SpdyFrame frame)
    {
        try
        {
            await WriteFrameAsync(frame, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is closing; the frame has nobody to go to.
        }
    }

    private void Shutdown()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already shut down.
        }
        foreach (var stream in _streams.Values) stream.Abort();
    }

    private static bool IsDisconnect(Exception e) =>
        e is IOException or OperationCanceledException or ObjectDisposedException or WebSocketException
            or System.Net.Sockets.SocketException or Microsoft.AspNetCore.Connections.ConnectionResetException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "SPDY protocol error from the peer: {Reason}")]
    private partial void LogProtocolError(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream handler failed for SPDY stream {StreamId}")]
    private partial void LogHandlerFailed(Exception exception, uint streamId);
}
