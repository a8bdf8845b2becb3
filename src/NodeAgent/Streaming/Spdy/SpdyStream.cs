using System.IO.Pipelines;

namespace ActorOrchestrator.NodeAgent.Streaming.Spdy;

/// <summary>
/// One stream of a <see cref="SpdyConnection"/> opened by the peer. Its input is what the peer sends
/// (ending at the peer's FIN); writes become DATA frames after the SYN_REPLY. Both halves close
/// independently; a reset (either side) or the connection's end aborts both.
/// </summary>
public sealed class SpdyStream
{
    /// <summary>Data frames are cut to this size: small enough to interleave streams, large enough to be cheap.</summary>
    public const int MaxDataFrame = 32 * 1024;

    private readonly SpdyConnection _connection;
    private readonly Pipe _inbound = new(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
    private readonly CancellationTokenSource _aborted = new();
    private readonly TaskCompletionSource _replied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _lock = new();
    private bool _remoteClosed;
    private bool _localClosed;
    private Stream? _input;
    private long _unacknowledged;

    internal SpdyStream(SpdyConnection connection, uint id, SpdyHeaders headers, long sendWindow)
    {
        _connection = connection;
        Id = id;
        Headers = headers;
        SendWindow = new SpdyFlowWindow(sendWindow);
    }

    public uint Id { get; }

    public SpdyHeaders Headers { get; }

    /// <summary>Cancelled when the stream is reset by either side or the connection ends.</summary>
    public CancellationToken Aborted => _aborted.Token;

    public bool IsAborted => _aborted.IsCancellationRequested;

    /// <summary>What the peer sends; ends at its FIN, fails when the stream is aborted.</summary>
    public PipeReader Reader => _inbound.Reader;

    /// <summary><see cref="Reader"/> as a stream; disposing it stops reading (later data is dropped).</summary>
    public Stream Input => _input ??= _inbound.Reader.AsStream();

    internal SpdyFlowWindow SendWindow { get; }

    /// <summary>Sends <paramref name="data"/> as DATA frames, within the flow-control windows when the peer uses them.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await _replied.Task.WaitAsync(cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _aborted.Token);
        while (data.Length > 0)
        {
            var size = await _connection.TakeSendWindowAsync(this, Math.Min(data.Length, MaxDataFrame), linked.Token);
            await _connection.WriteFrameAsync(new SpdyDataFrame(Id, false, data[..size]), linked.Token);
            data = data[size..];
        }
    }

    /// <summary>Half-closes this side (an empty DATA frame with FIN). Idempotent; a no-op on an aborted stream.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_localClosed || IsAborted) return;
            _localClosed = true;
        }
        try
        {
            await _replied.Task.WaitAsync(cancellationToken);
            await _connection.WriteFrameAsync(new SpdyDataFrame(Id, true, ReadOnlyMemory<byte>.Empty), cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is going away; there is nobody left to tell.
        }
        ForgetIfDone();
    }

    /// <summary>Resets the stream (RST_STREAM) and aborts both halves.</summary>
    public async Task ResetAsync(SpdyResetStatus status = SpdyResetStatus.Cancel)
    {
        if (IsAborted) return;
        Abort();
        try
        {
            await _connection.WriteFrameAsync(new SpdyRstStreamFrame(Id, status), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    /// <summary>Stops reading: data still arriving is dropped instead of buffered.</summary>
    public void StopReading() => _inbound.Reader.Complete();

    internal void MarkReplied() => _replied.TrySetResult();

    /// <summary>Buffers the peer's data; waits (holding the connection's reader) while the consumer is behind.</summary>
    internal async ValueTask ReceiveAsync(ReadOnlyMemory<byte> data, bool fin, CancellationToken cancellationToken)
    {
        if (data.Length > 0 && !RemoteClosed)
        {
            try
            {
                await _inbound.Writer.WriteAsync(data, cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // Writer already completed by an abort racing this frame.
            }
            _unacknowledged += data.Length;
        }
        if (fin) CloseRemote();
    }

    /// <summary>Bytes received since the last WINDOW_UPDATE, reset to zero when taken.</summary>
    internal long TakeUnacknowledged(long threshold)
    {
        if (_unacknowledged < threshold) return 0;
        var taken = _unacknowledged;
        _unacknowledged = 0;
        return taken;
    }

    internal bool RemoteClosed
    {
        get
        {
            lock (_lock) return _remoteClosed;
        }
    }

    internal void CloseRemote()
    {
        lock (_lock)
        {
            if (_remoteClosed) return;
            _remoteClosed = true;
        }
        _inbound.Writer.Complete();
        ForgetIfDone();
    }

    /// <summary>Reset by the peer, or the connection ended: both halves fail.</summary>
    internal void Abort()
    {
        bool completeWriter;
        lock (_lock)
        {
            completeWriter = !_remoteClosed;
            _remoteClosed = true;
            _localClosed = true;
        }
        if (completeWriter) _inbound.Writer.Complete(new IOException($"SPDY stream {Id} was reset"));
        _replied.TrySetCanceled();
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Cancellation callbacks disposed their own sources: nothing left to notify.
        }
        _connection.Forget(this);
    }

    private void ForgetIfDone()
    {
        bool done;
        lock (_lock) done = _localClosed && _remoteClosed;
        if (done) _connection.Forget(this);
    }

    public override string ToString() => $"stream {Id} ({Headers})";
}
