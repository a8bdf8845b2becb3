using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ActorOrchestrator.Gateway.Streaming;

/// <summary>
/// An upgrade request (<c>Upgrade: websocket</c> or <c>Upgrade: SPDY/3.1</c>), relayed the way
/// kube-apiserver proxies upgrades to the kubelet: the same request line and upgrade headers are written
/// to a raw TCP connection to the agent, the agent's answer is passed back (its 101 with the negotiated
/// sub-protocol and, for WebSocket, the accept key computed from the client's own key; or its error
/// and body), and after a 101 the bytes are copied both ways untouched. The WebSocket or SPDY session
/// is the client's and the agent's; the relay never parses it.
/// </summary>
/// <remarks>
/// Not <c>ClientWebSocket</c> towards the agent: .NET refuses sub-protocols that are not RFC 6455
/// tokens, and kubectl's port-forward tunnel protocol <c>SPDY/3.1+portforward.k8s.io</c> has a '/'.
/// </remarks>
internal sealed class UpgradeRelay(PodStreamRelayOptions options)
{
    /// <summary>Request headers the agent needs to see; hop-by-hop or gateway-only ones stay here.</summary>
    private static readonly string[] ForwardedHeaders =
    [
        "Upgrade", "Connection", "X-Stream-Protocol-Version", "User-Agent",
        "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Protocol",
    ];

    /// <summary>Answer headers passed back with the 101 (Connection is set by the server itself).</summary>
    private static readonly string[] ReturnedHeaders = ["Upgrade", "X-Stream-Protocol-Version", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol"];

    public async Task RelayAsync(HttpContext http, Uri agentUrl)
    {
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true }) throw Api.Errors.ApiException.BadRequest("Upgrade request required");

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        NetworkStream agent;
        HttpResponseHead? head;
        using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted))
        {
            handshake.CancelAfter(options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(agentUrl.Host, agentUrl.Port, handshake.Token);
                agent = new NetworkStream(socket, ownsSocket: false);
                handshake.CancelAfter(options.HandshakeTimeout);
                await agent.WriteAsync(RequestHead(http.Request, agentUrl), handshake.Token);
                head = await HttpResponseHead.ReadAsync(agent, 16 * 1024, handshake.Token);
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidDataException || (e is OperationCanceledException && !http.RequestAborted.IsCancellationRequested))
            {
                throw new Api.Errors.ApiException(500, "InternalError", $"error dialing backend: {e.Message}");
            }
        }
        await using var owned = agent;
        if (head is null) throw new Api.Errors.ApiException(500, "InternalError", "error dialing backend: the node agent closed the connection");
        if (head.StatusCode != StatusCodes.Status101SwitchingProtocols)
        {
            await PassErrorAsync(http, head, agent);
            return;
        }
        foreach (var name in ReturnedHeaders)
        {
            foreach (var value in head.Values(name)) http.Response.Headers.Append(name, value);
        }
        http.Response.Headers.Connection = "Upgrade";
        var client = await upgrade.UpgradeAsync();
        if (head.Leftover.Length > 0) await client.WriteAsync(head.Leftover, http.RequestAborted);
        await RelayBytesAsync(client, agent, socket, options.CloseGracePeriod, http.RequestAborted);
    }

    private static byte[] RequestHead(HttpRequest request, Uri agentUrl)
    {
        var head = new StringBuilder();
        head.Append($"{request.Method} {agentUrl.PathAndQuery} HTTP/1.1\r\n");
        head.Append($"Host: {agentUrl.Authority}\r\n");
        foreach (var name in ForwardedHeaders)
        {
            foreach (var value in request.Headers[name]) head.Append($"{name}: {value}\r\n");
        }
        head.Append("Content-Length: 0\r\n\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    private async Task PassErrorAsync(HttpContext http, HttpResponseHead head, Stream agent)
    {
        var body = new MemoryStream();
        body.Write(head.Leftover);
        var declared = head.Values("Content-Length").Select(v => long.TryParse(v, out var n) ? n : -1).FirstOrDefault(-1);
        var wanted = declared >= 0 ? Math.Min(declared, options.MaxErrorBody) : options.MaxErrorBody;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(options.HandshakeTimeout);
        var buffer = new byte[4096];
        try
        {
            while (body.Length < wanted)
            {
                var read = await agent.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, wanted - body.Length)), deadline.Token);
                if (read == 0) break;
                body.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Pass on what arrived.
        }
        http.Response.StatusCode = head.StatusCode;
        http.Response.ContentType = head.Values("Content-Type").FirstOrDefault() ?? "text/plain";
        await http.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)Math.Min(body.Length, wanted)), http.RequestAborted);
    }

    /// <summary>
    /// Copies both ways. The client's end of input is passed on as a TCP half-close; the agent's end
    /// of output ends the client connection once the client has finished too, or after the grace.
    /// </summary>
    private static async Task RelayBytesAsync(Stream client, Stream agent, Socket agentSocket, TimeSpan grace, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = CopyAsync(client, agent, () => agentSocket.Shutdown(SocketShutdown.Send), stop.Token);
        var down = CopyAsync(agent, client, () => { }, stop.Token);
        var first = await Task.WhenAny(up, down);
        if (first.IsCompletedSuccessfully)
        {
            var other = first == up ? down : up;
            await Task.WhenAny(other, Task.Delay(grace, stop.Token));
        }
        await stop.CancelAsync();
        await Task.WhenAll(up, down).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
    }

    private static async Task CopyAsync(Stream from, Stream to, Action ended, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            await to.FlushAsync(cancellationToken);
        }
        ended();
    }
}
