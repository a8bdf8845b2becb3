using System.Net;
using ActorOrchestrator.NodeAgent.Streaming.Spdy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>
/// <c>/portForward/{ns}/{pod}</c>: SPDY/3.1 port-forward, either tunnelled in a WebSocket (subprotocol
/// <c>SPDY/3.1+portforward.k8s.io</c>, kubectl 1.30+'s default; SPDY frames ride in binary messages with
/// no regard for message boundaries) or on a plain <c>Upgrade: SPDY/3.1</c> connection
/// (<c>X-Stream-Protocol-Version: portforward.k8s.io</c>).
/// </summary>
internal sealed class PortForwardHandler(IContainerLocator locator, AgentApiOptions options, AgentStreamingStats stats, ILogger logger)
{
    public const string Protocol = "portforward.k8s.io";
    public const string TunnelProtocol = "SPDY/3.1+" + Protocol;

    private static readonly IReadOnlyList<string> Protocols = [Protocol];

    public async Task HandleAsync(HttpContext http, string ns, string pod)
    {
        if (locator.PodIp(ns, pod) is not { } ip || !IPAddress.TryParse(ip, out var podIp))
        {
            await AgentErrors.NotFound(http, "pod does not exist");
            return;
        }
        Stream? transport;
        System.Net.WebSockets.WebSocket? socket = null;
        if (http.WebSockets.IsWebSocketRequest)
        {
            if (!http.WebSockets.WebSocketRequestedProtocols.Contains(TunnelProtocol))
            {
                await AgentErrors.BadRequest(http, $"requested protocol(s) are not supported: [{string.Join(' ', http.WebSockets.WebSocketRequestedProtocols)}]; supports [{TunnelProtocol}]");
                return;
            }
            socket = await WebSocketAccept.AcceptAsync(http, TunnelProtocol, options.WebSocketKeepAlive);
            transport = socket is null ? null : new WebSocketByteStream(socket);
        }
        else if (StreamUpgrade.IsSpdyUpgrade(http.Request))
        {
            if (StreamUpgrade.Negotiate(http.Request, Protocols) is null)
            {
                await StreamUpgrade.RefuseProtocolAsync(http, Protocols);
                return;
            }
            transport = await StreamUpgrade.AcceptSpdyAsync(http, Protocol);
        }
        else
        {
            await AgentErrors.BadRequest(http, "Upgrade request required");
            return;
        }
        if (transport is null) return;

        using var session = stats.Session();
        var forwarding = new PortForwardSession(pod, podIp, options, stats, logger);
        await using (var connection = new SpdyConnection(transport, logger))
        {
            await connection.RunAsync(forwarding.OnStream, http.RequestAborted);
        }
        await forwarding.DrainAsync();
        if (socket is not null) await CloseAsync(socket);
    }

    /// <summary>Completes the close handshake when the client started it (a relay waits for it), then lets go.</summary>
    private async Task CloseAsync(System.Net.WebSockets.WebSocket socket)
    {
        using var deadline = new CancellationTokenSource(options.CloseGracePeriod);
        try
        {
            if (socket.State is System.Net.WebSockets.WebSocketState.Open or System.Net.WebSockets.WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "", deadline.Token);
            }
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or IOException)
        {
            // Already gone.
        }
        socket.Abort();
        socket.Dispose();
    }
}
