using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorOrchestrator.NodeAgent.Streaming.Spdy;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>
/// Port-forward on one SPDY connection. For every local connection kubectl opens a pair of streams
/// sharing a <c>requestID</c>: <c>streamType: error</c> (kubectl never writes to it; the agent reports
/// failures there) and <c>streamType: data</c> (the bytes). Once both are open the agent connects to
/// the pod's <c>port</c> and copies both ways; the pair ends when both directions have ended or the
/// data stream is reset (kubectl resets it once it has read everything), and then the error stream is
/// closed so kubectl knows there was no error.
/// </summary>
internal sealed partial class PortForwardSession(string pod, IPAddress podIp, AgentApiOptions options, AgentStreamingStats stats, ILogger logger)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, StreamPair> _pending = [];
    private readonly List<Task> _running = [];

    /// <summary>Classifies a new stream (on the connection's reader: never blocks).</summary>
    public bool OnStream(SpdyStream stream)
    {
        var type = stream.Headers["streamType"];
        if (type is not ("data" or "error")) return false;
        var requestId = stream.Headers["requestID"] ?? LegacyRequestId(stream, type);
        lock (_lock)
        {
            if (!_pending.TryGetValue(requestId, out var pair))
            {
                pair = new StreamPair(requestId);
                _pending[requestId] = pair;
                _running.Add(ExpireAsync(pair));
            }
            if (type == "error" ? pair.Error is not null : pair.Data is not null) return false;
            if (type == "error") pair.Error = stream;
            else pair.Data = stream;
            if (pair is { Error: not null, Data: not null })
            {
                _pending.Remove(requestId);
                pair.Complete.Cancel();
                _running.Add(Task.Run(() => ForwardAsync(pair.Error, pair.Data)));
            }
        }
        return true;
    }

    /// <summary>Waits for every pair to wind down (the connection has ended, so they all are).</summary>
    public Task DrainAsync()
    {
        lock (_lock)
        {
            foreach (var pair in _pending.Values) pair.Complete.Cancel();
            _pending.Clear();
            return Task.WhenAll(_running);
        }
    }

    /// <summary>Clients older than requestID pair streams by id: data is the error stream's id + 2.</summary>
    private static string LegacyRequestId(SpdyStream stream, string type) =>
        (type == "data" ? stream.Id - 2 : stream.Id).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task ExpireAsync(StreamPair pair)
    {
        try
        {
            await Task.Delay(options.StreamCreationTimeout, pair.Complete.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lock (_lock)
        {
            if (!_pending.Remove(pair.RequestId)) return;
        }
        LogPairTimedOut(pair.RequestId);
        if (pair.Error is { } error) await error.ResetAsync();
        if (pair.Data is { } data) await data.ResetAsync();
    }

    private async Task ForwardAsync(SpdyStream error, SpdyStream data)
    {
        // kubectl half-closes the error stream at once and never writes to it.
        error.StopReading();
        var portHeader = data.Headers["port"];
        if (!ushort.TryParse(portHeader, out var port) || port == 0)
        {
            await FailAsync(error, data, $"invalid port in port forward request: \"{portHeader}\"");
            return;
        }
        using var counted = stats.PortForwardConnection();
        using var socket = new Socket(podIp.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(data.Aborted);
            connect.CancelAfter(options.PodConnectTimeout);
            await socket.ConnectAsync(new IPEndPoint(podIp, port), connect.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            var why = e is OperationCanceledException ? $"no answer within {options.PodConnectTimeout.TotalSeconds:0}s" : e.Message;
            await FailAsync(error, data, $"error forwarding port {port} to pod {pod}: failed to connect to {podIp}:{port}: {why}");
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(data.Aborted);
        var toClient = PodToClientAsync(socket, data, stop.Token);
        var toPod = ClientToPodAsync(data, socket, stop.Token);
        var first = await Task.WhenAny(toClient, toPod);
        if (!first.IsCompletedSuccessfully) await stop.CancelAsync();
        try
        {
            await Task.WhenAll(toClient, toPod);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or InvalidOperationException)
        {
            // One side broke or the client reset the stream: both directions are over.
        }
        finally
        {
            data.StopReading();
            await error.CloseAsync();
            await data.CloseAsync();
        }
    }

    private static async Task PodToClientAsync(Socket socket, SpdyStream data, CancellationToken cancellationToken)
    {
        var buffer = new byte[SpdyStream.MaxDataFrame];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
        {
            await data.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        await data.CloseAsync(cancellationToken);
    }

    private static async Task ClientToPodAsync(SpdyStream data, Socket socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await data.Reader.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer)
            {
                await socket.SendAsync(segment, SocketFlags.None, cancellationToken);
            }
            data.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) break;
        }
        // The client finished sending: the pod sees end of input and may still answer.
        socket.Shutdown(SocketShutdown.Send);
    }

    private static async Task FailAsync(SpdyStream error, SpdyStream data, string message)
    {
        data.StopReading();
        try
        {
            await error.WriteAsync(Encoding.UTF8.GetBytes(message), data.Aborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Gone before it could hear why.
        }
        await error.CloseAsync();
        await data.CloseAsync();
    }

    private sealed class StreamPair(string requestId)
    {
        public string RequestId { get; } = requestId;

        public SpdyStream? Error { get; set; }

        public SpdyStream? Data { get; set; }

        /// <summary>Cancelled when the pair is complete, which stops its expiry timer.</summary>
        public CancellationTokenSource Complete { get; } = new();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "port-forward request {RequestId} never opened both streams; reset")]
    private partial void LogPairTimedOut(string requestId);
}
